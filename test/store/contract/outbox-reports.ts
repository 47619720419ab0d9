// Contract: the outbox's report reads (outcomes by key, a paged run's outcomes, what settled since
// a mark) and the release of actions parked until a repository's configuration is loaded.
import { REPOSITORY, newAction, seedPullRequest } from "./builders.js";
import { at } from "./context.js";
import type { StoreContext } from "./context.js";

export function describeOutboxReports(ctx: () => StoreContext): void {
  async function perform(ctx: StoreContext, keys: string[], outcome: "done" | "failed") {
    const { store } = ctx;
    const claimed = await store.outbox.claim({
      owner: "w",
      now: at(1),
      leaseMs: 60_000,
      limit: 100,
    });
    for (const action of claimed.filter((a) => keys.includes(a.key))) {
      if (outcome === "done")
        await store.outbox.complete(action.id, "w", { at: at(1), result: { commentId: 7 } });
      else await store.outbox.fail(action.id, "w", { error: "gone", retryAt: null });
    }
  }

  test("reports only what settled since the mark: created after it, or pending at it", async () => {
    const { store } = ctx();
    await store.outbox.enqueue(newAction({ key: "old-done" }));
    await store.outbox.enqueue(newAction({ key: "waiting", dueAt: at(2) }));
    await perform(ctx(), ["old-done"], "done");
    const mark = await store.outbox.mark();
    await store.outbox.enqueue(newAction({ key: "new-failed" }));
    await store.outbox.enqueue(newAction({ key: "new-pending", dueAt: at(5) }));
    await perform(ctx(), ["new-failed"], "failed");
    const claimed = await store.outbox.claim({ owner: "w", now: at(3), leaseMs: 1, limit: 1 });
    expect(claimed.map((a) => a.key)).toEqual(["waiting"]);
    await store.outbox.complete(claimed[0]!.id, "w", { at: at(3), result: null });

    const settled = await store.outbox.settledSince(mark);
    expect(settled.map((a) => [a.key, a.status, a.lastError])).toEqual([
      ["waiting", "done", null],
      ["new-failed", "failed", "gone"],
    ]);
  });

  test("reads outcomes by key and by paged run, without payloads", async () => {
    const { store } = ctx();
    for (const key of ["import:1:x", "import:1:x:p1", "import:1:x:p2", "import:1:xy"])
      await store.outbox.enqueue(newAction({ key, kind: "import-repository" }));
    await perform(ctx(), ["import:1:x", "import:1:x:p1"], "done");

    const run = await store.outbox.outcomesOfRun("import-repository", "import:1:x");
    expect(run.map((a) => [a.key, a.status])).toEqual([
      ["import:1:x", "done"],
      ["import:1:x:p1", "done"],
      ["import:1:x:p2", "pending"],
    ]);
    const byKey = await store.outbox.outcomes(["import:1:x", "missing"]);
    expect(byKey).toEqual([
      expect.objectContaining({ key: "import:1:x", status: "done", result: { commentId: 7 } }),
    ]);
    expect(byKey[0]).not.toHaveProperty("payload");
  });

  test("releases the parked actions of one repository's pull requests, not others' or held ones", async () => {
    const { store } = ctx();
    const mine = await seedPullRequest(store, { number: 1 });
    const other = await seedPullRequest(store, { number: 1, repositoryId: 22, id: 22_001 });
    const parked = { kind: "assign", dueAt: at(10) };
    await store.outbox.enqueue(newAction({ ...parked, key: "mine", pullRequestId: mine }));
    await store.outbox.enqueue(newAction({ ...parked, key: "theirs", pullRequestId: other }));
    await store.outbox.enqueue(
      newAction({ dueAt: at(10), key: "a-reminder", pullRequestId: mine }),
    );

    const released = await store.outbox.releaseWaiting(REPOSITORY, ["assign"], at(1));
    expect(released).toBe(1);
    const claimed = await store.outbox.claim({ owner: "w", now: at(1), leaseMs: 1, limit: 10 });
    expect(claimed.map((a) => [a.key, a.dueAt.toISO()])).toEqual([["mine", at(1).toISO()]]);
  });
}
