// Costs that must grow with the work, not with what is stored: a sweep over 1M open PRs with
// nothing due and with 1 % due, and an idle `review-sla sweep` over an outbox of 100k finished
// actions (time and peak RSS of the process).
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DateTime } from "luxon";
import { createStore } from "../src/store/kysely-store.js";
import { throwawayPrivateKey } from "../src/demo/local-app.js";
import { StandInGitHub } from "../src/demo/stand-in-github.js";
import type { BenchDatabase } from "./databases.js";
import { seedAppliedOutbox, seedOpenPulls, seedRepositories } from "./seed.js";

const ROOT = join(import.meta.dirname, "..");
const T = DateTime.fromISO("2026-11-25T12:00:00Z", { zone: "utc" });

interface ChildRun {
  stdout: string;
  wallMs: number;
  peakMb: number;
}

/** Peak RSS (kB) of a running process, from /proc (Linux); 0 elsewhere or once it is gone. */
function highWaterMark(pid: number | undefined): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid ?? 0}/status`, "utf8"));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** Runs a command to its end, sampling its peak RSS (VmHWM) from /proc. */
function run(command: string, args: string[], env: Record<string, string>): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", LOG_LEVEL: "error", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, highWaterMark(child.pid))), 5);
    const timer = setTimeout(() => child.kill("SIGKILL"), 300_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      clearInterval(sampler);
      if (code !== 0) reject(new Error(`${args.join(" ")} exited ${code}: ${stderr}`));
      else
        resolve({ stdout, wallMs: performance.now() - started, peakMb: Math.round(peak / 1024) });
    });
  });
}

function sweepChild(url: string, mode: "idle" | "due", at: DateTime) {
  return run(join(ROOT, "node_modules/.bin/tsx"), [join(ROOT, "bench/sweep-child.ts")], {
    DATABASE_URL: url,
    MODE: mode,
    AT: at.toISO() ?? "",
  });
}

/**
 * Finished actions each due PR has in the outbox (config checks and check-run writes of its
 * pushes and reviews): the sweep must not pay for a PR's history.
 */
const SWEEP_HISTORY = 40;

/**
 * `open` PRs, 1 % of them due at T (waiting 24-47 h, with `SWEEP_HISTORY` finished actions each),
 * the rest waiting less than 24 h.
 */
export async function benchSweepScale(db: BenchDatabase, open: number): Promise<string[]> {
  const url = db.fresh();
  const store = await createStore(url);
  await seedRepositories(store, 20, T.minus({ days: 30 }));
  await store.close();
  const due = Math.round(open / 100);
  const seeding = performance.now();
  await seedOpenPulls(
    url,
    20,
    open,
    (i) =>
      i < due
        ? T.minus({ hours: 24, seconds: 1 + ((i * 7) % 80_000) })
        : T.minus({ seconds: 1 + ((i * 13) % 86_000) }),
    (i) => (i < due ? SWEEP_HISTORY : 0),
  );
  const seeded = ((performance.now() - seeding) / 1000).toFixed(0);
  const idle = JSON.parse((await sweepChild(url, "idle", T.minus({ days: 1 }))).stdout) as Record<
    string,
    number
  >;
  const busy = JSON.parse((await sweepChild(url, "due", T)).stdout) as Record<string, number>;
  const after = JSON.parse((await sweepChild(url, "idle", T)).stdout) as Record<string, number>;
  const f = (n: number | undefined) => (n ?? Number.NaN).toFixed(1);
  return [
    `sweep, ${open.toLocaleString("en")} open PRs (${db.name}, seeded in ${seeded} s; ${SWEEP_HISTORY} finished actions per due PR):`,
    `  nothing due: ${f(idle.ms)} ms median of 20 sweeps (${f(idle.cpuMs)} ms CPU), peak RSS ${idle.maxRssMb} MB (targets < 5 ms, < 256 MB)`,
    `  ${due.toLocaleString("en")} due: ${f(busy.ms)} ms (${f(busy.cpuMs)} ms CPU in the sweep process) for ${busy.evaluated} PRs evaluated and ${busy.actions} actions recorded, peak RSS ${busy.maxRssMb} MB ` +
      `(target < ${db.name === "SQLite" ? 1 : 2} s)`,
    `  right after, as of the same time: ${f(after.ms)} ms median, ${after.actions} actions`,
  ];
}

/**
 * An idle `review-sla sweep`, a digest preview and a backfill (the CLI, each its own process) with
 * `finished` done actions stored.
 */
export async function benchCliSweep(db: BenchDatabase, finished: number): Promise<string[]> {
  const url = db.fresh();
  const store = await createStore(url);
  await seedRepositories(store, 1, T.minus({ days: 30 }));
  await seedAppliedOutbox(store, Math.round(finished * 0.7), T.minus({ days: 1 }));
  await seedAppliedOutbox(
    store,
    finished - Math.round(finished * 0.7),
    T.minus({ days: 1 }),
    "checklist",
  );
  await store.close();
  const github = new StandInGitHub();
  await github.start();
  try {
    const env = {
      APP_ID: "1",
      PRIVATE_KEY: throwawayPrivateKey(),
      DATABASE_URL: url,
      GHE_HOST: github.host,
      GHE_PROTOCOL: "http",
    };
    const at = T.toISO() ?? "";
    // The sweep is the target's command; the digest (previewed: no Slack here) and a backfill of
    // every installation run beside it on the same outbox, each its own process.
    const commands: [string, string[]][] = [
      ["review-sla sweep (idle)", ["sweep", "--at", at]],
      ["review-sla digest --preview", ["digest", "--preview", "--at", at]],
      ["review-sla backfill", ["backfill"]],
    ];
    const lines = [
      `CLI processes with ${finished.toLocaleString("en")} finished actions in the outbox (${db.name}; wall includes Node start and the migrations check; targets < 2 s, < 256 MB for the sweep):`,
    ];
    for (const [name, args] of commands) {
      const before = github.apiCalls().length;
      const runs: ChildRun[] = [];
      for (let i = 0; i < 3; i += 1) runs.push(await runCli(args, env));
      const walls = runs.map((r) => r.wallMs).sort((a, b) => a - b);
      const peaks = runs.map((r) => r.peakMb).sort((a, b) => a - b);
      lines.push(
        `  ${name}: wall ${walls.map((w) => (w / 1000).toFixed(2)).join(" / ")} s, peak RSS ${peaks.join(" / ")} MB over 3 runs, GitHub calls ${github.apiCalls().length - before}`,
      );
    }
    return lines;
  } finally {
    await github.stop();
  }
}

function runCli(args: string[], env: Record<string, string>): Promise<ChildRun> {
  return run(process.execPath, [join(ROOT, "dist/cli.js"), ...args], env);
}
