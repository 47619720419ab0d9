// The Slack gateway over an incoming webhook (SLACK_WEBHOOK_URL): channel messages only, to the
// webhook's own channel. DMs and user lookups need a bot token, so they are unavailable here.
import { IncomingWebhook, IncomingWebhookRequestError } from "@slack/webhook";
import type { Logger } from "pino";
import { SlackCallError } from "./gateway.js";
import type { SlackGateway } from "./gateway.js";

/** Answers other than 2xx become SlackCallError carrying the status and Retry-After. */
async function checkedFetch(url: string | URL, init?: RequestInit): Promise<Response> {
  const response = await fetch(url, init);
  if (response.ok) return response;
  const body = (await response.text()).slice(0, 200);
  const retryAfter = Number(response.headers.get("retry-after") ?? Number.NaN);
  throw new SlackCallError(
    `Slack incoming webhook: HTTP ${response.status}${body ? ` (${body})` : ""}`,
    response.status,
    Number.isFinite(retryAfter) ? retryAfter : undefined,
  );
}

export function incomingWebhookGateway(options: { url: string; log: Logger }): SlackGateway {
  const webhook = new IncomingWebhook(options.url, {
    fetch: checkedFetch,
    retryConfig: { retries: 0 },
    timeout: 30_000,
  });
  let warnedChannel = false;
  const unavailable = (what: string) =>
    new SlackCallError(`${what} needs SLACK_BOT_TOKEN; an incoming webhook cannot do it`, 400);
  return {
    kind: "webhook",
    canDirectMessage: false,
    async postMessage(channel, message) {
      if (channel !== null && !warnedChannel) {
        warnedChannel = true;
        options.log.info({ channel }, "slack.webhook_ignores_channel");
      }
      try {
        await webhook.send({ text: message.text, blocks: message.blocks, unfurl_links: false });
      } catch (error) {
        // The client wraps what our fetch threw; the SlackCallError inside carries the status.
        if (
          error instanceof IncomingWebhookRequestError &&
          error.original instanceof SlackCallError
        )
          throw error.original;
        throw error;
      }
      return { channel: null, ts: null };
    },
    postDirectMessage: () => Promise.reject(unavailable("a direct message")),
    lookupUserByEmail: () => Promise.resolve(null),
    updateMessage: () => Promise.reject(unavailable("updating a message")),
    respondEphemeral: () => Promise.reject(unavailable("answering a click")),
  };
}
