// Gathers one dashboard page's figures from the store and computes them with the pure core
// (src/dashboard, which reuses the digest's definitions). Weekly trends come from each PR's
// maintained figures (`pull_request_figures`); the page first measures the PRs of its scope
// marked stale, and measures again (without saving) those measured with another calendar.
// Results are cached for a minute per scope, so reloads and CSV downloads cost nothing more.
import type { DateTime } from "luxon";
import { attention } from "../../dashboard/attention.js";
import { trendsFromFigures } from "../../dashboard/figure-trends.js";
import { reviewerLoadRows } from "../../dashboard/load.js";
import { trendFigures } from "../../dashboard/pr-figures.js";
import type { TrendFigures } from "../../dashboard/pr-figures.js";
import { attentionTable, loadTable, trendTables } from "../../dashboard/tables.js";
import type { DataTable } from "../../dashboard/tables.js";
import type { ActionKind, PerformedAction } from "../../dashboard/trends.js";
import { dashboardWeeks } from "../../dashboard/weeks.js";
import { performed, toDigestPullRequest } from "../../scheduler/digest-gather.js";
import {
  figureFingerprint,
  measureStored,
  refreshMarked,
  teamConfig,
} from "../../scheduler/pull-request-figures.js";
import type { ConfigCache, EffectiveConfig } from "../../sla/config-cache.js";
import type { FiguresWindow, RepositoryRow, Store } from "../../store/store.js";

export { teamConfig } from "../../scheduler/pull-request-figures.js";

export const WEEKS = 12;
const CACHE_MS = 60_000;
const CACHE_ENTRIES = 200;
/** Marked PRs measured per batch while a page brings its scope up to date. */
const MARK_BATCH = 1_000;

/** Stored action kinds the dashboard counts, by the name it shows them under. */
const ACTION_KINDS: Record<string, ActionKind> = {
  reminder: "reminder",
  escalation: "escalation",
  "reminder-dm": "nudge",
  nudge: "nudge",
};

export interface FiguresDeps {
  store: Store;
  configs: ConfigCache;
  githubWebUrl: string;
}

/** What a page covers: these repositories, and only PRs by these (lower-case) authors if set. */
export interface FiguresScope {
  repositories: readonly RepositoryRow[];
  authors?: ReadonlySet<string> | null;
}

export interface PageFigures {
  asOf: DateTime;
  zone: string;
  clockMode: string;
  tables: DataTable[];
}

/** A scope given as a bare repository list (the form callers used before authors existed). */
function scopeOf(scope: FiguresScope | readonly RepositoryRow[]): FiguresScope {
  return "repositories" in scope ? scope : { repositories: scope };
}

/**
 * The scope's figures for the window: marked PRs measured and saved first, rows measured with
 * another calendar or config measured again for this page.
 */
async function scopeFigures(
  deps: FiguresDeps,
  scope: FiguresScope,
  team: EffectiveConfig,
  window: FiguresWindow,
): Promise<TrendFigures[]> {
  const byId = new Map(scope.repositories.map((r) => [r.id, r]));
  const ids = [...byId.keys()];
  for (;;) {
    const marks = await deps.store.figures.marks(ids, MARK_BATCH, window);
    await refreshMarked(deps, marks, team, byId);
    if (marks.length < MARK_BATCH) break;
  }
  const rows = await deps.store.figures.read(ids, window, scope.authors ?? null);
  const expected = new Map(scope.repositories.map((r) => [r.id, figureFingerprint(team, r)]));
  const outdated = rows
    .filter((f) => f.fingerprint !== expected.get(f.repositoryId))
    .map((f) => f.pullRequestId);
  if (outdated.length === 0) return rows;
  const fresh = new Map(
    (await measureStored(deps, outdated, team, byId)).map((f) => [
      f.pullRequestId,
      trendFigures(f),
    ]),
  );
  return rows.map((f) => fresh.get(f.pullRequestId) ?? f);
}

export async function computeFigures(
  deps: FiguresDeps,
  scopeOrRepositories: FiguresScope | readonly RepositoryRow[],
  now: DateTime,
): Promise<PageFigures> {
  const scope = scopeOf(scopeOrRepositories);
  const authors = scope.authors ?? null;
  const team = teamConfig(deps.configs, scope.repositories);
  const { config, calendar } = team;
  const weeks = dashboardWeeks(now, config.timezone, WEEKS);
  const since = weeks[0]?.start ?? now;
  const ids = scope.repositories.map((r) => r.id);
  const byId = new Map(scope.repositories.map((r) => [r.id, r]));
  const figures = await scopeFigures(deps, scope, team, { openSince: since, createdBefore: now });
  const range = { from: since, to: now };
  const actions: PerformedAction[] = (
    await deps.store.dashboard.performedActions(ids, Object.keys(ACTION_KINDS), range, authors)
  )
    .filter(performed)
    .map((a) => ({ kind: ACTION_KINDS[a.kind] ?? "nudge", performedAt: a.performedAt }));
  const trends = trendsFromFigures({ weeks, figures, actions });
  const open = await deps.store.dashboard.openPullRequests(ids, authors);
  const pulls = open
    .filter((state) => state.createdAt < now)
    .map((state) => ({
      state,
      measured: toDigestPullRequest(
        { pr: state, firstReviewAt: null, firstChangesRequestedAt: null },
        byId.get(state.repositoryId),
        deps,
      ),
    }));
  const lists = attention({ now, calendar, clockMode: config.clock, rules: config, pulls });
  const requests = await deps.store.dashboard.openUserRequests(ids, authors);
  return {
    asOf: now,
    zone: config.timezone,
    clockMode: config.clock,
    tables: [
      ...trendTables(trends, config.timezone),
      attentionTable("breaching", lists.breaching),
      attentionTable("due-soon", lists.dueSoon),
      loadTable(reviewerLoadRows(requests, config, now)),
    ],
  };
}

/** `computeFigures`, remembered for a minute per scope (repositories and authors) and minute. */
export class FiguresCache {
  private readonly entries = new Map<string, { at: number; figures: Promise<PageFigures> }>();

  constructor(
    private readonly deps: FiguresDeps,
    private readonly realNow: () => number = Date.now,
  ) {}

  get(scopeOrRepositories: FiguresScope | readonly RepositoryRow[], now: DateTime) {
    const scope = scopeOf(scopeOrRepositories);
    const minute = Math.floor(now.toMillis() / 60_000);
    const authors = scope.authors ? [...scope.authors].sort().join(",") : "*";
    const key = `${scope.repositories.map((r) => r.id).join(",")}|${authors}@${minute}`;
    const hit = this.entries.get(key);
    if (hit && this.realNow() - hit.at < CACHE_MS) return hit.figures;
    if (this.entries.size >= CACHE_ENTRIES) this.entries.clear();
    const figures = computeFigures(this.deps, scope, now);
    this.entries.set(key, { at: this.realNow(), figures });
    figures.catch(() => this.entries.delete(key));
    return figures;
  }
}
