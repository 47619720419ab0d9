// The dashboard's maintained per-PR figures on SQLite and Postgres: the page's figures equal a
// computation from scratch (the digest's definitions) on a seeded store, stay current when a
// review arrives or the team's time zone changes, and an authors filter narrows every table.
import { DateTime } from "luxon";
import { trendTables } from "../../src/dashboard/tables.js";
import type { DataTable } from "../../src/dashboard/tables.js";
import { weeklyTrends } from "../../src/dashboard/trends.js";
import { dashboardWeeks } from "../../src/dashboard/weeks.js";
import { computeFigures, teamConfig, WEEKS } from "../../src/http/dashboard/figures.js";
import type { FiguresScope } from "../../src/http/dashboard/figures.js";
import { toDigestPullRequest } from "../../src/scheduler/digest-gather.js";
import { refreshFigures } from "../../src/scheduler/pull-request-figures.js";
import { ConfigCache } from "../../src/sla/config-cache.js";
import type { KyselyStore } from "../../src/store/kysely-store.js";
import { INSTALLATION, seedInstallation, seedPull } from "../helpers/digest-store.js";
import { aStoredPullRequest } from "../helpers/pull-requests.js";
import { onEveryStore } from "./contract/targets.js";
import { useStoreContext } from "./contract/context.js";
import type { StoreTarget } from "./contract/context.js";

const NOW = DateTime.fromISO("2026-11-26T15:00:00Z", { zone: "utc" });
const TEAM = {
  timezone: "Europe/Berlin",
  working_hours: "09:00-17:00",
  clock: "working-hours",
  sla: { first_review: "8h", resolution: "16h", ignore_reviewers: ["review-robot"] },
  pause_labels: ["on-hold"],
};
const TREND_TABLES = ["compliance", "first-review", "cycle-time"];

const hoursAgo = (hours: number) => NOW.minus({ hours });

/** A deterministic mix: drafts, paused, closed unmerged, changes requested, bot and AI reviews. */
async function seedMix(store: KyselyStore, count: number) {
  await seedInstallation(
    store,
    [
      { id: 501, name: ".github", config: TEAM },
      // Its own zone: its page measures in another calendar than the stored figures.
      {
        id: 502,
        name: "api",
        config: { ...TEAM, timezone: "Europe/London", sla: { first_review: "4h" } },
      },
    ],
    NOW.minus({ weeks: 20 }),
  );
  for (let i = 0; i < count; i += 1) {
    const created = hoursAgo(3 + ((i * 37) % (14 * 168)));
    const merged = i % 4 === 0 ? created.plus({ hours: 5 + (i % 60) }) : undefined;
    const closed = i % 9 === 0 && merged === undefined ? created.plus({ hours: 2 + i }) : undefined;
    const reviewers = ["review-robot", "copilot[bot]", "carol", "dana", "erin"];
    const reviews = [0, 1].map((k) => ({
      by: reviewers[(i + k) % reviewers.length] ?? "carol",
      at: created.plus({ hours: 1 + ((i * (k + 3)) % 40) }),
      state: (i + k) % 5 === 0 ? ("changes_requested" as const) : ("approved" as const),
    }));
    await seedPull(store, {
      repositoryId: i % 2 === 0 ? 501 : 502,
      repo: i % 2 === 0 ? ".github" : "api",
      number: i + 1,
      author: `dev${i % 3}`,
      createdAt: created,
      aiAssisted: i % 3 === 0,
      reviewers: ["carol"],
      reviews: reviews.filter((r) => r.at < NOW && (merged === undefined || r.at <= merged)),
      ...(merged === undefined ? {} : { mergedAt: merged }),
      ...(closed === undefined || closed > NOW ? {} : { closedAt: closed }),
    });
  }
  await store.pulls.upsert(
    aStoredPullRequest({
      id: 990_001,
      installationId: INSTALLATION,
      repositoryId: 502,
      repo: "api",
      number: 900,
      draft: true,
      createdAt: hoursAgo(200),
      updatedAt: hoursAgo(200),
    }),
  );
  await store.pulls.upsert(
    aStoredPullRequest({
      id: 990_002,
      installationId: INSTALLATION,
      repositoryId: 502,
      repo: "api",
      number: 901,
      labels: ["on-hold"],
      createdAt: hoursAgo(300),
      updatedAt: hoursAgo(300),
    }),
  );
}

