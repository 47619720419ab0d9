// Queries for pull requests: snapshots from webhooks, reading one back with its review history,
// and finding the ones the sweep must look at.
import type { Kysely, Selectable } from "kysely";
import type { DateTime } from "luxon";
import { fromTime, toFlag, toTime, toTimeOrNull } from "./codec.js";
import { toPullRequest, toReview, toReviewRequest } from "./rows.js";
import type { Database, PullRequestsTable } from "./schema.js";
import type { PullRequestFields, StoredPullRequest } from "./store.js";

type Db = Kysely<Database>;

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
 * is only inserted: payloads cannot tell, the checklist sets it (`setPullRequestAiAssisted`).
 */
export async function upsertPullRequest(db: Db, fields: PullRequestFields): Promise<void> {
  const columns = columnsOf(fields);
  await db
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

export async function getPullRequest(db: Db, id: number): Promise<StoredPullRequest | null> {
  const row = await db
    .selectFrom("pull_requests")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  return withHistory(db, row);
}

export async function findPullRequest(
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

export async function setNextDueAt(db: Db, id: number, at: DateTime | null): Promise<void> {
  await db
    .updateTable("pull_requests")
    .set({ next_due_at: toTimeOrNull(at) })
    .where("id", "=", id)
    .execute();
}

/** Open PRs of tracked repositories of active installations: what the sweep may act on. */
function trackedOpenPullRequests(db: Db) {
  return db
    .selectFrom("pull_requests as p")
    .innerJoin("repositories as r", "r.id", "p.repository_id")
    .innerJoin("installations as i", "i.id", "p.installation_id")
    .where("p.open", "=", 1)
    .where("r.removed_at", "is", null)
    .where("i.deleted_at", "is", null)
    .where("i.suspended_at", "is", null);
}

export async function listDuePullRequests(db: Db, at: DateTime, limit: number): Promise<number[]> {
  const rows = await trackedOpenPullRequests(db)
    .where("p.next_due_at", "<=", toTime(at))
    .select("p.id")
    .orderBy("p.next_due_at")
    .orderBy("p.id")
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}

export async function listOpenPullRequestIds(
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

export async function countOpenPullRequests(db: Db): Promise<number> {
  const row = await trackedOpenPullRequests(db)
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function openUserRequests(db: Db, installationId: number) {
  const rows = await db
    .selectFrom("review_requests as q")
    .innerJoin("pull_requests as p", "p.id", "q.pull_request_id")
    .innerJoin("repositories as r", "r.id", "p.repository_id")
    .where("p.installation_id", "=", installationId)
    .where("p.open", "=", 1)
    .where("r.removed_at", "is", null)
    .where("q.reviewer_type", "=", "user")
    .where("q.removed_at", "is", null)
    .where("q.satisfied_at", "is", null)
    .select(["q.reviewer", "p.id", "p.additions", "p.deletions", "q.requested_at"])
    .orderBy("q.requested_at")
    .orderBy("q.id")
    .execute();
  return rows.map((row) => ({
    login: row.reviewer,
    pullRequestId: row.id,
    additions: row.additions,
    deletions: row.deletions,
    requestedAt: fromTime(row.requested_at),
  }));
}

export async function reviewsSince(db: Db, installationId: number, since: DateTime) {
  const rows = await db
    .selectFrom("reviews as v")
    .innerJoin("pull_requests as p", "p.id", "v.pull_request_id")
    .where("p.installation_id", "=", installationId)
    .where("v.submitted_at", ">=", toTime(since))
    .select(["v.reviewer", "p.id", "p.additions", "p.deletions", "v.submitted_at"])
    .orderBy("v.submitted_at")
    .orderBy("v.id")
    .execute();
  return rows.map((row) => ({
    login: row.reviewer,
    pullRequestId: row.id,
    additions: row.additions,
    deletions: row.deletions,
    submittedAt: fromTime(row.submitted_at),
  }));
}
