// Queries for pull requests: snapshots from webhooks, reading one back with its review history,
// and finding the ones the sweep must look at.
import type { Kysely, Selectable } from "kysely";
import type { DateTime } from "luxon";
import type { PullRequestState } from "../sla/pull-request.js";
import { toFlag, toTime, toTimeOrNull } from "./codec.js";
import { nextDueKey } from "./due-order.js";
import {
  duePullRequests,
  loadDuePage,
  setNextDueMany,
  trackedOpenPullRequests,
} from "./due-pulls.js";
import type { DueCursor, DuePage } from "./due-pulls.js";
import { toPullRequest, toReview, toReviewRequest } from "./rows.js";
import type { Database, Dialect, PullRequestsTable } from "./schema.js";

type Db = Kysely<Database>;

/** The columns of a pull request that a webhook payload or an import carries. */
export interface PullRequestFields extends Omit<
  PullRequestState,
  "requests" | "reviews" | "labels"
> {
  id: number;
  labels: string[];
  /** Last time GitHub changed the PR (payload `updated_at`): older snapshots never overwrite newer ones. */
  updatedAt: DateTime;
}

export interface StoredPullRequest extends PullRequestState {
  id: number;
  nextDueAt: DateTime | null;
  updatedAt: DateTime;
}

export interface PullRequestStore {
  /** Inserts or updates; ignored when the stored row has a newer `updatedAt`. */
  upsert(fields: PullRequestFields): Promise<void>;
  /**
   * `upsert`, returning the row as stored after it with `history` (the PR's review history, which
   * the upsert leaves alone), or null when a newer snapshot was kept: saves reading the PR back.
   */
  upsertReturning(
    fields: PullRequestFields,
    history: Pick<StoredPullRequest, "requests" | "reviews">,
  ): Promise<StoredPullRequest | null>;
  /** Inserts the pull request unless one with its id is stored (a partial copy never overrides). */
  insertIfMissing(fields: PullRequestFields): Promise<void>;
  /** The pull request with its review requests and reviews, or null. */
  get(id: number): Promise<StoredPullRequest | null>;
  find(repositoryId: number, number: number): Promise<StoredPullRequest | null>;
  /**
   * A webhook snapshot's PR as stored, in one read: by repository and number (`byNumber`), and
   * by GitHub id (`byId`: the row an upsert writes; the same PR unless the number was reused).
   */
  findSnapshot(
    repositoryId: number,
    number: number,
    id: number,
  ): Promise<{ byNumber: StoredPullRequest | null; byId: StoredPullRequest | null }>;
  setNextDueAt(pullRequestId: number, at: DateTime | null): Promise<void>;
  /** Next-due times of many PRs in one statement (the sweep's batch). */
  setNextDueMany(updates: readonly { id: number; at: DateTime | null }[]): Promise<void>;
  /** Open PRs of tracked repositories whose next action is due at or before `at`, earliest first. */
  listDue(at: DateTime, limit: number): Promise<number[]>;
  /**
   * A page of those PRs with their review history, after `cursor` in (next-due, id) order: the
   * sweep reads a whole batch in three queries.
   */
  loadDue(at: DateTime, limit: number, cursor: DueCursor | null): Promise<DuePage>;
  /** Open PRs of a repository (all repositories of the installation when repositoryId is null). */
  listOpenIds(installationId: number, repositoryId: number | null): Promise<number[]>;
  /** Open PRs of tracked repositories of active installations. */
  countOpen(): Promise<number>;
  /** Records the author's push at `at` (`synchronize`); an older push never moves it back. */
  recordPush(pullRequestId: number, at: DateTime): Promise<void>;
  /** Sets the PR's AI-assisted flag (upserts from webhooks keep it). */
  setAiAssisted(pullRequestId: number, aiAssisted: boolean): Promise<void>;
  /** Snoozes the PR's SLA actions until `until` (null lifts the snooze). */
  setSnoozedUntil(pullRequestId: number, until: DateTime | null): Promise<void>;
}

export function pullRequestStore(db: Db, dialect: Dialect): PullRequestStore {
  return {
    upsert: async (fields) => void (await upsertPullRequest(db, fields)),
    upsertReturning: async (fields, history) => {
      const row = await upsertPullRequest(db, fields);
      return row === undefined
        ? null
        : toPullRequest(row, [...history.requests], [...history.reviews]);
    },
    insertIfMissing: (fields) => insertPullRequestIfMissing(db, fields),
    get: (id) => getPullRequest(db, id),
    find: (repositoryId, number) => findPullRequest(db, repositoryId, number),
    findSnapshot: (repositoryId, number, id) => findSnapshot(db, repositoryId, number, id),
    setNextDueAt: (id, at) => setNextDueAt(db, id, at),
    setNextDueMany: (updates) => setNextDueMany(db, dialect, updates),
    listDue: (at, limit) => listDuePullRequests(db, dialect, at, limit),
    loadDue: (at, limit, cursor) => loadDuePage(db, dialect, at, limit, cursor),
    listOpenIds: (installationId, repositoryId) =>
      listOpenPullRequestIds(db, installationId, repositoryId),
    countOpen: () => countOpenPullRequests(db),
    recordPush: (id, at) => recordPush(db, id, at),
    setAiAssisted: (id, aiAssisted) => setPullRequestAiAssisted(db, id, aiAssisted),
    setSnoozedUntil: async (id, until) => {
      await db
        .updateTable("pull_requests")
        .set({ snoozed_until: toTimeOrNull(until) })
        .where("id", "=", id)
        .execute();
    },
  };
}

