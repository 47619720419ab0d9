// Scale out: 1, 2 and 4 replicas of `review-sla start` (the compiled CLI, worker and sweep on) on
// one Postgres schema, against the stand-in GitHub with the app's real posting pace. Signed
// deliveries are spread over the replicas while a backlog of overdue PRs over several
// installations is swept and posted; reports applied deliveries/s, the GitHub work the run caused
// done per second (each delivery queues a config check and a check-run write; the backlog, a
// comment per PR), when each kind of action was done, and checks exactly-once: no comment posted
// twice, no delivery lost. SLA comments per second alone would flatter or slander a replica count:
// they wait behind the check-run writes of their installation, at one write a second each.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { DateTime } from "luxon";
import { StandInGitHub } from "../src/demo/stand-in-github.js";
import { openDatabase } from "../src/store/database.js";
import { createStore } from "../src/store/kysely-store.js";
import type { Store } from "../src/store/store.js";
import { aStoredPullRequest } from "../test/helpers/pull-requests.js";
import { deliver, pullRequestPayload } from "../test/helpers/webhooks.js";
import type { BenchDatabase } from "./databases.js";
import { BENCH_SECRET, startReviewSla } from "./processes.js";
import { BENCH_CONFIG } from "./seed.js";

/** A run stops here even if work is left (it is then reported as missing). */
const DEADLINE_MS = 240_000;
const IN_FLIGHT = 16;

export interface ScaleOutOptions {
  replicas: readonly number[];
  /** Installations, one repository each. */
  installations: number;
  /** Overdue PRs per installation: one comment each. */
  overdue: number;
  /** Signed pull_request deliveries spread over the replicas. */
  deliveries: number;
}

