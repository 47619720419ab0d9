// The Slack calls review-sla makes, behind one small interface (a bot token or an incoming
// webhook), and the error shape the outbox's retry policy (`classifyFailure`) understands.
import type { SlackMessage } from "./buttons.js";

export type { SlackMessage };

export interface PostedMessage {
  /** The channel Slack posted to (an ID), or null for an incoming webhook. */
  channel: string | null;
  /** The message timestamp, or null for an incoming webhook. */
  ts: string | null;
}

export interface SlackGateway {
  /** "bot": SLACK_BOT_TOKEN and the Web API; "webhook": SLACK_WEBHOOK_URL. */
  readonly kind: "bot" | "webhook";
  /** Direct messages and user lookups need a bot token. */
  readonly canDirectMessage: boolean;
  /**
   * Posts to a channel (`#name`, `name` or an ID). An incoming webhook always posts to its own
   * channel and ignores `channel`; a bot token needs one.
   */
  postMessage(channel: string | null, message: SlackMessage): Promise<PostedMessage>;
  /** Opens the DM with a Slack user (`conversations.open`) and posts there. */
  postDirectMessage(userId: string, message: SlackMessage): Promise<PostedMessage>;
  /** The Slack user with this email (`users.lookupByEmail`), or null when there is none. */
  lookupUserByEmail(email: string): Promise<string | null>;
  /** Replaces a message the app posted (`chat.update`); needs a bot token. */
  updateMessage(channel: string, ts: string, message: SlackMessage): Promise<void>;
  /**
   * Answers a click through its `response_url`, seen only by the person who clicked. Only URLs on
   * Slack's own host (or SLACK_API_URL's) are called.
   */
  respondEphemeral(responseUrl: string, text: string): Promise<void>;
}

/**
 * A failed Slack call. `status` and `response.headers["retry-after"]` are read by
 * `classifyFailure`: 429 waits for Retry-After, 5xx backs off, other 4xx give up.
 * Slack's rate limits are its own, so they never pause a GitHub installation.
 */
export class SlackCallError extends Error {
  override name = "SlackCallError";
  readonly pausesInstallation = false;
  readonly response: { headers: Record<string, string> };

  constructor(
    message: string,
    readonly status: number,
    retryAfterSeconds?: number,
  ) {
    super(message);
    this.response = {
      headers: retryAfterSeconds === undefined ? {} : { "retry-after": String(retryAfterSeconds) },
    };
  }
}

/** Slack API error codes that no retry will fix: the message or its target is wrong. */
const PERMANENT_CODES = new Set([
  "invalid_arguments",
  "invalid_blocks",
  "invalid_blocks_format",
  "msg_too_long",
  "no_text",
  "too_many_attachments",
  "cannot_dm_bot",
  "user_not_found",
  "user_disabled",
  "users_not_found",
]);

/** The HTTP status an `ok: false` answer stands for: rate limited, permanent, or transient. */
export function statusForSlackCode(code: string): number {
  if (code === "ratelimited" || code === "rate_limited") return 429;
  if (PERMANENT_CODES.has(code)) return 400;
  // Configuration problems (not_in_channel, channel_not_found, invalid_auth…) are retried with
  // backoff until an admin fixes them; the executors bound how long a message stays relevant.
  return 503;
}

/** A Slack channel as configured: `#name` → `name`; names and IDs pass through. */
export function channelArgument(channel: string): string {
  const trimmed = channel.trim();
  return trimmed.startsWith("#") ? trimmed.slice(1) : trimmed;
}