const deps = (store: KyselyStore) => ({
  store,
  configs: new ConfigCache(),
  githubWebUrl: "https://github.com",
});

/** The trend tables measured from scratch, every PR with its review history, as the digest does. */
async function fromScratch(store: KyselyStore, scope: FiguresScope): Promise<DataTable[]> {
  const d = deps(store);
  const { config, calendar } = teamConfig(d.configs, scope.repositories);
  const weeks = dashboardWeeks(NOW, config.timezone, WEEKS);
  const byId = new Map(scope.repositories.map((r) => [r.id, r]));
  const rows = await store.digests.digestPullRequests([...byId.keys()], {
    createdBefore: NOW,
    openSince: weeks[0]!.start,
    history: true,
  });
  const pulls = rows
    .filter((r) => !scope.authors || scope.authors.has(r.pr.author.toLowerCase()))
    .map((r) => toDigestPullRequest(r, byId.get(r.pr.repositoryId), d));
  const trends = weeklyTrends({
    weeks,
    calendar,
    clockMode: config.clock,
    pullRequests: pulls,
    actions: [],
  });
  return trendTables(trends, config.timezone).filter((t) => TREND_TABLES.includes(t.id));
}

async function pageTrends(store: KyselyStore, scope: FiguresScope) {
  const figures = await computeFigures(deps(store), scope, NOW);
  return figures.tables.filter((t) => TREND_TABLES.includes(t.id));
}

const counted = (tables: DataTable[]) =>
  tables.flatMap((t) => t.rows).reduce((n, row) => n + row.filter((c) => c !== null).length, 0);

