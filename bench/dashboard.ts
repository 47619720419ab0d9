// The dashboard's first page with 100,000 PRs in the store (two years of history, ~12,500 in the
// twelve weeks shown, each reviewed and merged): the time to compute a page's figures cold (first
// visit after a start, or after the minute's cache ran out) and from the cache, and to render it.
// Prints the figures; passes or fails on no timing. `npx tsx bench/dashboard.ts [postgres-url]`.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DateTime } from "luxon";
import { installationPage } from "../src/dashboard/html.js";
import { computeFigures, FiguresCache } from "../src/http/dashboard/figures.js";
import { ConfigCache } from "../src/sla/config-cache.js";
import { createStore } from "../src/store/kysely-store.js";
import type { Store } from "../src/store/store.js";

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

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "review-sla-dashboard-bench-"));
  const url = process.argv[2] ?? `sqlite:${join(dir, "bench.db")}`;
  const store = await createStore(url);
  try {
    const [, seedMs] = await timed(() => seed(store));
    const repositories = await store.repos.list(42);
    const deps = { store, configs: new ConfigCache(), githubWebUrl: "https://github.com" };
    const [figures, coldMs] = await timed(() => computeFigures(deps, repositories, NOW));
    const cache = new FiguresCache(deps);
    await cache.get(repositories, NOW);
    const [, warmMs] = await timed(() => cache.get(repositories, NOW));
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
    const [, oneRepoMs] = await timed(() => computeFigures(deps, repositories.slice(0, 1), NOW));
    console.log(
      `dashboard first page, ${TOTAL} PRs in the store (${store.describe}), seeded in ${(seedMs / 1000).toFixed(1)} s:`,
    );
    console.log(`  organisation figures, cold: ${coldMs.toFixed(0)} ms (4 repositories)`);
    console.log(`  one repository's figures, cold: ${oneRepoMs.toFixed(0)} ms`);
    console.log(
      `  from the minute's cache: ${warmMs.toFixed(2)} ms; HTML render: ${renderMs.toFixed(1)} ms (${html.length} bytes)`,
    );
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith("dashboard.ts")) await main();