interface Replica {
  port: number;
  /** CPU seconds the replica's process has used so far (Linux /proc; 0 elsewhere). */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

/** Busy and total CPU time of the whole machine so far, in clock ticks (Linux /proc/stat). */
function machineTicks(): { busy: number; total: number } {
  try {
    const fields = (readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "")
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    const total = fields.reduce((sum, n) => sum + n, 0);
    const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
    return { busy: total - idle, total };
  } catch {
    return { busy: 0, total: 0 };
  }
}

function processCpuSeconds(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid ?? 0}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // utime and stime are fields 14 and 15 of the line, in ticks of 1/100 s.
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** Kinds of action that are not GitHub work caused by the run: the inbox and timer work. */
const TIMER_KINDS = ["webhook", "reconcile-repository", "import-repository"];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `node dist/cli.js start` on the shared database. The only setting changed from a deployment's
 * defaults is the sweep interval (2 s instead of 300 s), so the backlog is found within the run.
 */
async function startReplica(databaseUrl: string, githubHost: string): Promise<Replica> {
  const app = await startReviewSla(databaseUrl, githubHost, { SWEEP_INTERVAL_SECONDS: "2" });
  return { port: app.port, cpuSeconds: () => processCpuSeconds(app.pid), stop: app.stop };
}

const owner = (i: number) => `org${i}`;
const repositoryId = (i: number) => i * 10;

/** Installations with one tracked repository each, and their overdue PRs (not yet due). */
async function seed(
  store: Store,
  github: StandInGitHub,
  options: ScaleOutOptions,
  now: DateTime,
): Promise<{ id: number; at: DateTime }[]> {
  const due: { id: number; at: DateTime }[] = [];
  for (let i = 1; i <= options.installations; i += 1) {
    github.addRepo({ id: repositoryId(i), owner: owner(i), name: "api" });
    await store.repos.upsertInstallation({
      id: i,
      accountLogin: owner(i),
      accountType: "Organization",
      suspendedAt: null,
    });
    await store.repos.upsert({
      id: repositoryId(i),
      installationId: i,
      owner: owner(i),
      name: "api",
      defaultBranch: "main",
    });
    await store.repos.setConfig(repositoryId(i), {
      json: BENCH_CONFIG,
      errors: [],
      fetchedAt: now,
    });
    for (let n = 0; n < options.overdue; n += 1) {
      const id = i * 100_000 + n;
      // Waiting 30-40 h: a reminder is due, an escalation is not yet.
      const createdAt = now.minus({ hours: 30, minutes: (n * 7) % 600 });
      await store.pulls.upsert(
        aStoredPullRequest({
          id,
          installationId: i,
          repositoryId: repositoryId(i),
          owner: owner(i),
          repo: "api",
          number: n + 1,
          createdAt,
          additions: 1,
          deletions: 1,
        }),
      );
      await store.reviews.addRequest(id, { type: "user", login: "alice" }, createdAt);
      due.push({ id, at: createdAt });
    }
  }
  return due;
}

/** A `synchronize` of a PR the backlog does not hold: applying it writes the store only. */
function delivery(i: number, installations: number) {
  const inst = (i % installations) + 1;
  const number = 5_000 + (i % 200);
  const at = DateTime.fromISO("2026-11-23T09:00:00Z", { zone: "utc" }).plus({ seconds: i });
  return {
    event: "pull_request",
    id: randomUUID(),
    payload: pullRequestPayload("synchronize", {
      installationId: inst,
      repo: { id: repositoryId(inst), owner: owner(inst), name: "api" },
      number,
      id: inst * 100_000 + number,
      author: "dana",
      createdAt: "2026-11-23T09:00:00Z",
      updatedAt: at.toISO() ?? "",
    }),
  };
}

interface RunResult {
  replicas: number;
  appliedPerSecond: number;
  applied: number;
  deliveryRows: number;
  /** Comments posted per second between the first and the last. */
  commentsPerSecond: number;
  /** Seconds from the start until the last comment was posted. */
  lastCommentS: number;
  comments: number;
  distinctCommented: number;
  duplicateComments: number;
  performedActions: number;
  elapsedS: number;
  /** Deliveries applied by each replica's worker, most first. */
  appliedBy: number[];
  /** Times a lane's next delivery was applied by another replica than its one before. */
  handOvers: number;
  /** SLA actions performed by each replica's worker, most first. */
  performedBy: number[];
  /** Per kind of action done: how many, and when the first and last were performed. */
  timeline: string;
  /** Actions the run caused (all but the inbox's and the timers' own), done per second. */
  actionsPerSecond: number;
  /** Share of the machine's CPU time busy during the run (all processes, every core). */
  machineBusy: number;
  /** CPU seconds the replicas used during the run, in total. */
  replicaCpuS: number;
}

/** Who performed what: each done action keeps the lease owner (one per replica's worker). */
async function owners(
  url: string,
  started: number,
): Promise<
  Pick<RunResult, "appliedBy" | "handOvers" | "performedBy" | "timeline" | "actionsPerSecond">
> {
  const { db } = openDatabase(url);
  try {
    const rows = await db
      .selectFrom("actions")
      .select(["kind", "installation_id", "lease_owner", "performed_at"])
      .where("status", "=", "done")
      .orderBy("performed_at")
      .orderBy("id")
      .execute();
    const count = (kinds: string[]) => {
      const by = new Map<string, number>();
      for (const row of rows)
        if (kinds.includes(row.kind))
          by.set(row.lease_owner ?? "", (by.get(row.lease_owner ?? "") ?? 0) + 1);
      return [...by.values()].sort((a, b) => b - a);
    };
    // Per inbox lane: how often its next delivery was applied by another replica than the last.
    const lastOwner = new Map<number, string | null>();
    let handOvers = 0;
    for (const row of rows.filter((r) => r.kind === "webhook")) {
      const lane = Number(row.installation_id);
      if (lastOwner.has(lane) && lastOwner.get(lane) !== row.lease_owner) handOvers += 1;
      lastOwner.set(lane, row.lease_owner);
    }
    const kinds = new Map<string, { n: number; first: number; last: number }>();
    for (const row of rows) {
      const at = row.performed_at ? new Date(row.performed_at).getTime() : Number.NaN;
      const kind = kinds.get(row.kind) ?? { n: 0, first: at, last: at };
      kinds.set(row.kind, {
        n: kind.n + 1,
        first: Math.min(kind.first, at),
        last: Math.max(kind.last, at),
      });
    }
    const since = (ms: number) => ((ms - started) / 1000).toFixed(1);
    // The GitHub work the deliveries and the backlog caused; reconciliation and its imports run
    // on their own timer, a minute after a replica starts.
    const work = [...kinds].filter(([kind]) => !TIMER_KINDS.includes(kind));
    const workDone = work.reduce((sum, [, k]) => sum + k.n, 0);
    const workEnd = Math.max(...work.map(([, k]) => k.last));
    const timeline = [...kinds]
      .map(([kind, k]) => `${kind} ${k.n} done ${since(k.first)}–${since(k.last)} s`)
      .join(", ");
    return {
      appliedBy: count(["webhook"]),
      handOvers,
      performedBy: count(["reminder", "escalation"]),
      timeline,
      actionsPerSecond: workDone / ((workEnd - started) / 1000),
    };
  } finally {
    await db.destroy();
  }
}

/** Polls the outcomes of `keys` until all are applied (or the deadline): applied time per key. */
async function appliedTimes(
  store: Store,
  keys: readonly string[],
  until: number,
): Promise<Map<string, number>> {
  const applied = new Map<string, number>();
  while (applied.size < keys.length && Date.now() < until) {
    const open = keys.filter((k) => !applied.has(k));
    for (let i = 0; i < open.length; i += 1_000)
      for (const row of await store.outbox.outcomes(open.slice(i, i + 1_000)))
        if (row.status === "done" && row.performedAt)
          applied.set(row.key, row.performedAt.toMillis());
    if (applied.size < keys.length) await sleep(100);
  }
  return applied;
}

async function runWith(
  db: BenchDatabase,
  replicas: number,
  options: ScaleOutOptions,
): Promise<RunResult> {
  const url = db.fresh();
  const github = new StandInGitHub();
  await github.start();
  const store = await createStore(url);
  const running: Replica[] = [];
  try {
    const now = DateTime.utc();
    const due = await seed(store, github, options, now);
    const commentTimes: number[] = [];
    github.onRequest = ({ method, path }) => {
      if (method === "POST" && /\/issues\/\d+\/comments$/.test(path)) commentTimes.push(Date.now());
    };
    for (const started of await Promise.all(
      Array.from({ length: replicas }, () => startReplica(url, github.host)),
    ))
      running.push(started);

    // The backlog falls due and the deliveries start at the same moment.
    const ticks = machineTicks();
    const cpuBefore = running.reduce((sum, r) => sum + r.cpuSeconds(), 0);
    const started = Date.now();
    const until = started + DEADLINE_MS;
    await store.pulls.setNextDueMany(due);
    const deliveries = Array.from({ length: options.deliveries }, (_, i) =>
      delivery(i, options.installations),
    );
    let next = 0;
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < deliveries.length) {
          const i = next++;
          const d = deliveries[i]!;
          const { status } = await deliver(running[i % replicas]!.port, BENCH_SECRET, d);
          if (status !== 200) throw new Error(`delivery answered ${status}`);
        }
      }),
    );
    const keys = deliveries.map((d) => `webhook:${d.id}`);
    const applied = await appliedTimes(store, keys, until);
    const expected = options.installations * options.overdue;
    while (github.postedComments().length < expected && Date.now() < until) await sleep(100);
    const elapsedS = (Date.now() - started) / 1000;
    const ticksAfter = machineTicks();
    const machineBusy = (ticksAfter.busy - ticks.busy) / (ticksAfter.total - ticks.total);
    const replicaCpuS = running.reduce((sum, r) => sum + r.cpuSeconds(), 0) - cpuBefore;
    // Anything posted twice would show up now: leave the replicas running a little longer.
    await sleep(3_000);

    const posted = github.postedComments().map((r) => r.path);
    const perPath = new Map<string, number>();
    for (const path of posted) perPath.set(path, (perPath.get(path) ?? 0) + 1);
    const rows = await store.outbox.outcomes(keys);
    let performed = 0;
    for (const kind of ["reminder", "escalation"])
      performed += (await store.outbox.list({ kind, status: "done" })).length;
    const lastApplied = Math.max(...applied.values());
    const sortedComments = [...commentTimes].sort((a, b) => a - b);
    const commentSpan =
      sortedComments.length > 1
        ? ((sortedComments.at(-1) ?? 0) - (sortedComments[0] ?? 0)) / 1000
        : Number.NaN;
    return {
      replicas,
      appliedPerSecond: applied.size / ((lastApplied - started) / 1000),
      applied: applied.size,
      deliveryRows: rows.length,
      commentsPerSecond: (sortedComments.length - 1) / commentSpan,
      lastCommentS: ((sortedComments.at(-1) ?? Number.NaN) - started) / 1000,
      comments: posted.length,
      distinctCommented: perPath.size,
      duplicateComments: [...perPath.values()].reduce((sum, n) => sum + n - 1, 0),
      performedActions: performed,
      elapsedS,
      machineBusy,
      replicaCpuS,
      ...(await owners(url, started)),
    };
  } finally {
    await Promise.all(running.map((r) => r.stop()));
    await store.close();
    await github.stop();
  }
}