function maintainedFigures(target: StoreTarget): void {
  const ctx = useStoreContext(target);

  it("gives the page the same weekly figures as measuring every PR from scratch", async () => {
    const { store } = ctx();
    await seedMix(store, 160);
    await refreshFigures(deps(store), 50);
    const repositories = await store.repos.list(INSTALLATION);
    for (const scope of [
      { repositories },
      { repositories: repositories.filter((r) => r.name === "api") },
      { repositories, authors: new Set(["dev1", "dev2"]) },
    ]) {
      const expected = await fromScratch(store, scope);
      expect(counted(expected)).toBeGreaterThan(40);
      expect(await pageTrends(store, scope)).toEqual(expected);
    }
  });

  it("measures in the background in bounded batches until nothing is marked", async () => {
    const { store } = ctx();
    await seedMix(store, 30);
    expect(await refreshFigures(deps(store), 20)).toBe(20);
    expect(await refreshFigures(deps(store), 20)).toBe(12);
    expect(await refreshFigures(deps(store), 20)).toBe(0);
    expect(await store.figures.marks(null, 100)).toEqual([]);
  });

  it("counts only people's reviews as the first review: not bots, not sla.ignore_reviewers", async () => {
    const { store } = ctx();
    await seedInstallation(store, [{ id: 501, name: ".github", config: TEAM }], NOW);
    await seedPull(store, {
      repositoryId: 501,
      number: 1,
      // Monday 09:00 Berlin.
      createdAt: DateTime.fromISO("2026-11-23T08:00:00Z"),
      reviewers: ["carol"],
      reviews: [
        { by: "review-robot", at: DateTime.fromISO("2026-11-23T09:00:00Z") },
        { by: "copilot[bot]", at: DateTime.fromISO("2026-11-23T09:30:00Z") },
        { by: "carol", at: DateTime.fromISO("2026-11-23T11:00:00Z") },
      ],
    });
    const repositories = await store.repos.list(INSTALLATION);
    const firstReview = (await pageTrends(store, { repositories })).find(
      (t) => t.id === "first-review",
    );
    // Three working hours to carol's review; the robot's at one hour does not count.
    expect(firstReview?.rows.at(-1)?.slice(1, 3)).toEqual([3, 3]);
  });

  it("updates a PR's figures when a review arrives", async () => {
    const { store } = ctx();
    await seedInstallation(store, [{ id: 501, name: ".github", config: TEAM }], NOW);
    const id = await seedPull(store, {
      repositoryId: 501,
      number: 1,
      createdAt: DateTime.fromISO("2026-11-23T08:00:00Z"),
      reviewers: ["carol"],
    });
    await refreshFigures(deps(store));
    const window = { openSince: NOW.minus({ weeks: 1 }), createdBefore: NOW };
    const before = await store.figures.read([501], window, null);
    expect(before.map((f) => [f.firstReviewAt, f.firstReviewOutcome])).toEqual([[null, "missed"]]);
    await store.reviews.record(id, {
      id: 1,
      reviewer: "carol",
      state: "approved",
      submittedAt: DateTime.fromISO("2026-11-23T12:00:00Z"),
    });
    expect((await store.figures.marks([501], 10)).map((m) => m.pullRequestId)).toEqual([id]);
    expect(await refreshFigures(deps(store))).toBe(1);
    const after = await store.figures.read([501], window, null);
    expect(after.map((f) => [f.firstReviewMs, f.firstReviewOutcome])).toEqual([
      [4 * 3_600_000, "met"],
    ]);
  });

  it("measures every PR again when the team's time zone changes", async () => {
    const { store } = ctx();
    await seedInstallation(store, [{ id: 501, name: ".github", config: TEAM }], NOW);
    await seedPull(store, {
      repositoryId: 501,
      number: 1,
      createdAt: DateTime.fromISO("2026-11-23T08:00:00Z"),
      reviews: [{ by: "carol", at: DateTime.fromISO("2026-11-23T12:00:00Z") }],
    });
    await refreshFigures(deps(store));
    const window = { openSince: NOW.minus({ weeks: 1 }), createdBefore: NOW };
    const [before] = await store.figures.read([501], window, null);
    expect(before?.firstReviewMs).toBe(4 * 3_600_000);
    const tokyo = { ...TEAM, timezone: "Asia/Tokyo" };
    await store.repos.setConfig(501, { json: tokyo, errors: [], fetchedAt: NOW });
    expect(await refreshFigures(deps(store))).toBe(1);
    const [after] = await store.figures.read([501], window, null);
    // 08:00-12:00 UTC is 17:00-21:00 in Tokyo: outside working hours.
    expect(after?.firstReviewMs).toBe(0);
    expect(after?.fingerprint).not.toBe(before?.fingerprint);
  });

  it("narrows trends, lists and reviewer load to the given authors", async () => {
    const { store } = ctx();
    await seedInstallation(store, [{ id: 501, name: ".github", config: TEAM }], NOW);
    for (const [number, author, reviewer] of [
      [1, "ann", "carol"],
      [2, "bob", "erin"],
    ] as const) {
      await seedPull(store, {
        repositoryId: 501,
        repo: ".github",
        number,
        author,
        createdAt: DateTime.fromISO("2026-11-16T08:00:00Z"),
        reviewers: [reviewer],
      });
    }
    const repositories = await store.repos.list(INSTALLATION);
    const page = await computeFigures(
      deps(store),
      { repositories, authors: new Set(["ann"]) },
      NOW,
    );
    const table = (id: string) => page.tables.find((t) => t.id === id);
    expect(table("breaching")?.rows.map((r) => r[0])).toEqual(["octo/.github#1"]);
    expect(table("reviewer-load")?.rows.map((r) => r[0])).toEqual(["carol"]);
    const missed = table("compliance")?.rows.reduce((n, r) => n + (r[1] === 0 ? 1 : 0), 0);
    expect(missed).toBe(1);
  });
}

onEveryStore("the dashboard's maintained figures", maintainedFigures);
