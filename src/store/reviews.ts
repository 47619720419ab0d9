// The reviews aggregate: a pull request's review history (requests made and withdrawn, reviews
// submitted, and which request each review answers), and the reviewer load read from it.
import { sql } from "kysely";
import type { Kysely } from "kysely";
import type { DateTime } from "luxon";
import type { Reviewer, ReviewRequestRecord, ReviewState } from "../sla/pull-request.js";
import { fromTime, toFlag, toTime } from "./codec.js";
import { reviewerName } from "./rows.js";
import type { Database } from "./schema.js";

type Db = Kysely<Database>;

export interface ReviewInput {
  id: number;
  reviewer: string;
  state: ReviewState;
  submittedAt: DateTime;
  /** GitHub's `type: Bot` for the reviewer's account. */
  reviewerIsBot?: boolean;
}

export interface ReviewHistory {
  requests: { reviewer: Reviewer; requestedAt: DateTime }[];
  reviews: ReviewInput[];
}

/** A review request or review with the size of its pull request (reviewer load). */
interface LoadItem {
  login: string;
  pullRequestId: number;
  additions: number;
  deletions: number;
}

export interface ReviewStore {
  /** Adds a pending request unless the same reviewer already has one that is pending. */
  addRequest(pullRequestId: number, reviewer: Reviewer, at: DateTime): Promise<void>;
  /** Closes the pending request of that reviewer (no-op when none is pending). */
  removeRequest(pullRequestId: number, reviewer: Reviewer, at: DateTime): Promise<void>;
  /**
   * Records (or updates, by id) a review and marks as satisfied the pending request it answers:
   * the reviewer's own, or a team's when the reviewer is not the PR author, if requested at or
   * before the review (logins compare case-insensitively). Throws if the PR is not stored.
   */
  record(pullRequestId: number, review: ReviewInput): Promise<void>;
  markDismissed(pullRequestId: number, reviewId: number): Promise<void>;
  /** Replaces a PR's requests and reviews with a snapshot read from GitHub (catch-up, repair). */
  replaceHistory(pullRequestId: number, history: ReviewHistory): Promise<void>;
  /** Pending user review requests on open PRs of an installation (reviewer load). */
  openUserRequests(installationId: number): Promise<(LoadItem & { requestedAt: DateTime })[]>;
  /** Reviews submitted since `since` on PRs of an installation (recent reviewer load). */
  submittedSince(
    installationId: number,
    since: DateTime,
  ): Promise<(LoadItem & { submittedAt: DateTime })[]>;
}