export async function benchScaleOut(
  db: BenchDatabase,
  options: ScaleOutOptions,
): Promise<string[]> {
  if (db.name !== "Postgres")
    return ["scale out: runs on Postgres only (replicas share one server): add --db postgres"];
  const expected = options.installations * options.overdue;
  const lines = [
    `scale out on Postgres: replicas of \`review-sla start\` on one schema; ${options.installations} installations × ${options.overdue} overdue PRs (${expected} comments at the real pace) while ${options.deliveries} signed deliveries arrive, ${IN_FLIGHT} in flight, spread over the replicas:`,
  ];
  const results: RunResult[] = [];
  for (const replicas of options.replicas) {
    const r = await runWith(db, replicas, options);
    results.push(r);
    const base = results[0];
    const once =
      r.duplicateComments === 0 &&
      r.applied === options.deliveries &&
      r.deliveryRows === options.deliveries &&
      r.distinctCommented === expected
        ? "exactly-once holds"
        : "EXACTLY-ONCE BROKEN";
    lines.push(
      `  ${replicas} replica${replicas === 1 ? "" : "s"}: applied ${r.appliedPerSecond.toFixed(0)} deliveries/s` +
        ` (${(r.appliedPerSecond / (base?.appliedPerSecond ?? Number.NaN)).toFixed(2)}× 1 replica), ` +
        `GitHub work ${r.actionsPerSecond.toFixed(1)} actions/s (${(r.actionsPerSecond / (base?.actionsPerSecond ?? Number.NaN)).toFixed(2)}× 1 replica), ` +
        `SLA comments ${r.commentsPerSecond.toFixed(1)}/s while posting, the last ${r.lastCommentS.toFixed(1)} s after the start; ` +
        `${r.applied}/${options.deliveries} deliveries applied (${r.deliveryRows} inbox rows), ` +
        `${r.comments} comments on ${r.distinctCommented}/${expected} PRs, ${r.duplicateComments} duplicates, ` +
        `${r.performedActions} SLA actions done; all in ${r.elapsedS.toFixed(1)} s — ${once}`,
      `    deliveries applied per replica ${r.appliedBy.join(" / ")} (${r.handOvers} hand-overs of an inbox lane between replicas); SLA actions per replica ${r.performedBy.join(" / ")}; ` +
        `machine CPU busy ${(r.machineBusy * 100).toFixed(0)} %, replicas used ${r.replicaCpuS.toFixed(1)} CPU s in ${r.elapsedS.toFixed(1)} s`,
      `    after the start: ${r.timeline}`,
    );
  }
  return lines;
}
