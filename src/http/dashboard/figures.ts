// Gathers one dashboard page's figures from the store and computes them with the pure core
// (src/dashboard, which reuses the digest's definitions). Results are cached for a minute per
// scope, so reloads and the CSV downloads of a page cost no second computation.
import type { DateTime } from "luxon";
import { teamCalendar } from "../../config/calendar.js";
import type { RepoConfig } from "../../config/schema.js";
import { attention } from "../../dashboard/attention.js";
import { reviewerLoadRows } from "../../dashboard/load.js";
import { attentionTable, loadTable, trendTables } from "../../dashboard/tables.js";
import type { DataTable } from "../../dashboard/tables.js";
import { weeklyTrends } from "../../dashboard/trends.js";
import type { ActionKind, PerformedAction } from "../../dashboard/trends.js";
import { dashboardWeeks } from "../../dashboard/weeks.js";
import { performed, toDigestPullRequest } from "../../scheduler/digest-gather.js";
import type { ConfigCache, EffectiveConfig } from "../../sla/config-cache.js";
import type { RepositoryRow, Store } from "../../store/store.js";

export const WEEKS = 12;
const CACHE_MS = 60_000;
const CACHE_ENTRIES = 200;

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

/** A bare list of repositories is the scope of every PR in them. */
function asScope(scope: FiguresScope | readonly RepositoryRow[]): FiguresScope {
  return "repositories" in scope ? scope : { repositories: scope };
}

/** Whether a PR is in the scope; null when every PR of its repositories is. */
function authorFilter(
  scope: FiguresScope,
): ((pr: { repositoryId: number; author: string }) => boolean) | null {
  const { authors, everyAuthorIn } = scope;
  if (authors === undefined || authors === null) return null;
  return (pr) =>
    everyAuthorIn?.has(pr.repositoryId) === true || authors.has(pr.author.toLowerCase());
}

export interface PageFigures {
  asOf: DateTime;
  zone: string;
  clockMode: string;
  tables: DataTable[];
}

/** The team whose calendar the page measures in: the repository's, or the organisation's. */
export function teamConfig(
  configs: ConfigCache,
  repositories: readonly RepositoryRow[],
): EffectiveConfig {
  const org = repositories.find((r) => r.name === ".github") ?? repositories[0];
  return configs.resolve(org?.configJson ?? null);
}

/** The scope's actions, from the repositories' when every PR counts, else by PR id. */
async function scopeActions(
  deps: FiguresDeps,
  scope: FiguresScope,
  prIds: ReadonlySet<number> | null,
  range: { from: DateTime; to: DateTime },
): Promise<PerformedAction[]> {
  const kinds = Object.keys(ACTION_KINDS);
  const installationId = scope.repositories[0]?.installationId;
  const rows =
    prIds === null || installationId === undefined
      ? await deps.store.dashboard.performedActions(
          scope.repositories.map((r) => r.id),
          kinds,
          range,
        )
      : (await deps.store.digests.performedActions(installationId, kinds, range)).filter(
          (a) => a.pullRequestId !== null && prIds.has(a.pullRequestId),
        );
  return rows
    .filter(performed)
    .map((a) => ({ kind: ACTION_KINDS[a.kind] ?? "nudge", performedAt: a.performedAt }));
}

export async function computeFigures(
  deps: FiguresDeps,
  given: FiguresScope | readonly RepositoryRow[],
  now: DateTime,
): Promise<PageFigures> {
  const scope = asScope(given);
  const { repositories } = scope;
  const { config, calendar } = scope.config
    ? { config: scope.config, calendar: teamCalendar(scope.config) }
    : teamConfig(deps.configs, repositories);
  const counts = authorFilter(scope);
  const weeks = dashboardWeeks(now, config.timezone, WEEKS);
  const since = weeks[0]?.start ?? now;
  const ids = repositories.map((r) => r.id);
  const byId = new Map(repositories.map((r) => [r.id, r]));
  const rows = (
    await deps.store.digests.digestPullRequests(ids, { createdBefore: now, openSince: since })
  ).filter((row) => counts === null || counts(row.pr));
  const measured = rows.map((row) => toDigestPullRequest(row, byId.get(row.pr.repositoryId), deps));
  const range = { from: since, to: now };
  const prIds = counts === null ? null : new Set(rows.map((row) => row.pr.id));
  const actions = await scopeActions(deps, scope, prIds, range);
  const trends = weeklyTrends({
    weeks,
    calendar,
    clockMode: config.clock,
    pullRequests: measured,
    actions,
  });
  const open = (await deps.store.dashboard.openPullRequests(ids)).filter(
    (pr) => counts === null || counts(pr),
  );
  const measuredByKey = new Map(measured.map((m) => [`${m.owner}/${m.repo}#${m.number}`, m]));
  const pulls = open.flatMap((state) => {
    const m = measuredByKey.get(`${state.owner}/${state.repo}#${state.number}`);
    return m ? [{ state, measured: m }] : [];
  });
  const lists = attention({ now, calendar, clockMode: config.clock, rules: config, pulls });
  const openIds = new Set(open.map((pr) => pr.id));
  const requests = (await deps.store.dashboard.openUserRequests(ids)).filter(
    (r) => counts === null || openIds.has(r.pullRequestId),
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

/** `computeFigures`, remembered for a minute per scope and decision minute. */
export class FiguresCache {
  private readonly entries = new Map<string, { at: number; figures: Promise<PageFigures> }>();

  constructor(
    private readonly deps: FiguresDeps,
    private readonly realNow: () => number = Date.now,
  ) {}

  get(given: FiguresScope | readonly RepositoryRow[], now: DateTime): Promise<PageFigures> {
    const scope = asScope(given);
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
