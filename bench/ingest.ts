// End-to-end webhook ingest: review-sla as `review-sla start` runs it (worker on) against a bare
// Probot app, each in a fresh process, alternating over rounds. A delivery to review-sla counts
// once its inbox row is applied (polled in the store), not when the HTTP answer comes back.
import { randomUUID } from "node:crypto";
import { DateTime } from "luxon";
import { createStore } from "../src/store/kysely-store.js";
import type { Store } from "../src/store/store.js";
import { StandInGitHub } from "../src/demo/stand-in-github.js";
import { deliver, pullRequestPayload } from "../test/helpers/webhooks.js";
import type { BenchDatabase } from "./databases.js";
import { BENCH_SECRET, startBareProbot, startReviewSla } from "./processes.js";
import type { Running } from "./processes.js";
import { seedAppliedOutbox, seedRepositories } from "./seed.js";
import { summary } from "./stats.js";

export interface IngestOptions {
  rounds: number;
  deliveries: number;
  oneAtATime: number;
  /** A week of applied webhooks kept in the outbox while measuring. */
  week: number;
  rate: number;
  seconds: number;
}

let sequence = 0;

/**
 * How often the store is asked whether deliveries are applied. The applied time is the row's own
 * `performed_at`, so this only bounds how soon the next one-at-a-time delivery goes out; polling
 * harder would load the machine the measured process runs on.
 */
const POLL_MS = 10;

function nextPayload(): { event: string; payload: unknown; id: string } {
  const i = sequence++;
  const at = DateTime.fromISO("2026-11-23T09:00:00Z", { zone: "utc" }).plus({ seconds: i });
  return {
    event: "pull_request",
    id: randomUUID(),
    payload: pullRequestPayload(i % 4 === 0 ? "opened" : "synchronize", {
      installationId: 1,
      repo: { id: 10 + (i % 20), owner: "octo", name: `repo${i % 20}` },
      number: 1 + (i % 500),
      id: 100_000 + (i % 500) + (i % 20) * 1000,
      author: "dana",
      reviewers: ["alice"],
      createdAt: "2026-11-23T09:00:00Z",
      updatedAt: at.toISO() ?? "",
    }),
  };
}

/** Deliveries sent again after a reset connection (reported: a fair run has none or a few). */
let resent = 0;

async function send(target: Running, d: ReturnType<typeof nextPayload>): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      const { status } = await deliver(target.port, BENCH_SECRET, d);
      if (status !== 200) throw new Error(`delivery answered ${status}`);
      return;
    } catch (error) {
      // A kept-alive connection closed as it was reused: send again, as GitHub would (the same
      // delivery id, so a copy that did arrive changes nothing).
      if (attempt >= 5 || !(error instanceof TypeError)) throw error;
      resent += 1;
      await new Promise((r) => setTimeout(r, 20 * attempt));
    }
  }
}

/** Waits until every key is applied; returns each key's applied time (ms since the epoch). */
async function appliedTimes(store: Store, keys: readonly string[]): Promise<Map<string, number>> {
  const applied = new Map<string, number>();
  for (let polls = 0; applied.size < keys.length; polls += 1) {
    if (polls > 60_000) throw new Error(`only ${applied.size} of ${keys.length} applied`);
    const open = keys.filter((k) => !applied.has(k));
    for (const row of await store.outbox.outcomes(open))
      if (row.status !== "pending" && row.performedAt)
        applied.set(row.key, row.performedAt.toMillis());
    if (applied.size < keys.length) await new Promise((r) => setTimeout(r, POLL_MS));
  }
  return applied;
}

/** `count` deliveries, 16 in flight: per second answered (bare) or applied (store given). */
async function burst(target: Running, count: number, store: Store | null): Promise<number> {
  const deliveries = Array.from({ length: count }, nextPayload);
  let next = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < deliveries.length) await send(target, deliveries[next++]!);
    }),
  );
  let end = Date.now();
  if (store) {
    const applied = await appliedTimes(
      store,
      deliveries.map((d) => `webhook:${d.id}`),
    );
    end = Math.max(...applied.values());
  }
  return count / ((end - started) / 1000);
}

/**
 * One delivery at a time: latency to the answer (bare) or to the applied state (store given).
 * A delivery already applied when its answer arrives counts the answer's time, measured to the
 * microsecond; one applied later counts its row's `performed_at` (whole milliseconds).
 */
async function serial(target: Running, count: number, store: Store | null): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const d = nextPayload();
    const key = `webhook:${d.id}`;
    const started = Date.now();
    const tick = performance.now();
    await send(target, d);
    const answered = performance.now() - tick;
    if (!store) {
      latencies.push(answered);
      continue;
    }
    const [row] = await store.outbox.outcomes([key]);
    if (row?.status === "done") latencies.push(answered);
    else latencies.push(((await appliedTimes(store, [key])).get(key) ?? Number.NaN) - started);
  }
  return latencies;
}

interface Round {
  bare: number;
  ours: number;
  bareP50: number;
  oursP50: number;
}

