// The dashboard's maintained per-PR figures (`0012`): read a scope's rows for the weeks shown,
// find the PRs marked stale (by triggers, when a PR or its reviews change) or measured with
// another calendar, and save new measurements without losing a change made meanwhile.
import { sql } from "kysely";
import type { Kysely, Selectable } from "kysely";
import type { DateTime } from "luxon";
import type { PullRequestFigures, TrendFigures } from "../dashboard/pr-figures.js";
import type { SlaOutcome } from "../digest/sla-compliance.js";
import { fromFlag, toFlag, toTime, toTimeOrNull } from "./codec.js";
import type { DigestPullRequestRow } from "./digests.js";
import { histories } from "./due-pulls.js";
import { toPullRequest, toReview, toReviewRequest } from "./rows.js";
import type { Database, PullRequestFiguresTable } from "./schema.js";

type Db = Kysely<Database>;

/** `open_until` of an open PR: after every instant a window can start at. */
export const OPEN_UNTIL = "9999-12-31T23:59:59.999Z";
const CHUNK = 500;

/** A PR marked stale; its mark is cleared only if no change came after `version` was read. */
export interface FigureMark {
  pullRequestId: number;
  repositoryId: number;
  version: number;
}

export interface FiguresWindow {
  /** PRs not closed before this instant… */
  openSince: DateTime;
  /** …and created before this one. */
  createdBefore: DateTime;
}

/** A PR's trend figures as stored, with what they were measured with. */
export interface StoredTrendFigures extends TrendFigures {
  pullRequestId: number;
  repositoryId: number;
  fingerprint: string;
}

export interface FigureStore {
  /** Figures of the repositories' PRs in the window; only `authors` (lower-case) when given. */
  read(
    repositoryIds: readonly number[],
    window: FiguresWindow,
    authors: ReadonlySet<string> | null,
  ): Promise<StoredTrendFigures[]>;
  /**
   * Up to `limit` marks, of these repositories only when given, lowest PR id first; with a
   * window, only of PRs in it (a PR deleted meanwhile is then left to the background).
   */
  marks(
    repositoryIds: readonly number[] | null,
    limit: number,
    window?: FiguresWindow,
  ): Promise<FigureMark[]>;
  /** The PRs (with their review history) as the digest reads them; missing ones are left out. */
  pullRequests(ids: readonly number[]): Promise<DigestPullRequestRow[]>;
  /** Stores the figures, then clears the marks not bumped since they were read. */
  save(figures: readonly PullRequestFigures[], marks: readonly FigureMark[]): Promise<void>;
  /** Marks up to `limit` of the repository's PRs measured with another fingerprint; the count. */
  markOutdated(repositoryId: number, fingerprint: string, limit: number): Promise<number>;
}

export function figureStore(db: Db): FigureStore {
  return {
    read: (ids, window, authors) => read(db, ids, window, authors),
    marks: (ids, limit, window) => marks(db, ids, limit, window),
    pullRequests: (ids) => pullRequests(db, ids),
    save: (figures, marked) => save(db, figures, marked),
    markOutdated: (id, fingerprint, limit) => markOutdated(db, id, fingerprint, limit),
  };
}

/** Unix milliseconds of stored instant text (fixed-width UTC ISO, which `Date.parse` reads). */
function millis(text: string | null): number | null {
  return text === null ? null : Date.parse(text);
}

function outcome(text: string | null): SlaOutcome | null {
  return text === "met" || text === "missed" ? text : null;
}

type TrendColumns = Omit<
  Selectable<PullRequestFiguresTable>,
  "author" | "created_at" | "ready_at" | "open_until"
>;

function toTrendFigures(row: TrendColumns): StoredTrendFigures {
  return {
    pullRequestId: Number(row.pull_request_id),
    repositoryId: Number(row.repository_id),
    fingerprint: row.fingerprint,
    aiAssisted: fromFlag(row.ai_assisted),
    counted: fromFlag(row.counted),
    firstReviewAt: millis(row.first_review_at),
    firstReviewMs: row.first_review_ms === null ? null : Number(row.first_review_ms),
    mergedAt: millis(row.merged_at),
    cycleMs: row.cycle_ms === null ? null : Number(row.cycle_ms),
    firstReviewDueAt: millis(row.first_review_due_at),
    firstReviewOutcome: outcome(row.first_review_outcome),
    resolutionDueAt: millis(row.resolution_due_at),
    resolutionOutcome: outcome(row.resolution_outcome),
  };
}

function toRow(f: PullRequestFigures): Selectable<PullRequestFiguresTable> {
  return {
    pull_request_id: f.pullRequestId,
    repository_id: f.repositoryId,
    author: f.author,
    created_at: toTime(f.createdAt),
    ready_at: toTime(f.readyAt),
    open_until: f.closedAt === null ? OPEN_UNTIL : toTime(f.closedAt),
    first_review_at: toTimeOrNull(f.firstReviewAt),
    merged_at: toTimeOrNull(f.mergedAt),
    ai_assisted: toFlag(f.aiAssisted),
    counted: toFlag(f.counted),
    first_review_ms: f.firstReviewMs,
    cycle_ms: f.cycleMs,
    first_review_due_at: f.firstReviewSla === null ? null : toTime(f.firstReviewSla.dueAt),
    first_review_outcome: f.firstReviewSla?.outcome ?? null,
    resolution_due_at: f.resolutionSla === null ? null : toTime(f.resolutionSla.dueAt),
    resolution_outcome: f.resolutionSla?.outcome ?? null,
    fingerprint: f.fingerprint,
  };
}

