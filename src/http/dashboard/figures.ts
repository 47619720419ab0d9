// Gathers one dashboard page's figures from the store and computes them with the pure core
// (src/dashboard, which reuses the digest's definitions). Results are cached for a minute per
// scope, so reloads and the CSV downloads of a page cost no second computation.
import type { DateTime } from "luxon";
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

export async function computeFigures(
  deps: FiguresDeps,
  repositories: readonly RepositoryRow[],
  now: DateTime,
): Promise<PageFigures> {
  const { config, calendar } = teamConfig(deps.configs, repositories);
  const weeks = dashboardWeeks(now, config.timezone, WEEKS);
  const since = weeks[0]?.start ?? now;
  const ids = repositories.map((r) => r.id);
  const byId = new Map(repositories.map((r) => [r.id, r]));
  const rows = await deps.store.digests.digestPullRequests(ids, {
    createdBefore: now,
    openSince: since,
  });
  const measured = rows.map((row) => toDigestPullRequest(row, byId.get(row.pr.repositoryId), deps));
  const range = { from: since, to: now };
  const actions: PerformedAction[] = (
    await deps.store.dashboard.performedActions(ids, Object.keys(ACTION_KINDS), range)
  )
    .filter(performed)
    .map((a) => ({ kind: ACTION_KINDS[a.kind] ?? "nudge", performedAt: a.performedAt }));
  const trends = weeklyTrends({
    weeks,
    calendar,
    clockMode: config.clock,
    pullRequests: measured,
    actions,
  });
  const open = await deps.store.dashboard.openPullRequests(ids);
  const measuredByKey = new Map(measured.map((m) => [`${m.owner}/${m.repo}#${m.number}`, m]));
  const pulls = open.flatMap((state) => {
    const m = measuredByKey.get(`${state.owner}/${state.repo}#${state.number}`);
    return m ? [{ state, measured: m }] : [];
  });
  const lists = attention({ now, calendar, clockMode: config.clock, rules: config, pulls });
  const requests = await deps.store.dashboard.openUserRequests(ids);
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

  get(repositories: readonly RepositoryRow[], now: DateTime): Promise<PageFigures> {
    const minute = Math.floor(now.toMillis() / 60_000);
    const key = `${repositories.map((r) => r.id).join(",")}@${minute}`;
    const hit = this.entries.get(key);
    if (hit && this.realNow() - hit.at < CACHE_MS) return hit.figures;
    if (this.entries.size >= CACHE_ENTRIES) this.entries.clear();
    const figures = computeFigures(this.deps, repositories, now);
    this.entries.set(key, { at: this.realNow(), figures });
    figures.catch(() => this.entries.delete(key));
    return figures;
  }
}