async function round(
  url: string,
  github: StandInGitHub,
  store: Store,
  options: IngestOptions,
  oursFirst: boolean,
): Promise<Round> {
  const measure = async (which: "bare" | "ours") => {
    const target =
      which === "bare" ? await startBareProbot() : await startReviewSla(url, github.host);
    try {
      const watch = which === "ours" ? store : null;
      await burst(target, 100, watch);
      const perSecond = await burst(target, options.deliveries, watch);
      const p50 = summary(await serial(target, options.oneAtATime, watch)).p50;
      return { perSecond, p50 };
    } finally {
      await target.stop();
    }
  };
  const first = await measure(oursFirst ? "ours" : "bare");
  const second = await measure(oursFirst ? "bare" : "ours");
  const [ours, bare] = oursFirst ? [first, second] : [second, first];
  return { bare: bare.perSecond, ours: ours.perSecond, bareP50: bare.p50, oursP50: ours.p50 };
}

/** The backlog once a second while `work` runs: webhooks waiting in the inbox, and other actions. */
async function sampleBacklog<T>(
  store: Store,
  work: Promise<T>,
): Promise<{ result: T; inbox: number[]; github: number[] }> {
  const inbox: number[] = [];
  const github: number[] = [];
  let done = false;
  const sampler = (async () => {
    for (let next = Date.now() + 1000; !done; next += 1000) {
      await new Promise((r) => setTimeout(r, Math.max(0, next - Date.now())));
      if (done) break;
      const depth = await store.outbox.depthByLane(DateTime.utc(), 0);
      inbox.push(depth.lane);
      github.push(depth.others);
    }
  })();
  try {
    return { result: await work, inbox, github };
  } finally {
    done = true;
    await sampler;
  }
}

/** Deliveries at `rate`/s for `seconds`: sent → applied latency, and the backlog each second. */
async function sustained(url: string, github: StandInGitHub, store: Store, options: IngestOptions) {
  const target = await startReviewSla(url, github.host);
  try {
    const total = options.rate * options.seconds;
    /** Per delivery: when it was sent, and when its answer came back. */
    const answered = new Map<string, { sent: number; answered: number }>();
    const started = Date.now();
    const sendAll = (async () => {
      const sends: Promise<void>[] = [];
      for (let i = 0; i < total; i += 1) {
        const wait = started + (i * 1000) / options.rate - Date.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        const d = nextPayload();
        const sent = Date.now();
        sends.push(
          send(target, d).then(
            () => void answered.set(`webhook:${d.id}`, { sent, answered: Date.now() }),
          ),
        );
      }
      await Promise.all(sends);
      return (Date.now() - started) / 1000;
    })();
    const { result: elapsed, inbox, github: work } = await sampleBacklog(store, sendAll);
    const applied = await appliedTimes(store, [...answered.keys()]);
    // From the moment a delivery is sent: a delivery applied before its answer goes out (applied
    // at once, in the transaction that records it) still counts the whole wait.
    const latencies = [...answered].map(([key, at]) => (applied.get(key) ?? at.sent) - at.sent);
    const answers = [...answered.values()].map((at) => at.answered - at.sent);
    return { latency: summary(latencies), answer: summary(answers), inbox, work, elapsed };
  } finally {
    await target.stop();
  }
}

const stat = (values: number[], digits = 2) => {
  const s = [...values].sort((a, b) => a - b);
  return `min ${s[0]?.toFixed(digits)} / median ${s[Math.floor(s.length / 2)]?.toFixed(digits)} / max ${s.at(-1)?.toFixed(digits)}`;
};

export async function benchIngest(db: BenchDatabase, options: IngestOptions): Promise<string[]> {
  const url = db.fresh();
  const store = await createStore(url);
  const github = new StandInGitHub();
  await github.start();
  try {
    const now = DateTime.utc();
    await seedRepositories(store, 20, now.minus({ days: 8 }));
    await seedAppliedOutbox(store, options.week, now);
    const rounds: Round[] = [];
    for (let r = 0; r < options.rounds; r += 1)
      rounds.push(await round(url, github, store, options, r % 2 === 1));
    const load = await sustained(url, github, store, options);
    return [
      `webhook ingest on ${db.name}, review-sla worker on (fresh processes, ${options.rounds} rounds, ${options.week.toLocaleString("en")} applied webhooks already in the outbox):`,
      `  16 in flight, ${options.deliveries} deliveries: applied/s ÷ bare answered/s = ${stat(rounds.map((r) => r.ours / r.bare))}` +
        ` (review-sla ${stat(
          rounds.map((r) => r.ours),
          0,
        )} applied/s; bare ${stat(
          rounds.map((r) => r.bare),
          0,
        )} answered/s)`,
      `  one at a time, ${options.oneAtATime} deliveries: p50 to applied ÷ bare p50 to answer = ${stat(rounds.map((r) => r.oursP50 / r.bareP50))}` +
        ` (review-sla p50 ${stat(
          rounds.map((r) => r.oursP50),
          2,
        )} ms; bare ${stat(
          rounds.map((r) => r.bareP50),
          2,
        )} ms)`,
      `  sustained ${options.rate}/s for ${options.seconds} s (took ${load.elapsed.toFixed(1)} s): sent → applied p50 ${load.latency.p50.toFixed(0)} ms, ` +
        `p99 ${load.latency.p99.toFixed(0)} ms, max ${load.latency.max.toFixed(0)} ms (sent → answered p99 ${load.answer.p99.toFixed(0)} ms); ${resent} deliveries resent after a reset connection`,
      `    webhook inbox backlog each second (deliveries answered, not yet applied): ${load.inbox.join(" ")}`,
      `    GitHub work backlog each second (actions the deliveries enqueued, due, not yet performed): ${load.work.join(" ")}`,
    ];
  } finally {
    await store.close();
    await github.stop();
  }
}
