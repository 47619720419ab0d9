// The dashboard's first page with 100,000 PRs in the store (two years of history, ~12,500 in the
// twelve weeks shown, each reviewed and merged): the time to compute a page's figures cold (first
// visit after a start, or after the minute's cache ran out) and from the cache, and to render it.
// The PRs' figures are maintained first as the app does (the background refresh, in batches).
// Prints the figures; passes or fails on no timing.
// `npx tsx bench/dashboard.ts [--db postgres] [--runs N]`, or `npm run bench -- --only dashboard`.
import { parseArgs } from "node:util";
import { DateTime } from "luxon";
import { installationPage } from "../src/dashboard/html.js";
import { computeFigures, FiguresCache } from "../src/http/dashboard/figures.js";
import type { FiguresScope } from "../src/http/dashboard/figures.js";
import { refreshFigures } from "../src/scheduler/pull-request-figures.js";
import { ConfigCache } from "../src/sla/config-cache.js";
import { createStore } from "../src/store/kysely-store.js";
import type { Store } from "../src/store/store.js";
import { benchDatabase } from "./databases.js";
import type { BenchDatabase } from "./databases.js";
import { summary } from "./stats.js";

const TOTAL = 100_000;
const WEEKS = 104;
const REPOS = [501, 502, 503, 504];
const NOW = DateTime.fromISO("2026-11-26T15:00:00Z", { zone: "utc" });

export async function seed(store: Store): Promise<void> {
  await store.repos.upsertInstallation({
    id: 42,
    accountLogin: "octo",
    accountType: "Organization",
    suspendedAt: null,
  });
  for (const id of REPOS) {
    await store.repos.upsert({
      id,
      installationId: 42,
      owner: "octo",
      name: `repo${id}`,
      defaultBranch: "main",
    });
  }
  const spanMs = NOW.diff(NOW.minus({ weeks: WEEKS })).toMillis();
  for (let start = 0; start < TOTAL; start += 2_000) {
    await store.transaction(async (tx) => {
      for (let i = start; i < Math.min(TOTAL, start + 2_000); i += 1) {
        const createdAt = NOW.minus({ milliseconds: Math.floor(((TOTAL - i) / TOTAL) * spanMs) });
        const open = i >= TOTAL - 300;
        const mergedAt = open ? null : createdAt.plus({ hours: 6 + (i % 50) });
        const repositoryId = REPOS[i % REPOS.length] ?? 501;
        const id = 1_000_000 + i;
        await tx.pulls.upsert({
          id,
          installationId: 42,
          repositoryId,
          owner: "octo",
          repo: `repo${repositoryId}`,
          number: i + 1,
          title: `Change ${i}`,
          author: `dev${i % 40}`,
          authorIsBot: false,
          draft: false,
          open,
          merged: !open,
          createdAt,
          readyAt: createdAt,
          closedAt: mergedAt,
          mergedAt,
          labels: [],
          additions: i % 900,
          deletions: i % 70,
          changedFiles: 3,
          headSha: "abc",
          aiAssisted: i % 3 === 0,
          updatedAt: mergedAt ?? createdAt,
        });
        const reviewer = `rev${i % 12}`;
        await tx.reviews.addRequest(id, { type: "user", login: reviewer }, createdAt);
        if (createdAt > NOW.minus({ weeks: 13 }) && !open) {
          await tx.reviews.record(id, {
            id,
            reviewer,
            state: "approved",
            submittedAt: createdAt.plus({ hours: 1 + (i % 30) }),
          });
        }
      }
    });
  }
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await fn();
  return [value, performance.now() - started];
}

/**
 * `runs` cold computations (fresh config cache, no figures cache): p50 and p99 of wall time, and
 * of this process's CPU time (all of SQLite's work; Postgres works in its own processes).
 */
async function cold(store: Store, scope: FiguresScope, runs: number) {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const deps = { store, configs: new ConfigCache(), githubWebUrl: "https://github.com" };
    const before = process.cpuUsage();
    wall.push((await timed(() => computeFigures(deps, scope, NOW)))[1]);
    const used = process.cpuUsage(before);
    cpu.push((used.user + used.system) / 1000);
  }
  const w = summary(wall);
  const c = summary(cpu);
  return (
    `p50 ${w.p50.toFixed(0)} ms, p99 ${w.p99.toFixed(0)} ms ` +
    `(CPU p50 ${c.p50.toFixed(0)} ms, p99 ${c.p99.toFixed(0)} ms) over ${runs} cold computations`
  );
}

/** Measures every marked PR as the background refresh does, in its batches; ms and CPU ms. */
async function maintain(store: Store): Promise<{ measured: number; ms: number; cpuMs: number }> {
  const deps = { store, configs: new ConfigCache() };
  const cpu = process.cpuUsage();
  const started = performance.now();
  let measured = 0;
  for (let batch = await refreshFigures(deps); batch > 0; batch = await refreshFigures(deps))
    measured += batch;
  const used = process.cpuUsage(cpu);
  return { measured, ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
}

export async function benchDashboard(db: BenchDatabase, runs = 7): Promise<string[]> {
  const store = await createStore(db.fresh());
  try {
    const [, seedMs] = await timed(() => seed(store));
    const maintained = await maintain(store);
    const repositories = await store.repos.list(42);
    const deps = { store, configs: new ConfigCache(), githubWebUrl: "https://github.com" };
    const figures = await computeFigures(deps, { repositories }, NOW);
    const cache = new FiguresCache(deps);
    await cache.get({ repositories }, NOW);
    const [, warmMs] = await timed(() => cache.get({ repositories }, NOW));
    const [html, renderMs] = await timed(() =>
      Promise.resolve(
        installationPage(
          {
            viewer: "alice",
            installationId: 42,
            account: "octo",
            repositories: repositories.map((r) => `${r.owner}/${r.name}`),
            repository: null,
            zone: figures.zone,
            clockMode: figures.clockMode,
            asOf: NOW.toISO() ?? "",
            tables: figures.tables,
          },
          (t) => `/dashboard/42/${t}.csv`,
        ),
      ),
    );
    const organisation = await cold(store, { repositories }, runs);
    const oneRepository = await cold(store, { repositories: repositories.slice(0, 1) }, runs);
    const someAuthors = await cold(
      store,
      { repositories, authors: new Set(["dev1", "dev2"]) },
      runs,
    );
    return [
      `dashboard first page, ${TOTAL} PRs in the store (${db.name}), seeded in ${(seedMs / 1000).toFixed(1)} s:`,
      `  figures of ${maintained.measured} PRs maintained in the background: ${(maintained.ms / 1000).toFixed(1)} s (${(maintained.cpuMs / 1000).toFixed(1)} s CPU)`,
      `  organisation figures, cold: ${organisation} (4 repositories)`,
      `  one repository's figures, cold: ${oneRepository}`,
      `  organisation, two authors, cold: ${someAuthors}`,
      `  from the minute's cache: ${warmMs.toFixed(2)} ms; HTML render: ${renderMs.toFixed(1)} ms (${html.length} bytes)`,
    ];
  } finally {
    await store.close();
  }
}

if (process.argv[1]?.endsWith("dashboard.ts")) {
  const { values } = parseArgs({
    options: { db: { type: "string", default: "sqlite" }, runs: { type: "string", default: "7" } },
  });
  const db = benchDatabase(values.db);
  try {
    for (const line of await benchDashboard(db, Number(values.runs))) console.log(line);
  } finally {
    await db.disposeAll();
  }
}