/** The multi-statement writes run in one transaction (joining the caller's, if any). */
function atomically<T>(db: Db, fn: (db: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}

export function reviewStore(db: Db): ReviewStore {
  return {
    addRequest: (pullRequestId, reviewer, at) => addReviewRequest(db, pullRequestId, reviewer, at),
    removeRequest: (pullRequestId, reviewer, at) =>
      removeReviewRequest(db, pullRequestId, reviewer, at),
    record: (pullRequestId, review) =>
      atomically(db, (tx) => recordReview(tx, pullRequestId, review)),
    markDismissed: (pullRequestId, reviewId) => markReviewDismissed(db, pullRequestId, reviewId),
    replaceHistory: (pullRequestId, history) =>
      atomically(db, (tx) => replaceReviewHistory(tx, pullRequestId, history)),
    openUserRequests: (installationId) => openUserRequests(db, installationId),
    submittedSince: (installationId, since) => reviewsSince(db, installationId, since),
  };
}

/** A unique index allows one pending request per reviewer: a second one is simply not added. */
async function addReviewRequest(
  db: Db,
  pullRequestId: number,
  reviewer: Reviewer,
  at: DateTime,
): Promise<void> {
  await db
    .insertInto("review_requests")
    .values({
      pull_request_id: pullRequestId,
      reviewer_type: reviewer.type,
      reviewer: reviewerName(reviewer),
      requested_at: toTime(at),
      removed_at: null,
      satisfied_at: null,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

async function removeReviewRequest(
  db: Db,
  pullRequestId: number,
  reviewer: Reviewer,
  at: DateTime,
): Promise<void> {
  await db
    .updateTable("review_requests")
    .set({ removed_at: toTime(at) })
    .where("pull_request_id", "=", pullRequestId)
    .where("reviewer_type", "=", reviewer.type)
    .where(sql`lower(reviewer)`, "=", reviewerName(reviewer).toLowerCase())
    .where("removed_at", "is", null)
    .where("satisfied_at", "is", null)
    .execute();
}

async function authorOf(db: Db, pullRequestId: number, task: string): Promise<string> {
  const row = await db
    .selectFrom("pull_requests")
    .select("author")
    .where("id", "=", pullRequestId)
    .executeTakeFirst();
  if (row === undefined) {
    throw new Error(
      `Cannot ${task}: pull request ${pullRequestId} is not stored yet; store it first.`,
    );
  }
  return row.author;
}

async function saveReview(
  db: Db,
  pullRequestId: number,
  review: ReviewInput,
  author: string,
): Promise<void> {
  const submittedAt = toTime(review.submittedAt);
  const isBot = (review.reviewerIsBot ?? false) || review.reviewer.toLowerCase().endsWith("[bot]");
  const values = {
    reviewer: review.reviewer,
    state: review.state,
    submitted_at: submittedAt,
    reviewer_is_bot: toFlag(isBot),
  };
  await db
    .insertInto("reviews")
    .values({ id: review.id, pull_request_id: pullRequestId, ...values })
    .onConflict((oc) => oc.column("id").doUpdateSet(values))
    .execute();
  const byAuthor = review.reviewer.toLowerCase() === author.toLowerCase();
  await db
    .updateTable("review_requests")
    .set({ satisfied_at: submittedAt })
    .where("pull_request_id", "=", pullRequestId)
    .where("removed_at", "is", null)
    .where("satisfied_at", "is", null)
    .where("requested_at", "<=", submittedAt)
    .where((eb) => {
      const own = eb.and([
        eb("reviewer_type", "=", "user"),
        eb(sql`lower(reviewer)`, "=", review.reviewer.toLowerCase()),
      ]);
      // Any person but the author reviewing answers a team's request; a bot answers only its own.
      return byAuthor || isBot ? own : eb.or([own, eb("reviewer_type", "=", "team")]);
    })
    .execute();
}

async function recordReview(db: Db, pullRequestId: number, review: ReviewInput): Promise<void> {
  await saveReview(
    db,
    pullRequestId,
    review,
    await authorOf(db, pullRequestId, `record review ${review.id}`),
  );
}

async function markReviewDismissed(db: Db, pullRequestId: number, reviewId: number): Promise<void> {
  await db
    .updateTable("reviews")
    .set({ state: "dismissed" })
    .where("id", "=", reviewId)
    .where("pull_request_id", "=", pullRequestId)
    .execute();
}

/**
 * Replays the snapshot in time order (a request before a review at the same instant), so that
 * a re-request after a review stays pending while earlier requests are satisfied.
 */
async function replaceReviewHistory(
  db: Db,
  pullRequestId: number,
  history: ReviewHistory,
): Promise<void> {
  const author = await authorOf(db, pullRequestId, "replace its review history");
  await db.deleteFrom("review_requests").where("pull_request_id", "=", pullRequestId).execute();
  await db.deleteFrom("reviews").where("pull_request_id", "=", pullRequestId).execute();
  const events = [
    ...history.requests.map((request) => ({
      at: request.requestedAt.toMillis(),
      order: 0,
      apply: () => addReviewRequest(db, pullRequestId, request.reviewer, request.requestedAt),
    })),
    ...history.reviews.map((review) => ({
      at: review.submittedAt.toMillis(),
      order: 1,
      apply: () => saveReview(db, pullRequestId, review, author),
    })),
  ].sort((a, b) => a.at - b.at || a.order - b.order);
  for (const event of events) await event.apply();
}

async function openUserRequests(db: Db, installationId: number) {
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

async function reviewsSince(db: Db, installationId: number, since: DateTime) {
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

function pendingFor(request: ReviewRequestRecord, reviewer: Reviewer): boolean {
  return (
    request.removedAt === null &&
    request.satisfiedAt === null &&
    request.reviewer.type === reviewer.type &&
    reviewerName(request.reviewer).toLowerCase() === reviewerName(reviewer).toLowerCase()
  );
}

/**
 * The requests `addRequest(reviewer, at)` leaves, given those stored (in requested-at order), so a
 * handler need not read them back: nothing new while that reviewer has a pending request.
 */
export function withRequestAdded(
  requests: readonly ReviewRequestRecord[],
  reviewer: Reviewer,
  at: DateTime,
): ReviewRequestRecord[] {
  if (requests.some((request) => pendingFor(request, reviewer))) return [...requests];
  const added = { reviewer, requestedAt: at, removedAt: null, satisfiedAt: null };
  // Stored order is (requested_at, id): the new row's id is the highest.
  const after = requests.findIndex((request) => request.requestedAt > at);
  return after === -1
    ? [...requests, added]
    : [...requests.slice(0, after), added, ...requests.slice(after)];
}

/** The requests `removeRequest(reviewer, at)` leaves, given those stored. */
export function withRequestRemoved(
  requests: readonly ReviewRequestRecord[],
  reviewer: Reviewer,
  at: DateTime,
): ReviewRequestRecord[] {
  return requests.map((request) =>
    pendingFor(request, reviewer) ? { ...request, removedAt: at } : request,
  );
}
