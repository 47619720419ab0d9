// `review-sla start`: the Probot server with our handlers and routes, the action worker and
// the periodic sweep, on the configured database; stops cleanly on SIGTERM and SIGINT.
import { Probot, Server } from "probot";
import type { ProbotOctokit } from "probot";
import type { Logger } from "pino";
import { fetchWithTimeout, GITHUB_REQUEST_TIMEOUT_MS } from "./github/request-timeout.js";
import { pacedOctokit } from "./github/pace.js";
import { reviewSlaApp } from "./index.js";
import { Runtime } from "./runtime.js";
import { systemClock } from "./runtime-clock.js";
import type { Clock } from "./runtime-clock.js";
import { reloadSettings } from "./settings.js";
import type { Settings } from "./settings.js";
import { serveRegistration } from "./setup/registration.js";
import type { SetupOptions } from "./setup/registration.js";
import { slackFromSettings } from "./slack/setup.js";
import { createStore } from "./store/kysely-store.js";
import { guardWebhookEventHeader } from "./http/webhook-headers.js";

export class StartError extends Error {
  override name = "StartError";
}

export interface StartOptions {
  /** Decision time (what is due); the real clock by default. */
  clock?: Clock;
  /** Machine time (leases, retries, budgets); defaults to `clock`, so one test clock drives both. */
  machineClock?: Clock;
  /** Deadline of each GitHub request (default 10 s). */
  requestTimeoutMs?: number;
  /** How long stopping waits for actions in flight (default 5 s). */
  stopGraceMs?: number;
  /** Lease of a claimed action (default 5 min). */
  actionLeaseMs?: number;
  /** For tests: an Octokit class with retries and throttling off. */
  Octokit?: typeof ProbotOctokit;
  workerPollMs?: number;
  /** False: no worker loop or sweep timer (tests and the demo drive them). */
  background?: boolean;
}

export interface RunningApp {
  server: Server;
  runtime: Runtime;
  port: number;
  stop(): Promise<void>;
}

/** Names what a real start lacks, for one clear message. */
export function startProblems(settings: Settings): string[] {
  const problems: string[] = [];
  if (!settings.appId) problems.push("APP_ID is not set");
  if (!settings.privateKey) problems.push("PRIVATE_KEY or PRIVATE_KEY_PATH is not set");
  if (!settings.webhookSecret && settings.nodeEnv !== "development") {
    problems.push(
      "WEBHOOK_SECRET is not set (only NODE_ENV=development may run with Probot's development secret)",
    );
  }
  return problems;
}

/**
 * First run without credentials (outside production): a webhook proxy channel and the GitHub App
 * registration page. Resolves with the settings the registration produced, to start the app with.
 */
export async function startSetup(
  settings: Settings,
  log: Logger,
  options: SetupOptions & { reload?: (saved: Record<string, string>) => Settings } = {},
): Promise<Settings> {
  const saved = await serveRegistration(settings, log, options);
  return (options.reload ?? reloadSettings)(saved);
}

export async function startApp(
  settings: Settings,
  log: Logger,
  options: StartOptions = {},
): Promise<RunningApp> {
  const problems = startProblems(settings);
  if (problems.length > 0) throw new StartError(`Cannot start review-sla: ${problems.join("; ")}.`);
  const store = await createStore(settings.databaseUrl);
  log.info({ database: store.describe }, "store.ready");
  const runtime = new Runtime({
    store,
    clock: options.clock ?? systemClock,
    machineClock: options.machineClock ?? options.clock ?? systemClock,
    actionLeaseMs: options.actionLeaseMs,
    stopGraceMs: options.stopGraceMs,
    log,
    sweepIntervalSeconds: settings.sweepIntervalSeconds,
    reconcileIntervalSeconds: settings.reconcileIntervalSeconds,
    retention: settings.retention,
    workerPollMs: options.workerPollMs,
    actionLeaseSeconds: settings.actionLeaseSeconds,
    slack: slackFromSettings(settings, log),
    ...(settings.slackSigningSecret ? { slackSigningSecret: settings.slackSigningSecret } : {}),
  });
  const request = {
    fetch: fetchWithTimeout(options.requestTimeoutMs ?? GITHUB_REQUEST_TIMEOUT_MS),
  };
  const server = new Server({
    Probot: Probot.defaults({
      appId: settings.appId,
      privateKey: settings.privateKey,
      secret: settings.webhookSecret ?? "development",
      baseUrl: settings.githubBaseUrl,
      log,
      request,
      Octokit: options.Octokit ?? pacedOctokit(),
    }),
    host: settings.host,
    port: settings.port,
    webhookPath: settings.webhookPath,
    webhookProxy: settings.webhookProxyUrl,
    log,
    // The Server builds its Probot with `request: options.request`, which overrides the one in
    // Probot.defaults even when undefined: without it here, no GitHub request had a deadline.
    request,
  });
  await server.load(
    reviewSlaApp(runtime, {
      settings: settings.dashboard,
      production: settings.production,
      githubBaseUrl: settings.githubBaseUrl,
    }),
  );
  const http = await server.start();
  guardWebhookEventHeader(http, settings.webhookPath);
  if (options.background !== false) runtime.startBackground();
  const address = http.address();
  const port = typeof address === "object" && address ? address.port : settings.port;
  log.info({ port, sweepIntervalSeconds: settings.sweepIntervalSeconds }, "app.started");
  let stopping: Promise<void> | null = null;
  return {
    server,
    runtime,
    port,
    stop() {
      stopping ??= (async () => {
        // Stop taking webhooks (bounded: a client holding a connection must not hold the exit).
        await Promise.race([server.stop(), new Promise((r) => setTimeout(r, 1_000).unref())]);
        await runtime.stop();
        log.info("app.stopped");
      })();
      return stopping;
    },
  };
}
