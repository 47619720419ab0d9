// What the one-shot commands share: settings, a logger, the store and a Probot client.
import { Probot } from "probot";
import type { Logger } from "pino";
import { fetchWithTimeout, GITHUB_REQUEST_TIMEOUT_MS } from "../github/request-timeout.js";
import { githubFor } from "../index.js";
import { Runtime } from "../runtime.js";
import type { Clock } from "../runtime-clock.js";
import type { Settings } from "../settings.js";
import { slackFromSettings } from "../slack/setup.js";
import { createStore } from "../store/kysely-store.js";

export class CliError extends Error {
  override name = "CliError";
}

export interface CommandContext {
  settings: Settings;
  log: Logger;
  out: (line: string) => void;
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
    log,
    request: { fetch: fetchWithTimeout(GITHUB_REQUEST_TIMEOUT_MS) },
  });
  const store = await createStore(settings.databaseUrl);
  const runtime = new Runtime({
    store,
    clock,
    machineClock,
    log,
    sweepIntervalSeconds: settings.sweepIntervalSeconds,
    slack: slackFromSettings(settings, log),
  });
  runtime.bind({
    ...runtime.baseDeps(),
    github: githubFor(runtime, probot),
  });
  return { runtime, probot };
}
