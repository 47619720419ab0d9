// Maps database rows to the store's plain values (and checks the enumerations they hold).
import type { Selectable } from "kysely";
import type { DateTime } from "luxon";
import type {
  Reviewer,
  ReviewRecord,
  ReviewRequestRecord,
  ReviewState,
} from "../sla/pull-request.js";
import type { ActionRow, ActionStatus } from "./outbox.js";
import type { StoredPullRequest } from "./pull-requests.js";
import type { InstallationRow, RepositoryRow } from "./repos.js";
import { fromFlag, fromJson, fromJsonStrings, fromTime, fromTimeOrNull } from "./codec.js";
import type {
  ActionsTable,
  InstallationsTable,
  PullRequestsTable,
  RepositoriesTable,
  ReviewRequestsTable,
  ReviewsTable,
  TimeText,
} from "./schema.js";

const REVIEW_STATES: readonly ReviewState[] = [
  "approved",
  "changes_requested",
  "commented",
  "dismissed",
];
const ACTION_STATUSES: readonly ActionStatus[] = ["pending", "done", "failed"];

function oneOf<T extends string>(allowed: readonly T[], value: string, what: string): T {
  const found = allowed.find((candidate) => candidate === value);
  if (found === undefined) throw new Error(`The database holds an unknown ${what}: "${value}".`);
  return found;
}

export function toInstallation(row: Selectable<InstallationsTable>): InstallationRow {
  return {
    id: row.id,
    accountLogin: row.account_login,
    accountType: row.account_type,
    suspendedAt: fromTimeOrNull(row.suspended_at),
    deletedAt: fromTimeOrNull(row.deleted_at),
  };
}

export function toRepository(row: Selectable<RepositoriesTable>): RepositoryRow {
  return {
    id: row.id,
    installationId: row.installation_id,
    owner: row.owner,
    name: row.name,
    defaultBranch: row.default_branch,
    configJson: fromJson(row.config_json),
    configErrors: fromJsonStrings(row.config_errors),
    configFetchedAt: fromTimeOrNull(row.config_fetched_at),
    removedAt: fromTimeOrNull(row.removed_at),
  };
}

export function toReviewer(type: string, name: string): Reviewer {
  const kind = oneOf(["user", "team"] as const, type, "reviewer type");
  return kind === "user" ? { type: "user", login: name } : { type: "team", slug: name };
}

/** The name a reviewer is stored under: a login or a team slug. */
export function reviewerName(reviewer: Reviewer): string {
  return reviewer.type === "user" ? reviewer.login : reviewer.slug;
}

/** Reads an instant column (`fromTime`, or `sharedInstants()` for a page of rows). */
export type InstantReader = (text: TimeText) => DateTime;

/**
 * `fromTime` that gives every distinct text one DateTime (they are immutable): a page of rows
 * repeats instants (created, ready and requested at the same second), and each DateTime costs.
 */
export function sharedInstants(): InstantReader {
  const read = new Map<TimeText, DateTime>();
  return (text) => {
    const known = read.get(text);
    if (known !== undefined) return known;
    const at = fromTime(text);
    read.set(text, at);
    return at;
  };
}

export function toReviewRequest(row: Selectable<ReviewRequestsTable>): ReviewRequestRecord {
  return readReviewRequest(row, fromTime);
}

export function readReviewRequest(
  row: Selectable<ReviewRequestsTable>,
  time: InstantReader,
): ReviewRequestRecord {
  return {
    reviewer: toReviewer(row.reviewer_type, row.reviewer),
    requestedAt: time(row.requested_at),
    removedAt: row.removed_at === null ? null : time(row.removed_at),
    satisfiedAt: row.satisfied_at === null ? null : time(row.satisfied_at),
  };
}

export function toReview(row: Selectable<ReviewsTable>): ReviewRecord {
  return readReview(row, fromTime);
}

export function readReview(row: Selectable<ReviewsTable>, time: InstantReader): ReviewRecord {
  return {
    id: row.id,
    reviewer: row.reviewer,
    state: oneOf(REVIEW_STATES, row.state, "review state"),
    submittedAt: time(row.submitted_at),
    reviewerIsBot: fromFlag(row.reviewer_is_bot),
  };
}

export function toPullRequest(
  row: Selectable<PullRequestsTable>,
  requests: ReviewRequestRecord[],
  reviews: ReviewRecord[],
): StoredPullRequest {
  return readPullRequest(row, requests, reviews, fromTime);
}

export function readPullRequest(
  row: Selectable<PullRequestsTable>,
  requests: ReviewRequestRecord[],
  reviews: ReviewRecord[],
  time: InstantReader,
): StoredPullRequest {
  const timeOrNull = (text: TimeText | null) => (text === null ? null : time(text));
  return {
    id: row.id,
    installationId: row.installation_id,
    repositoryId: row.repository_id,
    owner: row.owner,
    repo: row.repo,
    number: row.number,
    title: row.title,
    author: row.author,
    authorIsBot: fromFlag(row.author_is_bot),
    draft: fromFlag(row.draft),
    open: fromFlag(row.open),
    merged: fromFlag(row.merged),
    createdAt: time(row.created_at),
    readyAt: time(row.ready_at),
    closedAt: timeOrNull(row.closed_at),
    mergedAt: timeOrNull(row.merged_at),
    labels: fromJsonStrings(row.labels),
    additions: row.additions,
    deletions: row.deletions,
    changedFiles: row.changed_files,
    headSha: row.head_sha,
    pushedAt: timeOrNull(row.pushed_at ?? null),
    aiAssisted: fromFlag(row.ai_assisted),
    requests,
    reviews,
    nextDueAt: timeOrNull(row.next_due_at),
    updatedAt: time(row.updated_at),
    snoozedUntil: timeOrNull(row.snoozed_until),
  };
}

export function toAction(row: Selectable<ActionsTable>): ActionRow {
  return {
    id: row.id,
    key: row.key,
    installationId: row.installation_id,
    pullRequestId: row.pull_request_id,
    kind: row.kind,
    payload: fromJson(row.payload),
    dueAt: fromTime(row.due_at),
    priority: row.priority,
    status: oneOf(ACTION_STATUSES, row.status, "action status"),
    attempts: row.attempts,
    nextAttemptAt: fromTime(row.next_attempt_at),
    leaseOwner: row.lease_owner,
    leaseExpiresAt: fromTimeOrNull(row.lease_expires_at),
    lastError: row.last_error,
    performedAt: fromTimeOrNull(row.performed_at),
    result: fromJson(row.result),
    createdAt: fromTime(row.created_at),
  };
}

/** Claim order: lowest priority first, then the longest due, then the oldest. */
export function byClaimOrder(a: ActionRow, b: ActionRow): number {
  return a.priority - b.priority || a.dueAt.toMillis() - b.dueAt.toMillis() || a.id - b.id;
}
