// Starts the real app (Probot server, handlers, store, sweep and worker driven by the caller)
// against stand-ins on 127.0.0.1: a throwaway RSA key, an Octokit without retries or
// throttling, and settings built here rather than read from the environment.
import { generateKeyPairSync } from "node:crypto";
import { createServer } from "node:net";
import type { Logger } from "pino";
import { ProbotOctokit } from "probot";
import type { Clock } from "../runtime-clock.js";
import { startApp } from "../server.js";
import type { RunningApp } from "../server.js";
import { loadSettings } from "../settings.js";

/** Octokit without retries or throttling: a stand-in answers at once, nobody should wait. */
export const LocalOctokit = ProbotOctokit.defaults((options: Record<string, unknown>) => ({
  ...options,
  retry: { enabled: false },
  throttle: { enabled: false },
}));

let cachedKey: string | null = null;

/** A 2048-bit RSA key made for this process: the stand-in GitHub accepts any signed JWT. */
export function throwawayPrivateKey(): string {
  cachedKey ??= generateKeyPairSync("rsa", {
    modulusLength: 2048,
    privateKeyEncoding: { type: "pkcs1", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  }).privateKey;
  return cachedKey;
}

/** A TCP port free on 127.0.0.1 right now (the app's settings need a number, not 0). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface LocalAppOptions {
  githubHost: string;
  databaseUrl: string;
  clock: Clock;
  webhookSecret: string;
  log: Logger;
  /** More settings, as environment variables (e.g. SLACK_BOT_TOKEN, SLACK_API_URL). */
  env?: Record<string, string>;
  /** Leases, retries and budgets (default: `clock`). */
  machineClock?: Clock;
  /** Deadline of each GitHub request (default 10 s). */
  requestTimeoutMs?: number;
}

/** The real app on 127.0.0.1, talking to the GitHub at `githubHost` over plain HTTP. */
export async function startLocalApp(options: LocalAppOptions): Promise<RunningApp> {
  const settings = loadSettings({
    APP_ID: "1",
    PRIVATE_KEY: throwawayPrivateKey(),
    WEBHOOK_SECRET: options.webhookSecret,
    HOST: "127.0.0.1",
    PORT: String(await freePort()),
    DATABASE_URL: options.databaseUrl,
    GHE_HOST: options.githubHost,
    GHE_PROTOCOL: "http",
    NODE_ENV: "test",
    ...options.env,
  });
  return startApp(settings, options.log, {
    clock: options.clock,
    machineClock: options.machineClock,
    requestTimeoutMs: options.requestTimeoutMs,
    Octokit: LocalOctokit,
    background: false,
  });
}
