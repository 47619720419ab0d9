// Deliveries applied as they are recorded: a delivery whose repository's lane is idle is applied
// in the transaction that records it, before its answer; one whose lane has older deliveries
// waiting, or a worker holding it, or an installation-wide delivery pending, is left to the
// worker, which applies everything in arrival order. A failed apply loses nothing.
import { DateTime } from "luxon";
import pg from "pg";
import { executorsFor } from "../../src/executors.js";
import { INBOX_LANES, InboxWriter, inboxLaneOf } from "../../src/github/inbox.js";
import { inboxBatchApplier } from "../../src/github/inbox-batch.js";
import { applyAtIngest, recordPending } from "../../src/github/inbox-ingest.js";
import { ActionWorker } from "../../src/outbox/worker.js";
import { ManualClock } from "../../src/runtime-clock.js";
import { createStore } from "../../src/store/kysely-store.js";
import { silentLog } from "../helpers/app.js";
import { shellDepsOn } from "../helpers/shell.js";
import { pullRequestPayload } from "../helpers/webhooks.js";
import { onEveryStore } from "../store/contract/targets.js";
import type { StoreTarget } from "../store/contract/context.js";

const REPO = { id: 7, owner: "octo", name: "app" };
const OTHER_REPO = { id: 8, owner: "octo", name: "api" };

function pull(action: string, repo = REPO, number = 1, title = "Add feature") {
  return pullRequestPayload(action, {
    installationId: 1,
    repo,
    number,
    id: repo.id * 1000 + number,
    author: "dana",
    reviewers: ["alice"],
    createdAt: "2026-11-23T09:00:00Z",
    // A later snapshot for a later title: the store keeps the newest snapshot of a PR.
    updatedAt: title === "Add feature" ? "2026-11-23T09:30:00Z" : "2026-11-23T09:40:00Z",
    title,
  });
}

async function ingestShell(target: StoreTarget, maxApply?: number, lockTimeoutMs?: number) {
  const url = await target.freshUrl();
  const clock = new ManualClock(DateTime.fromISO("2026-11-23T10:00:00Z", { zone: "utc" }));
  const store = await createStore(url, { clock });
  let wakes = 0;
  const deps = shellDepsOn(store, clock, { wakeWorker: () => void (wakes += 1) });
  let applied = 0;
  const onApplied = (count: number) => void (applied += count);
  const inbox = new InboxWriter(
    deps,
    applyAtIngest(deps, {
      lanes: INBOX_LANES,
      owner: "ingest",
      onApplied,
      ...(maxApply ? { maxApply } : {}),
      ...(lockTimeoutMs ? { lockTimeoutMs } : {}),
    }),
  );
  const pendingInbox = new InboxWriter(deps, recordPending(deps));
  const executors = executorsFor(deps);
  const laneApplier = inboxBatchApplier(deps);
  const worker = new ActionWorker({
    store,
    clock,
    log: silentLog,
    executors,
    orderedLanes: INBOX_LANES,
    laneApplier,
    maxInstallations: 0, // the inbox only
  });
  let delivery = 0;
  const record = (payload: object, via = inbox, event = "pull_request") =>
    via.record({ event, deliveryId: `d${++delivery}`, payload });
  const webhookRows = async () =>
    (await store.outbox.list({ kind: "webhook" })).map((row) => ({
      delivery: (row.payload as { deliveryId: string }).deliveryId,
      status: row.status,
    }));
  const close = async () => {
    await store.close();
    await target.dispose(url);
  };
  return {
    url,
    store,
    clock,
    executors,
    laneApplier,
    inbox,
    pendingInbox,
    worker,
    record,
    webhookRows,
    close,
    wakes: () => wakes,
    applied: () => applied,
  };
}