function columnsOf(fields: PullRequestFields) {
  return {
    installation_id: fields.installationId,
    repository_id: fields.repositoryId,
    owner: fields.owner,
    repo: fields.repo,
    number: fields.number,
    title: fields.title,
    author: fields.author,
    author_is_bot: toFlag(fields.authorIsBot),
    draft: toFlag(fields.draft),
    open: toFlag(fields.open),
    merged: toFlag(fields.merged),
    created_at: toTime(fields.createdAt),
    ready_at: toTime(fields.readyAt),
    closed_at: toTimeOrNull(fields.closedAt),
    merged_at: toTimeOrNull(fields.mergedAt),
    labels: JSON.stringify(fields.labels),
    additions: fields.additions,
    deletions: fields.deletions,
    changed_files: fields.changedFiles,
    head_sha: fields.headSha,
    updated_at: toTime(fields.updatedAt),
  };
}

/**
 * Webhooks arrive out of order: a snapshot older than the stored one changes nothing. The AI flag
 * is only inserted: payloads cannot tell, the checklist sets it (`setAiAssisted`).
 */
async function upsertPullRequest(db: Db, fields: PullRequestFields) {
  const columns = columnsOf(fields);
  return db
    .insertInto("pull_requests")
    .values({
      id: fields.id,
      ...columns,
      ai_assisted: toFlag(fields.aiAssisted),
      next_due_at: null,
    })
    .onConflict((oc) =>
      oc
        .column("id")
        .doUpdateSet(columns)
        .where("pull_requests.updated_at", "<=", columns.updated_at),
    )
    .returningAll()
    .executeTakeFirst();
}

async function insertPullRequestIfMissing(db: Db, fields: PullRequestFields): Promise<void> {
  await db
    .insertInto("pull_requests")
    .values({
      id: fields.id,
      ...columnsOf(fields),
      ai_assisted: toFlag(fields.aiAssisted),
      next_due_at: null,
    })
    .onConflict((oc) => oc.column("id").doNothing())
    .execute();
}

async function withHistory(
  db: Db,
  row: Selectable<PullRequestsTable> | undefined,
): Promise<StoredPullRequest | null> {
  if (row === undefined) return null;
  const requests = await db
    .selectFrom("review_requests")
    .selectAll()
    .where("pull_request_id", "=", row.id)
    .orderBy("requested_at")
    .orderBy("id")
    .execute();
  const reviews = await db
    .selectFrom("reviews")
    .selectAll()
    .where("pull_request_id", "=", row.id)
    .orderBy("submitted_at")
    .orderBy("id")
    .execute();
  return toPullRequest(row, requests.map(toReviewRequest), reviews.map(toReview));
}

async function getPullRequest(db: Db, id: number): Promise<StoredPullRequest | null> {
  const row = await db
    .selectFrom("pull_requests")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  return withHistory(db, row);
}

async function findSnapshot(
  db: Db,
  repositoryId: number,
  number: number,
  id: number,
): Promise<{ byNumber: StoredPullRequest | null; byId: StoredPullRequest | null }> {
  const rows = await db
    .selectFrom("pull_requests")
    .selectAll()
    .where((eb) =>
      eb.or([
        eb.and([eb("repository_id", "=", repositoryId), eb("number", "=", number)]),
        eb("id", "=", id),
      ]),
    )
    .execute();
  const numbered = rows.find((row) => row.repository_id === repositoryId && row.number === number);
  const byNumber = await withHistory(db, numbered);
  const byId =
    numbered?.id === id
      ? byNumber
      : await withHistory(
          db,
          rows.find((row) => row.id === id),
        );
  return { byNumber, byId };
}

async function findPullRequest(
  db: Db,
  repositoryId: number,
  number: number,
): Promise<StoredPullRequest | null> {
  const row = await db
    .selectFrom("pull_requests")
    .selectAll()
    .where("repository_id", "=", repositoryId)
    .where("number", "=", number)
    .executeTakeFirst();
  return withHistory(db, row);
}

async function setNextDueAt(db: Db, id: number, at: DateTime | null): Promise<void> {
  await db
    .updateTable("pull_requests")
    .set({ next_due_at: toTimeOrNull(at) })
    .where("id", "=", id)
    .execute();
}

async function listDuePullRequests(
  db: Db,
  dialect: Dialect,
  at: DateTime,
  limit: number,
): Promise<number[]> {
  const rows = await duePullRequests(db, dialect, at)
    .select("p.id")
    .orderBy(nextDueKey(dialect))
    .orderBy("p.id")
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}

async function listOpenPullRequestIds(
  db: Db,
  installationId: number,
  repositoryId: number | null,
): Promise<number[]> {
  let query = db
    .selectFrom("pull_requests")
    .select("id")
    .where("installation_id", "=", installationId)
    .where("open", "=", 1);
  if (repositoryId !== null) query = query.where("repository_id", "=", repositoryId);
  const rows = await query.orderBy("id").execute();
  return rows.map((row) => row.id);
}

async function countOpenPullRequests(db: Db): Promise<number> {
  const row = await trackedOpenPullRequests(db)
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

async function setPullRequestAiAssisted(
  db: Db,
  pullRequestId: number,
  aiAssisted: boolean,
): Promise<void> {
  await db
    .updateTable("pull_requests")
    .set({ ai_assisted: toFlag(aiAssisted) })
    .where("id", "=", pullRequestId)
    .execute();
}

async function recordPush(db: Db, pullRequestId: number, at: DateTime): Promise<void> {
  const pushedAt = toTime(at);
  await db
    .updateTable("pull_requests")
    .set({ pushed_at: pushedAt })
    .where("id", "=", pullRequestId)
    .where((eb) => eb.or([eb("pushed_at", "is", null), eb("pushed_at", "<", pushedAt)]))
    .execute();
}
