// Gathers one dashboard page's figures from the store and computes them with the pure core
// (src/dashboard, which reuses the digest's definitions). Weekly trends come from each PR's
// maintained figures (`pull_request_figures`); the page first measures the PRs of its scope
// marked stale, and measures again (without saving) those measured with another calendar.
// Results are cached for a minute per scope, so reloads and CSV downloads cost nothing more.
import type { DateTime } from "luxon";
import { teamCalendar } from "../../config/calendar.js";
import type { RepoConfig } from "../../config/schema.js";
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

/** What one page measures: repositories, optionally only some authors' PRs in them. */
export interface FiguresScope {
  repositories: readonly RepositoryRow[];
  /** Lower-case logins whose PRs count; null or absent: everyone's. */
  authors?: ReadonlySet<string> | null;
  /** With `authors`: repositories whose PRs count whoever wrote them (a team's own ones). */
  everyAuthorIn?: ReadonlySet<number>;
  /** The calendar and rules to measure in (a digest scope's config); absent: `teamConfig`. */
  config?: RepoConfig;
}

/** One store read of a scope: these repositories, by these authors (null: anyone). */
interface ScopePart {
  ids: number[];
  authors: ReadonlySet<string> | null;
}

/**
 * The scope as reads the store can answer: every PR of the repositories in `everyAuthorIn`, and
 * the authors' PRs in the others.
 */
function scopeParts(scope: FiguresScope): ScopePart[] {
  const ids = scope.repositories.map((r) => r.id);
  const authors = scope.authors ?? null;
  if (authors === null) return [{ ids, authors: null }];
  const everyone = ids.filter((id) => scope.everyAuthorIn?.has(id) === true);
  const others = ids.filter((id) => scope.everyAuthorIn?.has(id) !== true);
  const parts: ScopePart[] = [];
  if (everyone.length > 0) parts.push({ ids: everyone, authors: null });
  if (others.length > 0) parts.push({ ids: others, authors });
  return parts;
}

/** The same read for each part of the scope, in one list. */
async function eachPart<T>(
  parts: readonly ScopePart[],
  read: (part: ScopePart) => Promise<T[]>,
): Promise<T[]> {
  return (await Promise.all(parts.map(read))).flat();
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
  const rows = await eachPart(scopeParts(scope), (part) =>
    deps.store.figures.read(part.ids, window, part.authors),
  );
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
  const parts = scopeParts(scope);
  const team: EffectiveConfig = scope.config
    ? { config: scope.config, calendar: teamCalendar(scope.config), errors: [] }
    : teamConfig(deps.configs, scope.repositories);
  const { config, calendar } = team;
  const weeks = dashboardWeeks(now, config.timezone, WEEKS);
  const since = weeks[0]?.start ?? now;
  const byId = new Map(scope.repositories.map((r) => [r.id, r]));
  const figures = await scopeFigures(deps, scope, team, { openSince: since, createdBefore: now });
  const range = { from: since, to: now };
  const kinds = Object.keys(ACTION_KINDS);
  const actions: PerformedAction[] = (
    await eachPart(parts, (part) =>
      deps.store.dashboard.performedActions(part.ids, kinds, range, part.authors),
    )
  )
    .filter(performed)
    .map((a) => ({ kind: ACTION_KINDS[a.kind] ?? "nudge", performedAt: a.performedAt }));
  const trends = trendsFromFigures({ weeks, figures, actions });
  const open = await eachPart(parts, (part) =>
    deps.store.dashboard.openPullRequests(part.ids, part.authors),
  );
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
  const requests = await eachPart(parts, (part) =>
    deps.store.dashboard.openUserRequests(part.ids, part.authors),
  );
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
    const key = JSON.stringify([
      scope.repositories.map((r) => r.id),
      scope.authors ? [...scope.authors].sort() : null,
      scope.everyAuthorIn ? [...scope.everyAuthorIn].sort((a, b) => a - b) : null,
      scope.config ?? null,
      minute,
    ]);
    const hit = this.entries.get(key);
    if (hit && this.realNow() - hit.at < CACHE_MS) return hit.figures;
    if (this.entries.size >= CACHE_ENTRIES) this.entries.clear();
    const figures = computeFigures(this.deps, scope, now);
    this.entries.set(key, { at: this.realNow(), figures });
    figures.catch(() => this.entries.delete(key));
    return figures;
  }
}