async function read(
  db: Db,
  repositoryIds: readonly number[],
  window: FiguresWindow,
  authors: ReadonlySet<string> | null,
): Promise<StoredTrendFigures[]> {
  if (repositoryIds.length === 0 || authors?.size === 0) return [];
  const rows = await db
    .selectFrom("pull_request_figures")
    .select([
      "pull_request_id",
      "repository_id",
      "fingerprint",
      "ai_assisted",
      "counted",
      "first_review_at",
      "first_review_ms",
      "merged_at",
      "cycle_ms",
      "first_review_due_at",
      "first_review_outcome",
      "resolution_due_at",
      "resolution_outcome",
    ])
    .where("repository_id", "in", [...repositoryIds])
    .where("open_until", ">=", toTime(window.openSince))
    .where("created_at", "<", toTime(window.createdBefore))
    .$if(authors !== null, (q) => q.where("author", "in", [...(authors ?? [])]))
    .execute();
  return rows.map(toTrendFigures);
}

async function marks(
  db: Db,
  repositoryIds: readonly number[] | null,
  limit: number,
  window?: FiguresWindow,
): Promise<FigureMark[]> {
  if (repositoryIds?.length === 0) return [];
  const range =
    window === undefined
      ? null
      : { createdBefore: toTime(window.createdBefore), openSince: toTime(window.openSince) };
  const rows = await db
    .selectFrom("pull_request_figure_marks as m")
    .selectAll("m")
    .$if(repositoryIds !== null, (q) =>
      q.where("m.repository_id", "in", [...(repositoryIds ?? [])]),
    )
    .$if(range !== null, (q) =>
      q.where((eb) =>
        eb.exists(
          eb
            .selectFrom("pull_requests as p")
            .select(sql.lit(1).as("one"))
            .whereRef("p.id", "=", "m.pull_request_id")
            .where("p.created_at", "<", range?.createdBefore ?? "")
            .where((eb) =>
              eb.or([
                eb("p.closed_at", "is", null),
                eb("p.closed_at", ">=", range?.openSince ?? ""),
              ]),
            ),
        ),
      ),
    )
    .orderBy("m.pull_request_id")
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    pullRequestId: Number(row.pull_request_id),
    repositoryId: Number(row.repository_id),
    version: Number(row.version),
  }));
}

async function pullRequests(db: Db, ids: readonly number[]): Promise<DigestPullRequestRow[]> {
  const out: DigestPullRequestRow[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    const rows = await db
      .selectFrom("pull_requests")
      .selectAll()
      .where("id", "in", chunk)
      .orderBy("id")
      .execute();
    const { requests, reviews } = await histories(
      db,
      rows.map((r) => r.id),
    );
    for (const row of rows) {
      const history = (requests.get(row.id) ?? []).map(toReviewRequest);
      const pr = toPullRequest(row, history, (reviews.get(row.id) ?? []).map(toReview));
      // With the history given, the first reviews come from it (`toDigestPullRequest`).
      out.push({ pr, firstReviewAt: null, firstChangesRequestedAt: null });
    }
  }
  return out;
}

async function save(
  db: Db,
  figures: readonly PullRequestFigures[],
  marked: readonly FigureMark[],
): Promise<void> {
  for (let i = 0; i < figures.length; i += CHUNK / 10) {
    const rows = figures.slice(i, i + CHUNK / 10).map(toRow);
    await db
      .insertInto("pull_request_figures")
      .values(rows)
      .onConflict((oc) =>
        oc.column("pull_request_id").doUpdateSet((eb) => {
          const columns = Object.keys(rows[0] ?? {}).filter((c) => c !== "pull_request_id");
          return Object.fromEntries(
            columns.map((c) => [c, eb.ref(`excluded.${c as keyof PullRequestFiguresTable}`)]),
          );
        }),
      )
      .execute();
  }
  for (const mark of marked) {
    await db
      .deleteFrom("pull_request_figure_marks")
      .where("pull_request_id", "=", mark.pullRequestId)
      .where("version", "=", mark.version)
      .execute();
  }
}

async function outdated(
  db: Db,
  repositoryId: number,
  fingerprint: string,
  side: ">" | "<",
  limit: number,
): Promise<number[]> {
  // Two ranges of the (repository_id, fingerprint) index: only outdated rows are visited.
  const rows = await db
    .selectFrom("pull_request_figures as f")
    .select("f.pull_request_id")
    .where("f.repository_id", "=", repositoryId)
    .where("f.fingerprint", side, fingerprint)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("pull_request_figure_marks as m")
            .select(sql.lit(1).as("one"))
            .whereRef("m.pull_request_id", "=", "f.pull_request_id"),
        ),
      ),
    )
    .limit(limit)
    .execute();
  return rows.map((r) => Number(r.pull_request_id));
}

async function markOutdated(
  db: Db,
  repositoryId: number,
  fingerprint: string,
  limit: number,
): Promise<number> {
  const above = await outdated(db, repositoryId, fingerprint, ">", limit);
  const below = await outdated(db, repositoryId, fingerprint, "<", limit - above.length);
  const ids = [...above, ...below];
  for (let i = 0; i < ids.length; i += CHUNK) {
    await db
      .insertInto("pull_request_figure_marks")
      .values(
        ids
          .slice(i, i + CHUNK)
          .map((id) => ({ pull_request_id: id, repository_id: repositoryId, version: 1 })),
      )
      .onConflict((oc) => oc.column("pull_request_id").doNothing())
      .execute();
  }
  return ids.length;
}
