// Retention over simulated months: the tables stop growing, and nothing exactly-once depends on is
// lost (an open PR's reminder is not planned again, nor a reopened PR's). Both databases.
import type { Kysely } from "kysely";
import type { DateTime } from "luxon";
import { executorsFor } from "../../src/executors.js";
import { sweep } from "../../src/scheduler/sweep.js";
import { ConfigCache } from "../../src/sla/config-cache.js";
import { openDatabase } from "../../src/store/database.js";
import {
  DEFAULT_RETENTION,
  pruneExpired,
  UNBOUND_PRUNABLE_KINDS,
} from "../../src/store/retention-policy.js";
import type { Database } from "../../src/store/schema.js";
import type { Store } from "../../src/store/store.js";
import { silentLog } from "../helpers/app.js";
import { seedRepository, seedWaitingPulls } from "../helpers/seed.js";
import type { SeedRepo } from "../helpers/seed.js";
import { testShell } from "../helpers/shell.js";
import { T0, useStoreContext } from "./contract/context.js";
import type { StoreContext } from "./contract/context.js";
import { onEveryStore } from "./contract/targets.js";

const REPO: SeedRepo = { installationId: 1, repositoryId: 10, owner: "acme" };

const sweepAt = (store: Store, at: DateTime) =>
  sweep({ store, configs: new ConfigCache(), log: silentLog }, { at });

/** The worker's part: performs every due action at `at`. */
async function performDue(store: Store, at: DateTime): Promise<void> {
  const claimed = await store.outbox.claim({ owner: "w", now: at, leaseMs: 60_000, limit: 1000 });
  for (const action of claimed) await store.outbox.complete(action.id, "w", { at, result: null });
}

/** A PR (number = id) waiting for alice's first review since `at`. */
async function openPull(store: Store, id: number, at: DateTime): Promise<void> {
  await store.pulls.upsert({
    id,
    installationId: REPO.installationId,
    repositoryId: REPO.repositoryId,
    owner: REPO.owner,
    repo: "api",
    number: id,
    title: "Change",
    author: "dana",
    authorIsBot: false,
    draft: false,
    open: true,
    merged: false,
    createdAt: at,
    readyAt: at,
    closedAt: null,
    mergedAt: null,
    labels: [],
    additions: 1,
    deletions: 1,
    changedFiles: 1,
    headSha: "abc",
    aiAssisted: false,
    updatedAt: at,
  });
  await store.reviews.addRequest(id, { type: "user", login: "alice" }, at);
  await store.pulls.setNextDueAt(id, at);
}

async function closePull(store: Store, id: number, at: DateTime, open = false): Promise<void> {
  const pr = await store.pulls.get(id);
  if (!pr) throw new Error(`no pull request ${id}`);
  await store.pulls.upsert({
    ...pr,
    labels: [...pr.labels],
    open,
    closedAt: open ? null : at,
    readyAt: open ? at : pr.readyAt,
    updatedAt: at,
  });
  await store.pulls.setNextDueAt(id, open ? at : null);
}

/** One simulated day: webhooks, a new PR (closed three days later), sweeps, digest, retention. */
async function simulateDay(c: StoreContext, day: number): Promise<void> {
  const now = T0.plus({ days: day });
  c.clock.set(now);
  const deliveries = [0, 1, 2].map((i) => `d${day}-${i}`);
  for (const id of deliveries) await c.store.deliveries.record(id, "pull_request", now);
  await c.store.outbox.enqueueMany(
    deliveries.map((id) => ({
      key: `webhook:${id}`,
      installationId: 0,
      pullRequestId: null,
      kind: "webhook",
      payload: { deliveryId: id },
      dueAt: now,
      priority: 0,
    })),
  );
  await openPull(c.store, 1000 + day, now);
  if (day >= 3) await closePull(c.store, 1000 + day - 3, now);
  const unbound = { installationId: 1, pullRequestId: null, payload: {}, dueAt: now, priority: 0 };
  await c.store.outbox.enqueue({
    ...unbound,
    key: `reconcile:10:${day}`,
    kind: "reconcile-repository",
  });
  if (day % 7 === 0)
    await c.store.outbox.enqueue({ ...unbound, key: `digest:w${day}`, kind: "digest" });
  for (const hours of [0, 12]) {
    await sweepAt(c.store, now.plus({ hours }));
    await performDue(c.store, now.plus({ hours }));
  }
  await pruneExpired(c.store, DEFAULT_RETENTION, now.plus({ hours: 13 }), { batchSize: 50 });
}

async function rowCounts(db: Kysely<Database>) {
  const count = async (table: "actions" | "webhook_deliveries") => {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };
  return { actions: await count("actions"), deliveries: await count("webhook_deliveries") };
}

function retentionSuite(target: Parameters<typeof useStoreContext>[0]): void {
  const ctx = useStoreContext(target);

  test("keeps actions and delivery ids at a steady size over months of traffic", async () => {
    const c = ctx();
    await seedRepository(c.store, REPO, T0);
    const raw = openDatabase(c.url).db;
    try {
      const sizes: Record<number, Awaited<ReturnType<typeof rowCounts>>> = {};
      for (let day = 0; day <= 98; day += 1) {
        await simulateDay(c, day);
        if (day === 35 || day === 70 || day === 98) sizes[day] = await rowCounts(raw);
      }
      // 30 days of delivery ids (3 a day), and no more actions at day 98 than at day 70.
      expect(sizes[70]?.deliveries).toBe(90);
      expect(sizes[98]).toEqual(sizes[70]);
      expect(sizes[98]?.actions).toBeLessThanOrEqual(sizes[35]?.actions ?? 0);
    } finally {
      await raw.destroy();
    }
  }, 120_000);

  test("does not plan an open PR's reminder again after its record would have expired", async () => {
    const c = ctx();
    await seedRepository(c.store, REPO, T0);
    await seedWaitingPulls(c.store, REPO, { count: 2, firstId: 1, createdAt: () => T0 });
    for (const hours of [25, 49]) {
      expect((await sweepAt(c.store, T0.plus({ hours }))).actions).toHaveLength(2);
      await performDue(c.store, T0.plus({ hours }));
    }
    await closePull(c.store, 2, T0.plus({ hours: 50 }));
    const later = T0.plus({ days: 90 });
    c.clock.set(later);
    await pruneExpired(c.store, DEFAULT_RETENTION, later);
    // The closed PR's actions are gone, the open one's stay.
    expect((await c.store.outbox.list()).map((a) => a.pullRequestId)).toEqual([1, 1]);
    // Reopened months later, in the same review cycle: nothing is posted twice.
    await closePull(c.store, 2, later, true);
    for (const hours of [1, 30, 60]) {
      expect((await sweepAt(c.store, later.plus({ hours }))).actions).toEqual([]);
    }
    expect(await c.store.outbox.list({ status: "pending" })).toEqual([]);
  });
}

onEveryStore("Retention", retentionSuite);

test("names only kinds of action the worker performs among those retention may delete", async () => {
  const { deps, store } = await testShell();
  const known = Object.keys(executorsFor(deps, null));
  expect(UNBOUND_PRUNABLE_KINDS.filter((kind) => !known.includes(kind))).toEqual([]);
  await store.close();
});
