// The webhook inbox split into lanes by repository: two workers on one database apply different
// repositories side by side, each repository's deliveries in arrival order and once; an
// installation-wide delivery keeps its place in the whole inbox's order; a lane whose rows a
// crashed worker leased waits for the lease to expire, then goes on in order.
import { DateTime } from "luxon";
import { executorsFor } from "../../src/executors.js";
import { INBOX_LANES, InboxWriter, inboxLaneOf } from "../../src/github/inbox.js";
import type { InboxEntry } from "../../src/github/inbox.js";
import { recordPending } from "../../src/github/inbox-ingest.js";
import { inboxBatchApplier } from "../../src/github/inbox-batch.js";
import { ActionWorker } from "../../src/outbox/worker.js";
import type { LaneApplier } from "../../src/outbox/worker.js";
import { ManualClock } from "../../src/runtime-clock.js";
import { openDatabase } from "../../src/store/database.js";
import { createStore } from "../../src/store/kysely-store.js";
import { inboxLanesMigration } from "../../src/store/migrations/0011_inbox_lanes.js";
import { silentLog } from "../helpers/app.js";
import { shellDepsOn } from "../helpers/shell.js";
import { pullRequestPayload } from "../helpers/webhooks.js";
import { onEveryStore } from "../store/contract/targets.js";
import type { StoreTarget } from "../store/contract/context.js";

const LEASE_MS = 60_000;

async function lanesShell(target: StoreTarget) {
  const url = await target.freshUrl();
  const clock = new ManualClock(DateTime.fromISO("2026-11-23T10:00:00Z", { zone: "utc" }));
  const store = await createStore(url, { clock });
  const deps = shellDepsOn(store, clock);
  const inbox = new InboxWriter(deps, recordPending(deps));
  const worker = (webhook?: (entry: InboxEntry) => Promise<void>, laneApplier?: LaneApplier) =>
    new ActionWorker({
      store,
      clock,
      log: silentLog,
      leaseMs: LEASE_MS,
      batchSize: 3,
      laneConcurrency: 3,
      maxInstallations: 0, // the inbox only: no GitHub calls here
      orderedLanes: INBOX_LANES,
      ...(laneApplier ? { laneApplier } : {}),
      executors: {
        ...executorsFor(deps),
        ...(webhook ? { webhook: ({ payload }: { payload: InboxEntry }) => webhook(payload) } : {}),
      },
    });
  const close = async () => {
    await store.close();
    await target.dispose(url);
  };
  return { store, clock, deps, inbox, worker, close };
}

