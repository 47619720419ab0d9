// The processes a benchmark round measures, each fresh: review-sla as `review-sla start` runs it
// (worker and sweep on) and the bare Probot baseline; both are stopped by the round that started them.
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { openSync } from "node:fs";
import { join } from "node:path";
import { freePort, throwawayPrivateKey } from "../src/demo/local-app.js";

export const BENCH_SECRET = "bench-webhook-secret";
const ROOT = join(import.meta.dirname, "..");

export interface Running {
  port: number;
  pid: number;
  stop(): Promise<void>;
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url);
    await response.text();
    return response.status < 500;
  } catch {
    return false;
  }
}

async function started(child: ChildProcess, url: string, label: string): Promise<void> {
  let output = "";
  child.stderr?.on("data", (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
  for (let i = 0; i < 600; i += 1) {
    if (child.exitCode !== null) throw new Error(`${label} exited: ${output}`);
    if (await answers(url)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill("SIGKILL");
  throw new Error(`${label} did not start within 30 s: ${output}`);
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      child.once("exit", () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill("SIGTERM");
    });
}

/**
 * Node options for the measured review-sla process: `BENCH_PROFILE_DIR=<dir>` writes a CPU profile
 * of each one there (open it in Chrome DevTools), to see where its time goes.
 */
function profileArgs(): string[] {
  const dir = process.env.BENCH_PROFILE_DIR;
  return dir ? ["--cpu-prof", `--cpu-prof-dir=${dir}`] : [];
}

/**
 * `node dist/cli.js start` against the stand-in GitHub at `githubHost`; `settings` change a
 * deployment's defaults (e.g. a shorter sweep interval).
 */
export async function startReviewSla(
  databaseUrl: string,
  githubHost: string,
  settings: Record<string, string> = {},
): Promise<Running> {
  const port = await freePort();
  // BENCH_APP_DIST: another build of the app (e.g. of an earlier commit) to measure instead.
  const dist = process.env.BENCH_APP_DIST ?? join(ROOT, "dist");
  const args = [...profileArgs(), join(dist, "cli.js"), "start"];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? "",
      APP_ID: "1",
      PRIVATE_KEY: throwawayPrivateKey(),
      WEBHOOK_SECRET: BENCH_SECRET,
      HOST: "127.0.0.1",
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      GHE_HOST: githubHost,
      GHE_PROTOCOL: "http",
      LOG_LEVEL: "error",
      ...settings,
    },
    // BENCH_APP_LOG=<file>: the measured process's log (LOG_LEVEL error) appended there.
    stdio: [
      "ignore",
      process.env.BENCH_APP_LOG ? openSync(process.env.BENCH_APP_LOG, "a") : "ignore",
      "pipe",
    ],
  });
  await started(child, `http://127.0.0.1:${port}/healthz`, "review-sla");
  return { port, pid: child.pid ?? 0, stop: stopper(child) };
}

export async function startBareProbot(): Promise<Running> {
  const port = await freePort();
  const child = spawn(join(ROOT, "node_modules/.bin/tsx"), [join(ROOT, "bench/bare-app.ts")], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", PORT: String(port), WEBHOOK_SECRET: BENCH_SECRET },
    stdio: ["ignore", "ignore", "pipe"],
  });
  await started(child, `http://127.0.0.1:${port}/ping`, "bare Probot");
  return { port, pid: child.pid ?? 0, stop: stopper(child) };
}
