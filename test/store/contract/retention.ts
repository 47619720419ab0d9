// Contract: retention deletes finished work nothing depends on, in bounded batches, and keeps
// the keys that exactly-once still needs.
import type { NewAction } from "../../../src/store/store.js";
import { newAction, seedPullRequest } from "./builders.js";
import { at } from "./context.js";
import type { StoreContext } from "./context.js";

const DAY = 24;

/** Enqueues the actions at `at(hours)` and finishes them (done, or failed with `fail`). */
async function finish(
  ctx: StoreContext,
  hours: number,
  actions: NewAction[],
  fail: readonly string[] = [],
): Promise<void> {
  ctx.clock.set(at(hours));
  await ctx.store.outbox.enqueueMany(actions);
  const claimed = await ctx.store.outbox.claim({
    owner: "w",
    now: at(hours),
    leaseMs: 60_000,
    limit: 100,
  });
  for (const action of claimed) {
    if (fail.includes(action.key))
      await ctx.store.outbox.fail(action.id, "w", { error: "gone", retryAt: null });
    else await ctx.store.outbox.complete(action.id, "w", { at: at(hours), result: null });
  }
}

const keys = async (ctx: StoreContext) => (await ctx.store.outbox.list()).map((a) => a.key).sort();

export function describeRetention(ctx: () => StoreContext): void {
  test("deletes a long-closed PR's finished actions but keeps their keys for the sweep", async () => {
    const c = ctx();
    const closed = await seedPullRequest(c.store, {
      number: 1,
      open: false,
      closedAt: at(2 * DAY),
      updatedAt: at(2 * DAY),
    });
    const recent = await seedPullRequest(c.store, {
      number: 2,
      open: false,
      closedAt: at(40 * DAY),
      updatedAt: at(40 * DAY),
    });
    const open = await seedPullRequest(c.store, { number: 3 });
    await finish(
      c,
      DAY,
      [
        newAction({ key: "reminder:1", pullRequestId: closed }),
        newAction({ key: "escalation:1", pullRequestId: closed, kind: "escalation" }),
        newAction({ key: "reminder:2", pullRequestId: recent }),
        newAction({ key: "reminder:3", pullRequestId: open }),
      ],
      ["escalation:1"],
    );
    await c.store.outbox.enqueue(
      newAction({ key: "checklist:1", pullRequestId: closed, kind: "checklist" }),
    );
    expect(await c.store.retention.pruneClosedPullRequests(at(30 * DAY), 100)).toBe(2);
    expect(await keys(c)).toEqual(["checklist:1", "reminder:2", "reminder:3"]);
    expect([...(await c.store.outbox.keysOf(closed))].sort()).toEqual([
      "checklist:1",
      "escalation:1",
      "reminder:1",
    ]);
    // Asked by key, a pruned key still counts (a reopened PR is not reminded twice); a key not
    // asked for is not returned.
    expect(await c.store.outbox.recordedKeys(closed, ["reminder:1", "reminder:9"])).toEqual(
      new Set(["reminder:1"]),
    );
    const many = await c.store.outbox.recordedKeysOfMany(
      new Map([
        [closed, ["escalation:1", "checklist:1", "nudge:1"]],
        [recent, ["reminder:2"]],
        [open, []],
      ]),
    );
    expect(many).toEqual(
      new Map([
        [closed, new Set(["escalation:1", "checklist:1"])],
        [recent, new Set(["reminder:2"])],
        [open, new Set()],
      ]),
    );
  });

  test("deletes old finished actions of the listed kinds without a PR, and keeps the rest", async () => {
    const c = ctx();
    await finish(c, 0, [
      newAction({ key: "reconcile:1:1", kind: "reconcile-repository" }),
      newAction({ key: "digest:a:w1", kind: "digest" }),
      newAction({ key: "other:1", kind: "something-new" }),
    ]);
    await c.store.outbox.enqueue(
      newAction({ key: "reconcile:1:2", kind: "reconcile-repository", dueAt: at(99 * DAY) }),
    );
    await finish(c, 20 * DAY, [newAction({ key: "reconcile:1:3", kind: "reconcile-repository" })]);
    const kinds = ["reconcile-repository", "digest"];
    expect(await c.store.retention.pruneUnbound(kinds, at(10 * DAY), 100)).toBe(2);
    expect(await keys(c)).toEqual(["other:1", "reconcile:1:2", "reconcile:1:3"]);
  });

  test("deletes at most one batch per call", async () => {
    const c = ctx();
    const webhooks = ["a", "b", "c"].map((id) =>
      newAction({ key: `webhook:${id}`, kind: "webhook" }),
    );
    await finish(c, 0, webhooks);
    expect(await c.store.retention.pruneDone("webhook", at(DAY), 2)).toBe(2);
    expect(await c.store.retention.pruneDone("webhook", at(DAY), 2)).toBe(1);
    expect(await keys(c)).toEqual([]);
  });

  test("forgets delivery ids and redeliveries received before the cutoff", async () => {
    const { store } = ctx();
    await store.deliveries.record("old", "ping", at(0));
    await store.deliveries.record("new", "ping", at(10 * DAY));
    await store.deliveries.recordRedelivery("old-guid", at(0));
    expect(await store.retention.pruneDeliveries(at(5 * DAY), 100)).toBe(2);
    expect(await store.deliveries.record("new", "ping", at(11 * DAY))).toBe(false);
    expect(await store.deliveries.record("old", "ping", at(11 * DAY))).toBe(true);
    expect(await store.deliveries.recordRedelivery("old-guid", at(11 * DAY))).toBe(true);
  });

  test("deletes old assignment plans only once their action is gone", async () => {
    const c = ctx();
    await c.store.assignment.savePlan("assign:gone", { logins: ["bob"] }, at(0));
    await c.store.assignment.savePlan("assign:kept", { logins: ["eve"] }, at(0));
    await finish(c, 0, [newAction({ key: "assign:kept", kind: "assign" })]);
    expect(await c.store.retention.prunePlans(at(DAY), 100)).toBe(1);
    expect(await c.store.assignment.getPlan("assign:gone")).toBeNull();
    expect(await c.store.assignment.getPlan("assign:kept")).toEqual({ logins: ["eve"] });
  });
}
