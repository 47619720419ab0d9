// The review history of one pull request, as the policy sees it: plain data, UTC instants.
import type { DateTime } from "luxon";

export type Reviewer = { type: "user"; login: string } | { type: "team"; slug: string };

export interface ReviewRequestRecord {
  reviewer: Reviewer;
  requestedAt: DateTime;
  /** Set when the request was withdrawn (review_request_removed). */
  removedAt: DateTime | null;
  /** Set when the requested user (or, for a team, anyone) reviewed after the request. */
  satisfiedAt: DateTime | null;
}

export type ReviewState = "approved" | "changes_requested" | "commented" | "dismissed";

export interface ReviewRecord {
  id: number;
  reviewer: string;
  state: ReviewState;
  submittedAt: DateTime;
  /** GitHub's `type: Bot` for the reviewer's account (stored since 0009; absent: not known). */
  reviewerIsBot?: boolean;
}

export interface PullRequestState {
  installationId: number;
  repositoryId: number;
  owner: string;
  repo: string;
  number: number;
  title: string;
  author: string;
  authorIsBot: boolean;
  draft: boolean;
  open: boolean;
  merged: boolean;
  createdAt: DateTime;
  /** Last time the PR became ready for review (creation time when it was never a draft). */
  readyAt: DateTime;
  closedAt: DateTime | null;
  mergedAt: DateTime | null;
  labels: readonly string[];
  additions: number;
  deletions: number;
  changedFiles: number;
  headSha: string;
  /** The author's last push to the branch (`synchronize`); null or absent when none was seen. */
  pushedAt?: DateTime | null;
  aiAssisted: boolean;
  requests: readonly ReviewRequestRecord[];
  reviews: readonly ReviewRecord[];
  /** Set by `/review-sla snooze`: no reminder, escalation or DM is due before then. */
  snoozedUntil?: DateTime | null;
}

export function reviewerKey(reviewer: Reviewer): string {
  return reviewer.type === "user"
    ? reviewer.login.toLowerCase()
    : `team:${reviewer.slug.toLowerCase()}`;
}
