// Queries for a pull request's review history: requests made and withdrawn, reviews submitted,
// and which request each review answers. Callers run the multi-statement ones in a transaction.
import { sql } from "kysely";
import type { Kysely } from "kysely";
import type { DateTime } from "luxon";
import type { Reviewer } from "../sla/pull-request.js";
import { toTime } from "./codec.js";
import { reviewerName } from "./rows.js";
import type { Database } from "./schema.js";
import type { ReviewInput } from "./store.js";

type Db = Kysely<Database>;

/** A unique index allows one pending request per reviewer: a second one is simply not added. */
export async function addReviewRequest(
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

export async function removeReviewRequest(
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
  const values = { reviewer: review.reviewer, state: review.state, submitted_at: submittedAt };
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
      // Anyone but the author reviewing answers a team's request.
      return byAuthor ? own : eb.or([own, eb("reviewer_type", "=", "team")]);
    })
    .execute();
}

export async function recordReview(
  db: Db,
  pullRequestId: number,
  review: ReviewInput,
): Promise<void> {
  await saveReview(
    db,
    pullRequestId,
    review,
    await authorOf(db, pullRequestId, `record review ${review.id}`),
  );
}

export async function markReviewDismissed(
  db: Db,
  pullRequestId: number,
  reviewId: number,
): Promise<void> {
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
export async function replaceReviewHistory(
  db: Db,
  pullRequestId: number,
  history: { requests: { reviewer: Reviewer; requestedAt: DateTime }[]; reviews: ReviewInput[] },
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
