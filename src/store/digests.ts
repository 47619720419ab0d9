// The digests aggregate: what a weekly digest is computed from, which digests were sent, and the
// cache of GitHub login → Slack user lookups.
import { sql } from "kysely";
import type { Kysely } from "kysely";
import type { DateTime } from "luxon";
import { fromJson, fromTime, fromTimeOrNull, toTime } from "./codec.js";
import type { StoredPullRequest } from "./pull-requests.js";
import { slaPerformed } from "./performed.js";
import { histories } from "./due-pulls.js";
import { toPullRequest, toReview, toReviewRequest } from "./rows.js";
import type { Database, DigestsTable } from "./schema.js";

type Db = Kysely<Database>;

export interface SentDigest {
  scopeKey: string;
  period: { start: DateTime; end: DateTime };
  installationId: number;
  scopeName: string;
  channel: string | null;
  messageTs: string | null;
  sentAt: DateTime;
}

/** A pull request with the review times the digest needs. */
export interface DigestPullRequestRow {
  pr: StoredPullRequest;
  /** First review by someone other than the author at or after readyAt. */
  firstReviewAt: DateTime | null;
  firstChangesRequestedAt: DateTime | null;
}

export interface PerformedAction {
  kind: string;
  pullRequestId: number | null;
  performedAt: DateTime;
  payload: unknown;
  result: unknown;
}

export interface DigestStore {
  /** Start of the latest period sent for the scope, or null. */
  lastSentPeriodStart(scopeKey: string): Promise<DateTime | null>;
  getSentDigest(scopeKey: string, periodStart: DateTime): Promise<SentDigest | null>;
  /** Records a sent digest; a second record of the same scope and period changes nothing. */
  recordSentDigest(digest: SentDigest): Promise<void>;
  /**
   * PRs of the repositories created before `createdBefore` and not closed before `openSince`;
   * with `history`, each with its review requests and reviews (whose turn, ignored reviewers).
   */
  digestPullRequests(
    repositoryIds: readonly number[],
    window: { createdBefore: DateTime; openSince: DateTime; history?: boolean },
  ): Promise<DigestPullRequestRow[]>;
  /** Actions of these kinds marked done in [from, to), with their payload and result. */
  performedActions(
    installationId: number,
    kinds: readonly string[],
    range: { from: DateTime; to: DateTime },
  ): Promise<PerformedAction[]>;
  /** User review requests pending at `at` on PRs of the installation open at `at`. */
  pendingUserRequestsAt(
    installationId: number,
    at: DateTime,
  ): Promise<{ login: string; pullRequestId: number; requestedAt: DateTime }[]>;
  /** Reviews submitted in [from, to), with the reviewer's latest request before each. */
  reviewsBetween(
    installationId: number,
    range: { from: DateTime; to: DateTime },
  ): Promise<
    { login: string; pullRequestId: number; submittedAt: DateTime; requestedAt: DateTime | null }[]
  >;
  getSlackIdentity(
    login: string,
  ): Promise<{ slackUserId: string | null; checkedAt: DateTime } | null>;
  saveSlackIdentity(login: string, slackUserId: string | null, at: DateTime): Promise<void>;
}

export function digestStore(db: Db): DigestStore {
  return {
    lastSentPeriodStart: (scopeKey) => lastSentPeriodStart(db, scopeKey),
    getSentDigest: (scopeKey, periodStart) => getSentDigest(db, scopeKey, periodStart),
    recordSentDigest: (digest) => recordSentDigest(db, digest),
    digestPullRequests: (ids, window) => digestPullRequests(db, ids, window),
    performedActions: (installationId, kinds, range) =>
      performedActions(db, installationId, kinds, range),
    pendingUserRequestsAt: (installationId, at) => pendingUserRequestsAt(db, installationId, at),
    reviewsBetween: (installationId, range) => reviewsBetween(db, installationId, range),
    getSlackIdentity: (login) => getSlackIdentity(db, login),
    saveSlackIdentity: (login, slackUserId, at) => saveSlackIdentity(db, login, slackUserId, at),
  };
}

async function lastSentPeriodStart(db: Db, scopeKey: string): Promise<DateTime | null> {
  const row = await db
    .selectFrom("digests")
    .select((eb) => eb.fn.max("period_start").as("start"))
    .where("scope_key", "=", scopeKey)
    .executeTakeFirst();
  return fromTimeOrNull(row?.start ?? null);
}

