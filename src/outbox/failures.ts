// How a failed GitHub or Slack call is retried: transient failures back off and retry,
// rate limits wait for their reset, and requests GitHub will never accept give up (recorded).
import { DateTime } from "luxon";

export interface Failure {
  message: string;
  /** When to try again, or null to give up. */
  retryAt: DateTime | null;
  /** Set when the whole installation should pause (rate limited) until this time. */
  pauseInstallationUntil: DateTime | null;
}

const MAX_BACKOFF_MS = 60 * 60 * 1000;

function field(error: unknown, name: string): unknown {
  return typeof error === "object" && error !== null && name in error
    ? (error as Record<string, unknown>)[name]
    : undefined;
}

function header(error: unknown, name: string): string | undefined {
  const response = field(error, "response");
  const headers = field(response, "headers");
  const value = field(headers, name);
  return typeof value === "string" || typeof value === "number" ? String(value) : undefined;
}

export function statusOf(error: unknown): number | undefined {
  const status = field(error, "status") ?? field(error, "statusCode");
  return typeof status === "number" ? status : undefined;
}

/** Exponential backoff: 30 s, 1 min, 2 min… capped at one hour. */
export function backoffMs(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, 30_000 * 2 ** Math.max(0, attempts - 1));
}

function rateLimitWait(error: unknown, now: DateTime): DateTime | null {
  const retryAfter = header(error, "retry-after");
  if (retryAfter !== undefined && Number.isFinite(Number(retryAfter))) {
    return now.plus({ seconds: Math.max(1, Number(retryAfter)) });
  }
  if (header(error, "x-ratelimit-remaining") === "0") {
    const reset = Number(header(error, "x-ratelimit-reset"));
    if (Number.isFinite(reset)) {
      const resetAt = DateTime.fromSeconds(reset, { zone: "utc" });
      return resetAt > now ? resetAt : now.plus({ minutes: 1 });
    }
  }
  const message = error instanceof Error ? error.message : "";
  if (/secondary rate limit|abuse/i.test(message)) return now.plus({ minutes: 1 });
  return null;
}

/** Classifies an error thrown while performing an action attempted `attempts` times. */
export function classifyFailure(error: unknown, attempts: number, now: DateTime): Failure {
  const status = statusOf(error);
  const message = `${status ? `HTTP ${status}: ` : ""}${error instanceof Error ? error.message : String(error)}`;
  if (status === 429 || status === 403) {
    const wait = rateLimitWait(error, now);
    // Another service's limit (Slack's) is not the installation's: only this action waits.
    const pause = field(error, "pausesInstallation") === false ? null : wait;
    if (wait) return { message, retryAt: wait, pauseInstallationUntil: pause };
  }
  // An action that cannot be performed as recorded (unknown kind, invalid payload) never will be.
  const permanent =
    field(error, "permanent") === true ||
    (status !== undefined &&
      status >= 400 &&
      status < 500 &&
      status !== 401 &&
      status !== 408 &&
      status !== 429);
  if (permanent) return { message, retryAt: null, pauseInstallationUntil: null };
  return {
    message,
    retryAt: now.plus({ milliseconds: backoffMs(attempts) }),
    pauseInstallationUntil: null,
  };
}
