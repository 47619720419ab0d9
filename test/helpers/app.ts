// Starts the real app (Probot server, handlers, store) against a stand-in GitHub, for tests.
import { generateKeyPairSync } from "node:crypto";
import { createServer } from "node:net";
import { pino } from "pino";
import { ProbotOctokit } from "probot";
import type { Clock } from "../../src/runtime-clock.js";
import { startApp } from "../../src/server.js";
import type { RunningApp } from "../../src/server.js";
import { loadSettings } from "../../src/settings.js";

export const silentLog = pino({ level: "silent" });

/** Octokit without retries or throttling: tests must not wait seconds between comments. */
export const TestOctokit = ProbotOctokit.defaults((options: Record<string, unknown>) => ({
  ...options,
  retry: { enabled: false },
  throttle: { enabled: false },
}));

let cachedKey: string | null = null;
export function privateKey(): string {
  cachedKey ??= generateKeyPairSync("rsa", {
    modulusLength: 2048,
    privateKeyEncoding: { type: "pkcs1", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  }).privateKey;
  return cachedKey;
}

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

export const WEBHOOK_SECRET = "test-webhook-secret";

export async function startTestApp(options: {
  githubHost: string;
  databaseUrl: string;
  clock: Clock;
  env?: Record<string, string>;
}): Promise<RunningApp> {
  const settings = loadSettings({
    APP_ID: "1",
    PRIVATE_KEY: privateKey(),
    WEBHOOK_SECRET,
    HOST: "127.0.0.1",
    PORT: String(await freePort()),
    DATABASE_URL: options.databaseUrl,
    GHE_HOST: options.githubHost,
    GHE_PROTOCOL: "http",
    NODE_ENV: "test",
    ...options.env,
  });
  return startApp(settings, silentLog, {
    clock: options.clock,
    Octokit: TestOctokit,
    background: false,
  });
}