async function getSentDigest(db: Db, scopeKey: string, periodStart: DateTime) {
  const row = await db
    .selectFrom("digests")
    .selectAll()
    .where("scope_key", "=", scopeKey)
    .where("period_start", "=", toTime(periodStart))
    .executeTakeFirst();
  return row === undefined ? null : toSentDigest(row);
}

async function recordSentDigest(db: Db, digest: SentDigest): Promise<void> {
  await db
    .insertInto("digests")
    .values({
      scope_key: digest.scopeKey,
      period_start: toTime(digest.period.start),
      period_end: toTime(digest.period.end),
      installation_id: digest.installationId,
      scope_name: digest.scopeName,
      channel: digest.channel,
      message_ts: digest.messageTs,
      sent_at: toTime(digest.sentAt),
    })
    .onConflict((oc) => oc.columns(["scope_key", "period_start"]).doNothing())
    .execute();
}

/** The query of `performedActions` (exported for its plan: it must use `actions_sla_performed`). */
export function performedActionsQuery(
  db: Db,
  installationId: number,
  kinds: readonly string[],
  range: { from: DateTime; to: DateTime },
) {
  return db
    .selectFrom("actions")
    .select(["kind", "pull_request_id", "performed_at", "payload", "result"])
    .where("installation_id", "=", installationId)
    .where("status", "=", "done")
    .where(slaPerformed("actions", kinds))
    .where("kind", "in", [...kinds])
    .where("performed_at", ">=", toTime(range.from))
    .where("performed_at", "<", toTime(range.to))
    .orderBy("performed_at");
}

async function performedActions(
  db: Db,
  installationId: number,
  kinds: readonly string[],
  range: { from: DateTime; to: DateTime },
): Promise<PerformedAction[]> {
  if (kinds.length === 0) return [];
  const rows = await performedActionsQuery(db, installationId, kinds, range).execute();
  return rows.map((row) => ({
    kind: row.kind,
    pullRequestId: row.pull_request_id,
    performedAt: fromTime(row.performed_at ?? ""),
    payload: fromJson(row.payload),
    result: fromJson(row.result),
  }));
}

async function getSlackIdentity(db: Db, login: string) {
  const row = await db
    .selectFrom("slack_identities")
    .select(["slack_user_id", "checked_at"])
    .where("login", "=", login.toLowerCase())
    .executeTakeFirst();
  return row === undefined
    ? null
    : { slackUserId: row.slack_user_id, checkedAt: fromTime(row.checked_at) };
}

async function saveSlackIdentity(
  db: Db,
  login: string,
  slackUserId: string | null,
  at: DateTime,
): Promise<void> {
  const values = { slack_user_id: slackUserId, checked_at: toTime(at) };
  await db
    .insertInto("slack_identities")
    .values({ login: login.toLowerCase(), ...values })
    .onConflict((oc) => oc.column("login").doUpdateSet(values))
    .execute();
}

function toSentDigest(row: DigestsTable): SentDigest {
  return {
    scopeKey: row.scope_key,
    period: { start: fromTime(row.period_start), end: fromTime(row.period_end) },
    installationId: row.installation_id,
    scopeName: row.scope_name,
    channel: row.channel,
    messageTs: row.message_ts,
    sentAt: fromTime(row.sent_at),
  };
}

async function digestPullRequests(
  db: Db,
  repositoryIds: readonly number[],
  window: { createdBefore: DateTime; openSince: DateTime; history?: boolean },
): Promise<DigestPullRequestRow[]> {
  if (repositoryIds.length === 0) return [];
  const rows = await digestPullRequestRows(db, repositoryIds, window);
  if (window.history !== true) return rows;
  const withHistory: DigestPullRequestRow[] = [];
  for (let i = 0; i < rows.length; i += HISTORY_CHUNK) {
    const chunk = rows.slice(i, i + HISTORY_CHUNK);
    const { requests, reviews } = await histories(
      db,
      chunk.map((row) => row.pr.id),
    );
    for (const row of chunk)
      withHistory.push({
        ...row,
        pr: {
          ...row.pr,
          requests: (requests.get(row.pr.id) ?? []).map(toReviewRequest),
          reviews: (reviews.get(row.pr.id) ?? []).map(toReview),
        },
      });
  }
  return withHistory;
}

