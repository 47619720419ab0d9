// The Slack gateway over a bot token: `@slack/web-api`'s WebClient with its own retries off,
// because the outbox retries (with backoff, honouring Retry-After) and records every attempt.
import {
  LogLevel,
  WebAPIHTTPError,
  WebAPIPlatformError,
  WebAPIRateLimitedError,
  WebClient,
} from "@slack/web-api";
import type { Logger as SlackLogger } from "@slack/web-api";
import type { Logger } from "pino";
import { channelArgument, SlackCallError, statusForSlackCode } from "./gateway.js";
import type { PostedMessage, SlackGateway, SlackMessage } from "./gateway.js";

/** Slack's client logs through ours, at debug level: the worker logs each failure itself. */
function slackLogger(log: Logger): SlackLogger {
  let level = LogLevel.DEBUG;
  const line = (parts: unknown[]) => parts.map(String).join(" ");
  return {
    debug: (...parts: unknown[]) => log.debug({ slack: line(parts) }, "slack.client"),
    info: (...parts: unknown[]) => log.debug({ slack: line(parts) }, "slack.client"),
    warn: (...parts: unknown[]) => log.debug({ slack: line(parts) }, "slack.client_warning"),
    error: (...parts: unknown[]) => log.warn({ slack: line(parts) }, "slack.client_error"),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}

/** Maps the client's errors to SlackCallError (status, Retry-After) for the outbox. */
export function toSlackCallError(error: unknown, method: string): unknown {
  if (error instanceof WebAPIRateLimitedError) {
    return new SlackCallError(`Slack ${method}: rate limited`, 429, error.retryAfter);
  }
  if (error instanceof WebAPIHTTPError) {
    const retryAfter = Number(error.headers["retry-after"]);
    return new SlackCallError(
      `Slack ${method}: HTTP ${error.statusCode} ${error.statusMessage}`,
      error.statusCode,
      Number.isFinite(retryAfter) ? retryAfter : undefined,
    );
  }
  if (error instanceof WebAPIPlatformError) {
    const code = error.data.error;
    return new SlackCallError(`Slack ${method}: ${code}`, statusForSlackCode(code));
  }
  return error;
}

async function call<T>(method: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toSlackCallError(error, method);
  }
}

/** SLACK_API_URL with the trailing slash WebClient needs; undefined for Slack's own. */
function apiBase(apiUrl: string | undefined): string | undefined {
  if (!apiUrl) return undefined;
  return apiUrl.endsWith("/") ? apiUrl : `${apiUrl}/`;
}

function poster(client: WebClient) {
  return async (channel: string, message: SlackMessage): Promise<PostedMessage> => {
    const result = await call("chat.postMessage", () =>
      client.chat.postMessage({
        channel,
        text: message.text,
        blocks: message.blocks,
        unfurl_links: false,
        unfurl_media: false,
      }),
    );
    return { channel: result.channel ?? channel, ts: result.ts ?? null };
  };
}

/** `apiUrl` is SLACK_API_URL (default Slack's own), e.g. `http://127.0.0.1:8080/api/`. */
export function webApiGateway(options: {
  token: string;
  apiUrl: string | undefined;
  log: Logger;
}): SlackGateway {
  const slackApiUrl = apiBase(options.apiUrl);
  const client = new WebClient(options.token, {
    ...(slackApiUrl ? { slackApiUrl } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 30_000,
    logger: slackLogger(options.log),
  });
  const post = poster(client);
  return {
    kind: "bot",
    canDirectMessage: true,
    async postMessage(channel, message) {
      if (channel === null || channel.trim() === "") {
        throw new SlackCallError(
          "no Slack channel configured: set digest.slack_channel (or escalation.slack_channel)",
          400,
        );
      }
      return post(channelArgument(channel), message);
    },
    async postDirectMessage(userId, message) {
      const opened = await call("conversations.open", () =>
        client.conversations.open({ users: userId }),
      );
      const channel = opened.channel?.id;
      if (!channel) throw new SlackCallError("Slack conversations.open: no channel id", 502);
      return post(channel, message);
    },
    lookupUserByEmail: (email) => lookupByEmail(client, email),
    async updateMessage(channel, ts, message) {
      await call("chat.update", () =>
        client.chat.update({ channel, ts, text: message.text, blocks: message.blocks }),
      );
    },
    respondEphemeral: (responseUrl, text) => respond(options.apiUrl, responseUrl, text),
  };
}

/** Slack's hosts for response URLs, and SLACK_API_URL's host (a stand-in, an Enterprise proxy). */
function trustedResponseUrl(apiUrl: string | undefined, responseUrl: string): boolean {
  let url: URL;
  try {
    url = new URL(responseUrl);
  } catch {
    return false;
  }
  if (url.protocol === "https:" && url.hostname === "hooks.slack.com") return true;
  return apiUrl !== undefined && new URL(apiUrl).origin === url.origin;
}

async function respond(apiUrl: string | undefined, responseUrl: string, text: string) {
  if (!trustedResponseUrl(apiUrl, responseUrl))
    throw new SlackCallError("Slack response_url is not on Slack's host; not called", 400);
  const response = await fetch(responseUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ response_type: "ephemeral", replace_original: false, text }),
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok)
    throw new SlackCallError(`Slack response_url: HTTP ${response.status}`, response.status);
}

async function lookupByEmail(client: WebClient, email: string): Promise<string | null> {
  try {
    const result = await client.users.lookupByEmail({ email });
    return result.user?.id ?? null;
  } catch (error) {
    if (error instanceof WebAPIPlatformError && error.data.error === "users_not_found") {
      return null;
    }
    throw toSlackCallError(error, "users.lookupByEmail");
  }
}