function ingestSuite(target: StoreTarget): void {
  it("applies a delivery to an idle lane before recording resolves, and stores it as done", async () => {
    const s = await ingestShell(target);
    try {
      expect(await s.record(pull("opened"))).toBe(true);
      const pr = await s.store.pulls.find(REPO.id, 1);
      expect(pr?.open).toBe(true);
      expect(pr?.requests.map((r) => r.reviewer)).toEqual([{ type: "user", login: "alice" }]);
      const [row] = await s.store.outbox.list({ kind: "webhook" });
      expect(row).toMatchObject({
        status: "done",
        attempts: 1,
        result: { applied: true },
        leaseOwner: "ingest",
      });
      expect(row?.performedAt?.toISO()).toBe("2026-11-23T10:00:00.000Z");
      expect(s.applied()).toBe(1);
      // What the handler enqueued (the config check) is there for the worker: it was woken.
      expect(s.wakes()).toBeGreaterThan(0);
    } finally {
      await s.close();
    }
  });

  it("ignores a redelivery: recorded once, applied once", async () => {
    const s = await ingestShell(target);
    try {
      const payload = pull("opened");
      expect(await s.inbox.record({ event: "pull_request", deliveryId: "x", payload })).toBe(true);
      expect(await s.inbox.record({ event: "pull_request", deliveryId: "x", payload })).toBe(false);
      expect(await s.webhookRows()).toEqual([{ delivery: "x", status: "done" }]);
      expect(s.applied()).toBe(2); // the copy ran its handler, which found the delivery recorded
    } finally {
      await s.close();
    }
  });

  it("leaves a delivery behind an older waiting one of its lane to the worker, which keeps their order", async () => {
    const s = await ingestShell(target);
    try {
      await s.record(pull("opened"), s.pendingInbox);
      await s.record(pull("synchronize", REPO, 1, "Renamed"));
      await s.record(pull("opened", OTHER_REPO)); // another lane: applied at once
      expect(await s.webhookRows()).toEqual([
        { delivery: "d1", status: "pending" },
        { delivery: "d2", status: "pending" },
        { delivery: "d3", status: "done" },
      ]);
      expect(await s.store.pulls.find(REPO.id, 1)).toBeNull();
      await s.worker.drain();
      expect((await s.store.pulls.find(REPO.id, 1))?.title).toBe("Renamed"); // opened, then pushed to
      expect((await s.webhookRows()).every((row) => row.status === "done")).toBe(true);
    } finally {
      await s.close();
    }
  });

  it("leaves a delivery to the worker while a worker holds its lane", async () => {
    const s = await ingestShell(target);
    try {
      const lane = inboxLaneOf({ repository: { id: REPO.id } });
      const held = await s.store.withLock(`lane:${lane}`, async () => {
        await s.record(pull("opened"));
        await s.record(pull("opened", OTHER_REPO));
        return s.webhookRows();
      });
      expect(held).toEqual({
        acquired: true,
        result: [
          { delivery: "d1", status: "pending" },
          { delivery: "d2", status: "done" },
        ],
      });
      await s.worker.drain();
      expect((await s.store.pulls.find(REPO.id, 1))?.open).toBe(true);
    } finally {
      await s.close();
    }
  });

  it("holds every lane behind a waiting installation-wide delivery, in a batch and after it", async () => {
    const s = await ingestShell(target);
    try {
      // Three deliveries in one batch: before the barrier applied, the barrier and after it left.
      const installation = { action: "created", installation: { id: 1 } };
      await Promise.all([
        s.record(pull("opened")),
        s.record(installation, s.inbox, "installation"),
        s.record(pull("opened", OTHER_REPO)),
      ]);
      await s.record(pull("opened", REPO, 2));
      expect(await s.webhookRows()).toEqual([
        { delivery: "d1", status: "done" },
        { delivery: "d2", status: "pending" },
        { delivery: "d3", status: "pending" },
        { delivery: "d4", status: "pending" },
      ]);
    } finally {
      await s.close();
    }
  });

  it("only records a batch too large to apply before answering, for the worker", async () => {
    const s = await ingestShell(target, 2);
    try {
      await Promise.all([s.record(pull("opened")), s.record(pull("opened", OTHER_REPO))]);
      await Promise.all([1, 2, 3].map((n) => s.record(pull("opened", REPO, n + 1))));
      expect((await s.webhookRows()).map((row) => row.status)).toEqual([
        "done",
        "done",
        "pending",
        "pending",
        "pending",
      ]);
      await s.worker.drain();
      expect((await s.store.pulls.find(REPO.id, 4))?.open).toBe(true);
    } finally {
      await s.close();
    }
  });

  // SQLite has one writer at a time: a second connection's open write would hold everything.
  const postgresOnly = target.name === "Postgres" ? it : it.skip;
  postgresOnly(
    "stops waiting for a row another transaction holds, and leaves the delivery to the worker",
    async () => {
      const s = await ingestShell(target, undefined, 200);
      const other = await createStore(s.url);
      try {
        await s.record(pull("opened"));
        const pr = await s.store.pulls.find(REPO.id, 1);
        const waited = await other.transaction(async (tx) => {
          await tx.pulls.setNextDueAt(pr?.id ?? 0, null); // holds the PR's row until the end
          const started = Date.now();
          await s.record(pull("synchronize", REPO, 1, "Renamed"));
          return Date.now() - started;
        });
        expect(waited).toBeLessThan(1_500); // the 200 ms lock timeout, then the plain insert
        expect(await s.webhookRows()).toEqual([
          { delivery: "d1", status: "done" },
          { delivery: "d2", status: "pending" },
        ]);
        await s.worker.drain();
        expect((await s.store.pulls.find(REPO.id, 1))?.title).toBe("Renamed");
      } finally {
        await other.close();
        await s.close();
      }
    },
  );

  postgresOnly(
    "waits for a lane another replica is applying, then applies at once too",
    async () => {
      const s = await ingestShell(target);
      const other = await createStore(s.url); // another replica
      const watcher = new pg.Client({ connectionString: s.url.replace(/\?.*$/, "") });
      await watcher.connect();
      try {
        const lane = inboxLaneOf({ repository: { id: REPO.id } });
        let recorded: Promise<boolean> = Promise.resolve(false);
        await other.transaction(async (tx) => {
          expect(await tx.outbox.idleLanes({ lanes: [lane] })).toEqual(new Set([lane]));
          recorded = s.record(pull("opened"));
          await until(async () => {
            const { rows } = await watcher.query<{ waiting: string }>(
              `select count(*) as waiting from pg_stat_activity
             where wait_event = 'advisory' and query like '%pg_advisory_xact_lock%'`,
            );
            return Number(rows[0]?.waiting) > 0;
          });
        });
        expect(await recorded).toBe(true);
        expect(await s.webhookRows()).toEqual([{ delivery: "d1", status: "done" }]);
      } finally {
        await watcher.end();
        await other.close();
        await s.close();
      }
    },
  );

  it("rolls a failed apply back whole and records the batch pending: nothing is lost", async () => {
    const s = await ingestShell(target);
    try {
      const broken = { ...pull("opened", OTHER_REPO), pull_request: null };
      await Promise.all([s.record(pull("opened")), s.record(broken)]);
      expect(await s.webhookRows()).toEqual([
        { delivery: "d1", status: "pending" },
        { delivery: "d2", status: "pending" },
      ]);
      expect(await s.store.pulls.find(REPO.id, 1)).toBeNull(); // the good one was rolled back too
      expect(s.applied()).toBe(0);
      await s.worker.drain();
      expect((await s.store.pulls.find(REPO.id, 1))?.open).toBe(true);
    } finally {
      await s.close();
    }
  });

  it("has the worker take a lane soon after its holder lets go, not at the next poll", async () => {
    const s = await ingestShell(target);
    // The worker's view of the store, counting its tries of a lane's lock.
    let tries = 0;
    const counted = Object.create(s.store, {
      withLock: {
        value: <T>(name: string, fn: () => Promise<T>) => {
          tries += 1;
          return s.store.withLock(name, fn);
        },
      },
    }) as typeof s.store;
    const worker = new ActionWorker({
      store: counted,
      clock: s.clock,
      log: silentLog,
      executors: s.executors,
      orderedLanes: INBOX_LANES,
      laneApplier: s.laneApplier,
      maxInstallations: 0,
    });
    try {
      const lane = inboxLaneOf({ repository: { id: REPO.id } });
      await s.store.withLock(`lane:${lane}`, async () => {
        await s.record(pull("opened"), s.pendingInbox);
        worker.start(60_000); // a poll a minute: only the held-lane retry can be in time
        await until(() => tries > 0);
      });
      await until(async () => (await s.webhookRows())[0]?.status === "done");
      expect((await s.store.pulls.find(REPO.id, 1))?.open).toBe(true);
    } finally {
      await worker.stop();
      await s.close();
    }
  });
}

/** Waits for `condition`, looking every 10 ms, at most 500 times (then fails). */
async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 500; i += 1) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error("condition not met in 5 s");
}

onEveryStore("webhook deliveries applied as they are recorded", ingestSuite);
