// What the worker's pass costs as one installation's GitHub work piles up: finding installations
// with claimable work (`claimableInstallations`, asked at every pass) and claiming a batch, with
// 0 to 100,000 actions pending in one installation and a few in others.
import { DateTime } from "luxon";
import { createStore } from "../src/store/kysely-store.js";
import type { NewAction, Store } from "../src/store/store.js";
import type { BenchDatabase } from "./databases.js";
import { percentile } from "./stats.js";

const T = DateTime.fromISO("2026-11-25T12:00:00Z", { zone: "utc" });
const BACKLOGS = [0, 1_000, 10_000, 100_000];
const SAMPLES = 30;

function configCheck(key: string, installationId: number): NewAction {
  return {
    key,
    installationId,
    pullRequestId: null,
    kind: "config-check",
    payload: { owner: "octo", repo: "api", number: 1, headSha: "abc", repositoryId: 10 },
    dueAt: T.minus({ minutes: 1 }),
    priority: 0,
  };
}

/** Median and p90 of `SAMPLES` timings of `work(sample)`, in ms. */
async function timed(work: (sample: number) => Promise<unknown>): Promise<string> {
  const times: number[] = [];
  for (let i = 0; i < SAMPLES; i += 1) {
    const started = performance.now();
    await work(i);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return `p50 ${percentile(times, 50).toFixed(2)} ms, p90 ${percentile(times, 90).toFixed(2)} ms`;
}

async function fill(store: Store, from: number, to: number): Promise<void> {
  for (let start = from; start < to; start += 1_000) {
    const count = Math.min(1_000, to - start);
    await store.outbox.enqueueMany(
      Array.from({ length: count }, (_, i) => configCheck(`backlog:${start + i}`, 1)),
    );
  }
}

export async function benchClaim(db: BenchDatabase): Promise<string[]> {
  const store = await createStore(db.fresh());
  const lines = [
    `worker pass with one installation's GitHub work piling up (${db.name}; installations 2-4 have one action each):`,
  ];
  try {
    await store.outbox.enqueueMany([2, 3, 4].map((id) => configCheck(`other:${id}`, id)));
    let stored = 0;
    for (const backlog of BACKLOGS) {
      await fill(store, stored, backlog);
      stored = backlog;
      const find = await timed(() =>
        store.outbox.claimableInstallations({ now: T, dueBy: T, exclude: [], limit: 32, after: 0 }),
      );
      // Each claim's lease has expired by the next sample, which finds the same backlog.
      const claim = await timed((sample) =>
        store.outbox.claim({
          owner: "bench",
          now: T.plus({ seconds: sample }),
          leaseMs: 500,
          limit: 5,
          installationIds: [1],
        }),
      );
      lines.push(
        `  ${backlog.toLocaleString("en")} pending in one installation: installations with work ${find}; claim of 5 ${claim}`,
      );
    }
  } finally {
    await store.close();
  }
  return lines;
}
