// Sweep and backfill costs: a sweep over 100,000 tracked PRs with nothing due (time, memory,
// GitHub calls), a sweep with 1,000 due (GitHub calls per action), and the GitHub requests a
// backfill of a repository with 1,000 open PRs makes per PR.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DateTime } from "luxon";
import { executorsFor } from "../src/executors.js";
import { importAction } from "../src/github/actions/import.js";
import { ActionWorker } from "../src/outbox/worker.js";
import { sweep } from "../src/scheduler/sweep.js";
import { createStore } from "../src/store/kysely-store.js";
import { privateKey, silentLog } from "../test/helpers/app.js";
import { finished, spawnCli } from "../test/helpers/cli.js";
import { StandInGitHub } from "../src/demo/stand-in-github.js";
import type { StandInPull } from "../src/demo/stand-in-github.js";
import { octokitShell } from "../test/helpers/octokit-shell.js";
import { seedRepository, seedWaitingPulls } from "../test/helpers/seed.js";
import { ms } from "./stats.js";

const t0 = DateTime.fromISO("2026-11-23T09:00:00Z", { zone: "utc" });
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function withGitHub<T>(fn: (github: StandInGitHub) => Promise<T>): Promise<T> {
  const github = new StandInGitHub();
  await github.start();
  github.addRepo({ id: 10, owner: "octo", name: "api" });
  try {
    return await fn(github);
  } finally {
    await github.stop();
  }
}

/** Peak RSS of a running process, from /proc (Linux); null elsewhere. */
function highWaterMark(pid: number): number | null {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** The real `review-sla sweep` in its own process over 100,000 PRs with nothing due. */
export async function benchIdleSweep(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), "review-sla-bench-sweep-"));
  const url = `sqlite:${join(dir, "idle.db")}`;
  const store = await createStore(url);
  const repo = { installationId: 1, repositoryId: 10, owner: "octo" };
  await seedRepository(store, repo, t0);
  await store.transaction((tx) =>
    seedWaitingPulls(tx, repo, { count: 100_000, firstId: 1, createdAt: () => t0 }),
  );
  await store.transaction(async (tx) => {
    for (const id of await tx.pulls.listOpenIds(1, 10))
      await tx.pulls.setNextDueAt(id, t0.plus({ days: 30 }));
  });
  await store.close();
  return withGitHub(async (github) => {
    const env = {
      APP_ID: "1",
      PRIVATE_KEY: privateKey(),
      DATABASE_URL: url,
      GHE_HOST: github.host,
      GHE_PROTOCOL: "http",
    };
    const child = spawnCli(["sweep", "--at", t0.plus({ days: 1 }).toISO()!], env, dir);
    let peak = 0;
    const sampler = setInterval(
      () => (peak = Math.max(peak, highWaterMark(child.pid ?? 0) ?? 0)),
      5,
    );
    const run = await finished(child, "sweep", 60_000);
    clearInterval(sampler);
    rmSync(dir, { recursive: true, force: true });
    const took = /sweep took ([\d.]+) ms/.exec(run.stdout)?.[1] ?? "?";
    return [
      `sweep, 100,000 tracked PRs, nothing due (review-sla sweep in its own process): sweep ${took} ms (target < 1 s), ` +
        `${github.requests.length} GitHub calls (target 0), process peak RSS ${peak ? mb(peak) : "unknown"} (target < 256 MB)`,
    ];
  });
}

export async function benchDueSweep(): Promise<string[]> {
  return withGitHub(async (github) => {
    const { deps, store, clock } = await octokitShell(github, t0.plus({ days: 2 }).toISO()!);
    const repo = { installationId: 1, repositoryId: 10, owner: "octo" };
    await seedRepository(store, repo, t0);
    await store.transaction((tx) =>
      seedWaitingPulls(tx, repo, {
        count: 1_000,
        firstId: 1,
        createdAt: (i) => t0.plus({ seconds: i }),
      }),
    );
    const started = performance.now();
    const report = await sweep(deps, { at: clock.now() });
    const sweepMs = performance.now() - started;
    const worker = new ActionWorker({
      store,
      clock,
      log: silentLog,
      executors: executorsFor({ ...deps, takeContentSlot: () => Promise.resolve() }),
    });
    await worker.drain();
    const calls = github.apiCalls().length;
    await store.close();
    return [
      `sweep, 1,000 PRs due: sweep ${ms(sweepMs)}, ${report.actions.length} actions, ${calls} GitHub calls performing them ` +
        `= ${(calls / report.actions.length).toFixed(3)} calls per action (target <= 1.05)`,
    ];
  });
}

function openPull(n: number): StandInPull {
  const at = t0.plus({ minutes: n }).toISO()!;
  return {
    id: 10_000 + n,
    number: n,
    title: `PR ${n}`,
    user: { login: "dana", type: "User" },
    draft: false,
    state: "open",
    created_at: at,
    updated_at: at,
    closed_at: null,
    merged_at: null,
    labels: [{ name: "backend" }],
    head: { sha: `s${n}`, ref: "b" },
    additions: 40,
    deletions: 4,
    changed_files: 3,
    requested_reviewers: [{ login: "alice" }],
    requested_teams: [],
    reviews:
      n % 3 === 0 ? [{ id: n, user: { login: "bob" }, state: "COMMENTED", submitted_at: at }] : [],
    events: [{ event: "review_requested", created_at: at, requested_reviewer: { login: "alice" } }],
  };
}

export async function benchBackfill(): Promise<string[]> {
  return withGitHub(async (github) => {
    for (let n = 1; n <= 1_000; n += 1) github.addPull("octo/api", openPull(n));
    const { deps, store, clock } = await octokitShell(github, t0.toISO()!);
    await seedRepository(store, { installationId: 1, repositoryId: 10, owner: "octo" }, t0);
    await store.outbox.enqueue(importAction(1, 10, "import:10:bench", clock.now()));
    const worker = new ActionWorker({
      store,
      clock,
      log: silentLog,
      executors: executorsFor(deps),
    });
    const started = performance.now();
    await worker.drain();
    const wall = performance.now() - started;
    const requests = github.apiCalls().length;
    const imported = await store.pulls.countOpen();
    await store.close();
    return [
      `backfill, 1,000 open PRs: ${imported} imported in ${ms(wall)}, ${requests} GitHub requests ` +
        `= ${(requests / 1_000).toFixed(3)} per PR (target <= 0.05; REST would need ~3)`,
    ];
  });
}
