// Contract: batched inbox writes, pruning applied deliveries, the shared content budget, and
// reconciliation state.
import { newAction } from "./builders.js";
import { at } from "./context.js";
import type { StoreContext } from "./context.js";

const LIMITS = [
  { windowMs: 60_000, max: 2 },
  { windowMs: 3_600_000, max: 3 },
];

export function describeScale(ctx: () => StoreContext): void {
  test("inserts a batch of actions in one call and reports only the new keys", async () => {
    const { store } = ctx();
    await store.outbox.enqueue(newAction({ key: "webhook:a" }));
    const inserted = await store.outbox.enqueueMany([
      newAction({ key: "webhook:a" }),
      newAction({ key: "webhook:b" }),
      newAction({ key: "webhook:c" }),
    ]);
    expect([...inserted].sort()).toEqual(["webhook:b", "webhook:c"]);
    expect(await store.outbox.enqueueMany([])).toEqual(new Set());
    expect((await store.outbox.list()).map((a) => a.key).sort()).toEqual([
      "webhook:a",
      "webhook:b",
      "webhook:c",
    ]);
  });

  test("inserts the sweep's actions pending, in order, and ignores keys already stored", async () => {
    const { store, clock } = ctx();
    clock.set(at(5));
    await store.outbox.enqueue(newAction({ key: "reminder:kept", payload: { old: true } }));
    await store.outbox.enqueueSwept([]);
    // 500 rows a statement, then powers of two: 517 takes four statements.
    const swept = Array.from({ length: 517 }, (_, i) =>
      newAction({
        key: `reminder:${i}`,
        pullRequestId: i % 2 === 0 ? null : 1000 + i,
        payload: { body: `line\n"${i}" \u2014 é` },
        dueAt: at(i / 60),
        priority: 100 - i,
      }),
    );
    await store.outbox.enqueueSwept([
      ...swept.slice(0, 3),
      newAction({ key: "reminder:kept", payload: { old: false } }),
      ...swept.slice(3),
    ]);
    const rows = await store.outbox.list();
    expect(rows.map((a) => a.key)).toEqual(["reminder:kept", ...swept.map((a) => a.key)]);
    expect(rows[0]?.payload).toEqual({ old: true });
    for (const [i, row] of rows.slice(1).entries()) {
      const action = swept[i];
      expect(row).toMatchObject({
        key: action?.key,
        installationId: action?.installationId,
        pullRequestId: action?.pullRequestId,
        kind: "reminder",
        payload: action?.payload,
        priority: action?.priority,
        status: "pending",
        attempts: 0,
        leaseOwner: null,
        performedAt: null,
        result: null,
      });
      expect(row.dueAt.toMillis()).toBe(action?.dueAt.toMillis());
      expect(row.nextAttemptAt.toMillis()).toBe(action?.dueAt.toMillis());
      expect(row.createdAt.toMillis()).toBe(at(5).toMillis());
    }
  });

  test("prunes done actions of one kind performed before a time, and nothing else", async () => {
    const { store, clock } = ctx();
    clock.set(at(0));
    await store.outbox.enqueueMany([
      newAction({ key: "webhook:old", kind: "webhook" }),
      newAction({ key: "webhook:pending", kind: "webhook" }),
      newAction({ key: "reminder:old", kind: "reminder" }),
    ]);
    const claimed = await store.outbox.claim({
      owner: "w",
      now: at(1),
      leaseMs: 60_000,
      limit: 10,
    });
    for (const action of claimed.filter((a) => a.key !== "webhook:pending")) {
      await store.outbox.complete(action.id, "w", { at: at(1), result: null });
    }
    expect(await store.outbox.pruneDone("webhook", at(2))).toBe(1);
    expect((await store.outbox.list()).map((a) => a.key).sort()).toEqual([
      "reminder:old",
      "webhook:pending",
    ]);
  });

  test("grants content slots within every window and says when the next one opens", async () => {
    const { store } = ctx();
    expect(await store.limits.takeContentSlot(1, at(0), LIMITS)).toBeNull();
    expect(await store.limits.takeContentSlot(1, at(0.001), LIMITS)).toBeNull();
    const wait = await store.limits.takeContentSlot(1, at(0.002), LIMITS);
    expect(wait?.toMillis()).toBe(at(0).plus({ milliseconds: 60_001 }).toMillis());
    // Another installation has its own budget.
    expect(await store.limits.takeContentSlot(2, at(0.002), LIMITS)).toBeNull();
    expect(await store.limits.takeContentSlot(1, at(0.1), LIMITS)).toBeNull();
    const hourly = await store.limits.takeContentSlot(1, at(0.2), LIMITS);
    expect(hourly?.toMillis()).toBe(at(1).plus({ milliseconds: 1 }).toMillis());
  });

  test("keeps each repository's reconciliation state and redeliveries once", async () => {
    const { store } = ctx();
    expect(await store.repos.getSync(5)).toEqual({ etag: null, reconciledAt: null });
    await store.repos.setSync(5, '"abc"', at(1));
    await store.repos.setSync(5, '"def"', at(2));
    const sync = await store.repos.getSync(5);
    expect(sync.etag).toBe('"def"');
    expect(sync.reconciledAt?.toISO()).toBe(at(2).toISO());
    expect(await store.deliveries.recordRedelivery("guid-1", at(1))).toBe(true);
    expect(await store.deliveries.recordRedelivery("guid-1", at(2))).toBe(false);
  });
}
