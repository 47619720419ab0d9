// GitHub calls per unit of work: a sweep with 1,000 due (calls per action), and the requests a
// backfill of a repository with 1,000 open PRs makes per PR.
import { DateTime } from "luxon";
import { executorsFor } from "../src/executors.js";
import { importAction } from "../src/github/actions/import.js";
import { ActionWorker } from "../src/outbox/worker.js";
import { sweep } from "../src/scheduler/sweep.js";
import { silentLog } from "../test/helpers/app.js";
import { StandInGitHub } from "../src/demo/stand-in-github.js";
import type { StandInPull } from "../src/demo/stand-in-github.js";
import { octokitShell } from "../test/helpers/octokit-shell.js";
import { seedRepository, seedWaitingPulls } from "../test/helpers/seed.js";
import { ms } from "./stats.js";

const t0 = DateTime.fromISO("2026-11-23T09:00:00Z", { zone: "utc" });

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
