// The per-transaction cache of repository rows: each row read once, and a write seen at once.
import { DateTime } from "luxon";
import { cachedRepoStore } from "../../src/store/repos.js";
import { countingStore } from "../helpers/counting-store.js";

const at = DateTime.fromISO("2026-11-23T09:00:00Z", { zone: "utc" });

describe("cached repository rows", () => {
  it("reads a repository once, and again after a write through the cache", async () => {
    const counted = await countingStore("sqlite::memory:");
    const { store } = counted;
    await store.repos.upsertInstallation({
      id: 1,
      accountLogin: "octo",
      accountType: "Organization",
      suspendedAt: null,
    });
    await store.repos.upsert({
      id: 7,
      installationId: 1,
      owner: "octo",
      name: "api",
      defaultBranch: "main",
    });
    const repos = cachedRepoStore(store.repos);
    const before = counted.statements();
    await repos.get(7);
    await repos.getInstallation(1);
    expect((await repos.get(7))?.configJson).toBeNull();
    expect(counted.statements() - before).toBe(2);
    await repos.setConfig(7, { json: { sla: { first_review: "4h" } }, errors: [], fetchedAt: at });
    expect((await repos.get(7))?.configJson).toEqual({ sla: { first_review: "4h" } });
    await store.close();
  });
});
