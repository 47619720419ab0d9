// Contract: a named lock lets one store of several run a job, and is released afterwards.
import type { StoreContext } from "./context.js";

export function describeLocks(ctx: () => StoreContext): void {
  test("runs the job under the lock and returns its result", async () => {
    const outcome = await ctx().store.withLock("sweep", () => Promise.resolve(42));
    expect(outcome).toEqual({ acquired: true, result: 42 });
  });

  test("another store on the same database cannot take a held lock", async () => {
    const { store, openAnother } = ctx();
    const other = await openAnother();
    const inside = await store.withLock("sweep", async () => ({
      sameName: await other.withLock("sweep", () => Promise.resolve("ran")),
      otherName: await other.withLock("digest", () => Promise.resolve("ran")),
    }));
    expect(inside).toEqual({
      acquired: true,
      result: { sameName: { acquired: false }, otherName: { acquired: true, result: "ran" } },
    });
    expect(await other.withLock("sweep", () => Promise.resolve("after"))).toEqual({
      acquired: true,
      result: "after",
    });
  });

  test("releases the lock when the job fails", async () => {
    const { store, openAnother } = ctx();
    const other = await openAnother();
    await expect(store.withLock("sweep", () => Promise.reject(new Error("boom")))).rejects.toThrow(
      "boom",
    );
    expect(await other.withLock("sweep", () => Promise.resolve(1))).toEqual({
      acquired: true,
      result: 1,
    });
  });
}