/** Yields to the event loop a few times: the other worker gets its turn mid-delivery. */
async function yieldTurns(turns: number): Promise<void> {
  for (let i = 0; i < turns; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

// 1 and 17 share a lane (id modulo 16), as do 2 and 34: order must hold within a lane's mix too.
const REPOSITORIES = [1, 17, 2, 34, 3, 4];
const ROUNDS = 6;

function inboxLanesSuite(target: StoreTarget): void {
  it("routes a repository's deliveries to one lane and installation-wide ones to the barrier", () => {
    expect(inboxLaneOf({ repository: { id: 17 } })).toBe(inboxLaneOf({ repository: { id: 1 } }));
    expect(inboxLaneOf({ repository: { id: 2 } })).not.toBe(inboxLaneOf({ repository: { id: 1 } }));
    expect(Object.is(inboxLaneOf({ repository: { id: 32 } }), 0)).toBe(true);
    expect(inboxLaneOf({ installation: { id: 1 } })).toBe(INBOX_LANES.barrier);
  });

  it("has two workers apply interleaved repositories side by side, each in arrival order, once", async () => {
    const { store, inbox, worker, close } = await lanesShell(target);
    const recorded: string[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const repo of REPOSITORIES) {
        const deliveryId = `r${repo}-${round}`;
        recorded.push(deliveryId);
        await inbox.record({ event: "ping", deliveryId, payload: { repository: { id: repo } } });
      }
      if (round === 2) {
        recorded.push("installation");
        await inbox.record({ event: "installation", deliveryId: "installation", payload: {} });
      }
    }
    const applied: { by: string; delivery: string }[] = [];
    const recorder = (by: string) => async (entry: InboxEntry) => {
      await yieldTurns(3);
      applied.push({ by, delivery: entry.deliveryId });
    };
    const [a, b] = [worker(recorder("a")), worker(recorder("b"))];
    await Promise.all([a.drain(), b.drain()]);
    await a.drain(); // whatever one found held by the other in its last pass

    const order = applied.map((x) => x.delivery);
    expect([...order].sort()).toEqual([...recorded].sort()); // each delivery exactly once
    for (const repo of REPOSITORIES) {
      const mine = order.filter((d) => d.startsWith(`r${repo}-`));
      expect(mine).toEqual(recorded.filter((d) => d.startsWith(`r${repo}-`)));
    }
    // The installation-wide delivery: everything recorded before it first, everything after, after.
    const barrierAt = recorded.indexOf("installation");
    expect(new Set(order.slice(0, order.indexOf("installation")))).toEqual(
      new Set(recorded.slice(0, barrierAt)),
    );
    expect(new Set(applied.map((x) => x.by))).toEqual(new Set(["a", "b"]));
    const rows = await store.outbox.list({ kind: "webhook" });
    expect(rows.map((row) => [row.status, row.attempts])).toEqual(
      Array(recorded.length).fill(["done", 1]),
    );
    await close();
  });

  it("keeps a repository removal after that repository's older events, even when a crashed worker held them", async () => {
    const { store, clock, deps, inbox, worker, close } = await lanesShell(target);
    const pull = (repo: number, number = 1) =>
      pullRequestPayload("opened", {
        installationId: 1,
        repo: { id: repo, owner: "octo", name: `repo${repo}` },
        number,
        id: repo * 100 + number,
        author: "dana",
        createdAt: "2026-11-23T09:00:00Z",
      });
    await inbox.record({ event: "pull_request", deliveryId: "open-17", payload: pull(17) });
    await inbox.record({ event: "pull_request", deliveryId: "open-17b", payload: pull(17, 2) });
    await inbox.record({ event: "pull_request", deliveryId: "open-2", payload: pull(2) });
    await inbox.record({
      event: "installation_repositories",
      deliveryId: "remove-17",
      payload: {
        action: "removed",
        installation: { id: 1 },
        repositories_added: [],
        repositories_removed: [{ id: 17, name: "repo17", full_name: "octo/repo17" }],
      },
    });
    // A worker claimed repository 17's delivery, then its process died.
    const crashed = await store.outbox.claimLane({
      owner: "crashed-worker",
      now: clock.now(),
      leaseMs: LEASE_MS,
      limit: 1,
      lane: inboxLaneOf(pull(17)),
    });
    expect(crashed).toHaveLength(1);

    const survivor = worker(undefined, inboxBatchApplier(deps));
    await survivor.drain();
    // Other repositories go on; repository 17's next delivery and the removal wait behind it.
    expect(await store.repos.get(2)).toMatchObject({ removedAt: null });
    expect(await store.repos.get(17)).toBeNull();
    expect(await store.pulls.get(1702)).toBeNull();

    clock.advance({ milliseconds: LEASE_MS + 1 });
    await survivor.drain();
    const removed = await store.repos.get(17);
    expect(removed?.removedAt).not.toBeNull();
    expect(await store.pulls.get(1702)).not.toBeNull();
    expect(await store.repos.get(2)).toMatchObject({ removedAt: null });
    const rows = await store.outbox.list({ kind: "webhook" });
    expect(rows.map((row) => row.status)).toEqual(["done", "done", "done", "done"]);
    await close();
  });
}

onEveryStore("webhook inbox lanes", inboxLanesSuite);

async function migrationSuite(target: StoreTarget): Promise<void> {
  const url = await target.freshUrl();
  const store = await createStore(url);
  const opened = openDatabase(url);
  try {
    const legacy = (key: string, payload: unknown) =>
      store.outbox.enqueue({
        key,
        installationId: 0,
        pullRequestId: null,
        kind: "webhook",
        payload: { event: "pull_request", deliveryId: key, payload },
        dueAt: DateTime.utc(),
        priority: -1,
      });
    await legacy("repo-17", { repository: { id: 17 } });
    await legacy("repo-32", { repository: { id: 32 } });
    await legacy("installation", { installation: { id: 1 } });
    await legacy("applied", { repository: { id: 5 } });
    const applied = await store.outbox.getByKey("applied");
    await store.outbox.claimLane({
      owner: "w",
      now: DateTime.utc(),
      leaseMs: 1000,
      limit: 10,
      lane: 0,
    });
    await store.outbox.complete(applied!.id, "w", { at: DateTime.utc(), result: null });

    await inboxLanesMigration(opened.dialect).up(opened.db);

    const laneOf = async (key: string) => (await store.outbox.getByKey(key))?.installationId;
    expect(await laneOf("repo-17")).toBe(inboxLaneOf({ repository: { id: 17 } }));
    expect(await laneOf("repo-32")).toBe(0);
    expect(await laneOf("installation")).toBe(INBOX_LANES.barrier);
    expect(await laneOf("applied")).toBe(0); // done rows stay where they were
  } finally {
    await opened.db.destroy();
    await store.close();
    await target.dispose(url);
  }
}

onEveryStore("migration 0011", (target) => {
  it("moves pending inbox rows from the single lane to their repositories' lanes", () =>
    migrationSuite(target));
});
