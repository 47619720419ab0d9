// What the one-shot commands share: settings, a logger, the store and a Probot client.
import { Probot } from "probot";
import type { Logger } from "pino";
import { pacedOctokit } from "../github/pace.js";
import { fetchWithTimeout, GITHUB_REQUEST_TIMEOUT_MS } from "../github/request-timeout.js";
import { githubFor } from "../index.js";
import { Runtime } from "../runtime.js";
import type { Clock } from "../runtime-clock.js";
import type { Settings } from "../settings.js";
import { slackFromSettings } from "../slack/setup.js";
import { createStore } from "../store/kysely-store.js";
import type { KyselyStore } from "../store/kysely-store.js";
import { DatabaseError } from "./failures.js";

export class CliError extends Error {
  override name = "CliError";
}

export interface CommandContext {
  settings: Settings;
  log: Logger;
  out: (line: string) => void;
}

/** One retry, not three: a one-shot command should say what is wrong quickly. */
const CommandOctokit = pacedOctokit().defaults((options: Record<string, unknown>) => ({
  ...options,
  retry: { retries: 1 },
}));

/** `postgres://user:secret@host/db` → `postgres://user:***@host/db`, for messages. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@/]*@/, "//$1:***@");
}

/** The configured database, or one line naming DATABASE_URL when it cannot be opened. */
export async function openStore(settings: Settings): Promise<KyselyStore> {
  try {
    return await createStore(settings.databaseUrl);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (reason.includes("DATABASE_URL")) throw new DatabaseError(reason, { cause: error });
    const target = settings.databaseUrl ? redactUrl(settings.databaseUrl) : "./data/review-sla.db";
    throw new DatabaseError(
      `cannot open the database ${target} (${reason || "no answer"}): check DATABASE_URL.`,
      { cause: error },
    );
  }
}

/** A runtime bound to the configured GitHub App (credentials required). */
export async function openAppRuntime(
  ctx: CommandContext,
  clock: Clock,
  machineClock?: Clock,
): Promise<{ runtime: Runtime; probot: Probot }> {
  const { settings, log } = ctx;
  if (!settings.appId || !settings.privateKey) {
    throw new CliError(
      "this command talks to GitHub: set APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH).",
    );
  }
  const probot = new Probot({
    appId: settings.appId,
    privateKey: settings.privateKey,
    baseUrl: settings.githubBaseUrl,
    Octokit: CommandOctokit,
    log,
    request: { fetch: fetchWithTimeout(GITHUB_REQUEST_TIMEOUT_MS) },
  });
  const store = await openStore(settings);
  const runtime = new Runtime({
    store,
    clock,
    machineClock,
    log,
    sweepIntervalSeconds: settings.sweepIntervalSeconds,
    retention: settings.retention,
    actionLeaseSeconds: settings.actionLeaseSeconds,
    slack: slackFromSettings(settings, log),
  });
  runtime.bind({
    ...runtime.baseDeps(),
    github: githubFor(runtime, probot),
  });
  return { runtime, probot };
}
