// Builders for PullRequestState values in policy tests.
import { DateTime } from "luxon";
import type {
  PullRequestState,
  ReviewRecord,
  ReviewRequestRecord,
} from "../../src/sla/pull-request.js";

export function at(iso: string, zone = "utc"): DateTime {
  return DateTime.fromISO(iso, { zone }).toUTC();
}

export function request(
  login: string,
  requestedAt: DateTime,
  extra: Partial<ReviewRequestRecord> = {},
): ReviewRequestRecord {
  return {
    reviewer: { type: "user", login },
    requestedAt,
    removedAt: null,
    satisfiedAt: null,
    ...extra,
  };
}

export function review(
  reviewer: string,
  state: ReviewRecord["state"],
  submittedAt: DateTime,
  id = 1,
): ReviewRecord {
  return { id, reviewer, state, submittedAt };
}

export function pullRequest(
  createdAt: DateTime,
  overrides: Partial<PullRequestState> = {},
): PullRequestState {
  return {
    installationId: 1,
    repositoryId: 10,
    owner: "octo",
    repo: "api",
    number: 5,
    title: "Change",
    author: "dana",
    authorIsBot: false,
    draft: false,
    open: true,
    merged: false,
    createdAt,
    readyAt: createdAt,
    closedAt: null,
    mergedAt: null,
    labels: [],
    additions: 10,
    deletions: 2,
    changedFiles: 1,
    headSha: "abc",
    aiAssisted: false,
    requests: [],
    reviews: [],
    ...overrides,
  };
}