/** PR ids per history query: well under SQLite's and Postgres's bound parameter limits. */
const HISTORY_CHUNK = 500;

async function digestPullRequestRows(
  db: Db,
  repositoryIds: readonly number[],
  window: { createdBefore: DateTime; openSince: DateTime },
): Promise<DigestPullRequestRow[]> {
  const rows = await db
    .selectFrom("pull_requests as p")
    .selectAll("p")
    .select((eb) => {
      const firstReview = (state: string | null) =>
        eb
          .selectFrom("reviews as v")
          .select((inner) => inner.fn.min("v.submitted_at").as("at"))
          .whereRef("v.pull_request_id", "=", "p.id")
          .whereRef("v.submitted_at", ">=", "p.ready_at")
          .where(sql<boolean>`lower(v.reviewer) <> lower(p.author)`)
          // Time to the first *human* review: bots (AI reviewers among them) do not count.
          .where("v.reviewer_is_bot", "=", 0)
          .where(sql<boolean>`lower(v.reviewer) not like '%[bot]'`)
          .$if(state !== null, (q) => q.where("v.state", "=", state ?? ""));
      return [
        firstReview(null).as("first_review_at"),
        firstReview("changes_requested").as("first_changes_requested_at"),
      ];
    })
    .where("p.repository_id", "in", [...repositoryIds])
    .where("p.created_at", "<", toTime(window.createdBefore))
    .where((eb) =>
      eb.or([eb("p.closed_at", "is", null), eb("p.closed_at", ">=", toTime(window.openSince))]),
    )
    .orderBy("p.id")
    .execute();
  return rows.map(({ first_review_at, first_changes_requested_at, ...row }) => ({
    pr: toPullRequest(row, [], []),
    firstReviewAt: fromTimeOrNull(first_review_at),
    firstChangesRequestedAt: fromTimeOrNull(first_changes_requested_at),
  }));
}

async function pendingUserRequestsAt(db: Db, installationId: number, at: DateTime) {
  const now = toTime(at);
  const rows = await db
    .selectFrom("review_requests as q")
    .innerJoin("pull_requests as p", "p.id", "q.pull_request_id")
    .where("p.installation_id", "=", installationId)
    .where("q.reviewer_type", "=", "user")
    .where("q.requested_at", "<=", now)
    .where((eb) => eb.or([eb("q.removed_at", "is", null), eb("q.removed_at", ">", now)]))
    .where((eb) => eb.or([eb("q.satisfied_at", "is", null), eb("q.satisfied_at", ">", now)]))
    .where((eb) => eb.or([eb("p.closed_at", "is", null), eb("p.closed_at", ">", now)]))
    .select(["q.reviewer", "p.id", "q.requested_at"])
    .orderBy("q.requested_at")
    .orderBy("q.id")
    .execute();
  return rows.map((row) => ({
    login: row.reviewer,
    pullRequestId: row.id,
    requestedAt: fromTime(row.requested_at),
  }));
}

async function reviewsBetween(
  db: Db,
  installationId: number,
  range: { from: DateTime; to: DateTime },
) {
  const rows = await db
    .selectFrom("reviews as v")
    .innerJoin("pull_requests as p", "p.id", "v.pull_request_id")
    .where("p.installation_id", "=", installationId)
    .where("v.submitted_at", ">=", toTime(range.from))
    .where("v.submitted_at", "<", toTime(range.to))
    .where(sql<boolean>`lower(v.reviewer) <> lower(p.author)`)
    .select(["v.reviewer", "p.id", "v.submitted_at"])
    .select((eb) =>
      eb
        .selectFrom("review_requests as q")
        .select((inner) => inner.fn.max("q.requested_at").as("at"))
        .whereRef("q.pull_request_id", "=", "v.pull_request_id")
        .where("q.reviewer_type", "=", "user")
        .where(sql<boolean>`lower(q.reviewer) = lower(v.reviewer)`)
        .whereRef("q.requested_at", "<=", "v.submitted_at")
        .as("requested_at"),
    )
    .orderBy("v.submitted_at")
    .orderBy("v.id")
    .execute();
  return rows.map((row) => ({
    login: row.reviewer,
    pullRequestId: row.id,
    submittedAt: fromTime(row.submitted_at),
    requestedAt: fromTimeOrNull(row.requested_at),
  }));
}
