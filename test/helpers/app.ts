// Starts the real app (Probot server, handlers, store) against a stand-in GitHub, for tests.
import { pino } from "pino";
import {
  freePort,
  LocalOctokit,
  startLocalApp,
  throwawayPrivateKey,
} from "../../src/demo/local-app.js";
import type { Clock } from "../../src/runtime-clock.js";
import type { RunningApp } from "../../src/server.js";

export const silentLog = pino({ level: "silent" });

/** Octokit without retries or throttling: tests must not wait seconds between comments. */
export const TestOctokit = LocalOctokit;
export const privateKey = throwawayPrivateKey;
export { freePort };

export const WEBHOOK_SECRET = "test-webhook-secret";

export async function startTestApp(options: {
  githubHost: string;
  databaseUrl: string;
  clock: Clock;
  env?: Record<string, string>;
}): Promise<RunningApp> {
  return startLocalApp({
    githubHost: options.githubHost,
    databaseUrl: options.databaseUrl,
    clock: options.clock,
    webhookSecret: WEBHOOK_SECRET,
    log: silentLog,
    env: options.env ?? {},
  });
}
