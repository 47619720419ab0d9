// The dashboard's reads (`store.dashboard`) and the figures computed from them, on SQLite and on
// Postgres (skipped with a warning when no server answers, failing in CI), with one expectation.
import { computeFigures } from "../../src/http/dashboard/figures.js";
import { ConfigCache } from "../../src/sla/config-cache.js";
import { onEveryStore } from "./contract/targets.js";
import { INSTALLATION, seedInstallation, seedPull } from "../helpers/digest-store.js";
import { at, useStoreContext } from "./contract/context.js";
import type { StoreTarget } from "./contract/context.js";
import type { KyselyStore } from "../../src/store/kysely-store.js";

/** Actions performed on a PR at hour `hour` (done), as the worker leaves them. */
async function performed(store: KyselyStore, pullRequestId: number, kinds: string[], hour: number) {
  for (const [i, kind] of kinds.entries()) {
    await store.outbox.enqueue({
      key: `${kind}:${pullRequestId}:${i}`,
      installationId: INSTALLATION,
      pullRequestId,
      kind,
      payload: {},
      dueAt: at(hour),
      priority: 0,
    });
  }
  const claimed = await store.outbox.claim({
    owner: "w",
    now: at(hour),
    leaseMs: 60_000,
    limit: 100,
  });
  for (const action of claimed)
    await store.outbox.complete(action.id, "w", { at: at(hour), result: null });
}

function dashboardQueries(target: StoreTarget): void {
  const ctx = useStoreContext(target);

  async function seed(store: KyselyStore) {
    await seedInstallation(
      store,
      [
        { id: 501, name: "api" },
        { id: 502, name: "web" },
      ],
      at(0),
    );
    const merged = await seedPull(store, {
      repositoryId: 501,
      number: 1,
      createdAt: at(-100),
      aiAssisted: true,
      reviewers: ["carol"],
      reviews: [{ by: "carol", at: at(-98) }],
      mergedAt: at(-90),
    });
    const open = await seedPull(store, {
      repositoryId: 501,
      number: 2,
      title: "Big change",
      // Thursday 05:00: 52 h of working days by Monday 09:00.
      createdAt: at(-100),
      reviewers: ["carol", "erin"],
    });
    await seedPull(store, {
      repositoryId: 502,
      repo: "web",
      number: 3,
      createdAt: at(-5),
      reviewers: ["carol"],
    });
    await performed(store, open, ["reminder", "reminder-dm", "escalation"], -10);
    return { merged, open };
  }

  it("reads open PRs with their history, pending requests and done actions of the given repositories only", async () => {
    const { store } = ctx();
    const { open } = await seed(store);
    const pulls = await store.dashboard.openPullRequests([501]);
    expect(pulls.map((p) => [p.number, p.requests.length])).toEqual([[2, 2]]);
    const requests = await store.dashboard.openUserRequests([501]);
    expect(requests.map((r) => [r.login, r.pullRequestId]).sort()).toEqual([
      ["carol", open],
      ["erin", open],
    ]);
    const actions = await store.dashboard.performedActions([501], ["reminder", "reminder-dm"], {
      from: at(-20),
      to: at(0),
    });
    expect(actions.map((a) => a.kind).sort()).toEqual(["reminder", "reminder-dm"]);
    expect(
      await store.dashboard.performedActions([502], ["reminder"], { from: at(-20), to: at(0) }),
    ).toEqual([]);
  });

  it("computes the page's figures: weeks, percentiles, the AI split, lists and load", async () => {
    const { store } = ctx();
    await seed(store);
    const repositories = await store.repos.list(INSTALLATION);
    const figures = await computeFigures(
      { store, configs: new ConfigCache(), githubWebUrl: "https://github.com" },
      repositories.filter((r) => r.id === 501),
      at(0),
    );
    const table = (id: string) => figures.tables.find((t) => t.id === id)!;
    const firstReview = table("first-review");
    expect(firstReview.rows).toHaveLength(12);
    const reviewed = firstReview.rows.filter((row) => row[1] !== null);
    // Reviewed 2 h after it was ready; AI-assisted, so "other" has nothing that week.
    expect(reviewed).toEqual([[expect.any(String), 2, 2, 2, 2, null, null]]);
    expect(
      table("actions")
        .rows.map((r) => r.slice(1))
        .filter((r) => r.some((n) => n !== 0)),
    ).toEqual([[1, 1, 1]]);
    expect(table("breaching").rows.map((r) => [r[0], r[3], r[4]])).toEqual([
      ["octo/api#2", "reviewers", "carol erin"],
    ]);
    expect(table("reviewer-load").rows.map((r) => [r[0], r[1]])).toEqual([
      ["carol", 1],
      ["erin", 1],
    ]);
  });
}

onEveryStore("the dashboard queries", dashboardQueries);
