// Builds the Slack gateway the settings ask for: a bot token (channel messages, DMs, lookups)
// or an incoming webhook (channel messages only); null when Slack is not configured.
import type { Logger } from "pino";
import type { Settings } from "../settings.js";
import type { SlackGateway } from "./gateway.js";
import { webApiGateway } from "./web-client.js";
import { incomingWebhookGateway } from "./webhook.js";

export interface SlackSetup {
  gateway: SlackGateway;
  /** GitHub's web address for links: https://github.com, or the Enterprise host. */
  githubWebUrl: string;
}

/** `https://github.com`, or `<protocol>://<host>` of GHE_HOST (its API is under /api/v3). */
export function githubWebUrl(settings: Pick<Settings, "githubBaseUrl">): string {
  return settings.githubBaseUrl?.replace(/\/api\/v3\/?$/, "") ?? "https://github.com";
}

export function slackFromSettings(settings: Settings, log: Logger): SlackSetup | null {
  const slackLog = log.child({ name: "slack" });
  const web = githubWebUrl(settings);
  if (settings.slackBotToken) {
    if (settings.slackWebhookUrl) slackLog.info("slack.webhook_ignored_for_bot_token");
    const gateway = webApiGateway({
      token: settings.slackBotToken,
      apiUrl: settings.slackApiUrl,
      log: slackLog,
    });
    return { gateway, githubWebUrl: web };
  }
  if (settings.slackWebhookUrl) {
    slackLog.info("slack.dm_unavailable_with_webhook");
    const gateway = incomingWebhookGateway({ url: settings.slackWebhookUrl, log: slackLog });
    return { gateway, githubWebUrl: web };
  }
  return null;
}
