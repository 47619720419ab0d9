// The one pull-request builder (`aPullRequest`), its thin adapters to the shapes the store and
// the digest take, and the review requests and reviews that make up a PR's history.
import { DateTime, Duration } from "luxon";
import type { DigestPullRequest } from "../../src/digest/input.js";
import type {
  PullRequestState,
  ReviewRecord,
  ReviewRequestRecord,
} from "../../src/sla/pull-request.js";
import type { PullRequestFields } from "../../src/store/store.js";

export function at(iso: string, zone = "utc"): DateTime {
  return DateTime.fromISO(iso, { zone }).toUTC();
}

/** Monday 23 November 2026, 09:00 UTC: inside the default working hours. */
export const OPENED = at("2026-11-23T09:00:00");

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

/** What every built PR has unless a test says otherwise; times come from `createdAt`. */
const DEFAULTS = {
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
  closedAt: null,
  mergedAt: null,
  additions: 10,
  deletions: 2,
  changedFiles: 1,
  headSha: "abc",
  aiAssisted: false,
} satisfies Partial<PullRequestState>;

/**
 * An open, ready, human-authored PR of octo/api with no review history, created at `OPENED`;
 * `readyAt` follows `createdAt` unless given.
 */
export function aPullRequest(overrides: Partial<PullRequestState> = {}): PullRequestState {
  const createdAt = overrides.createdAt ?? OPENED;
  return {
    ...DEFAULTS,
    createdAt,
    readyAt: createdAt,
    labels: [],
    requests: [],
    reviews: [],
    ...overrides,
  };
}

/**
 * `aPullRequest` as the store takes it, without review history: GitHub's id (from the number
 * unless given) and `updatedAt` (`createdAt` unless given).
 */
export function aStoredPullRequest(overrides: Partial<PullRequestFields> = {}): PullRequestFields {
  const createdAt = overrides.createdAt ?? OPENED;
  const number = overrides.number ?? DEFAULTS.number;
  return {
    ...DEFAULTS,
    id: 9_000 + number,
    createdAt,
    readyAt: createdAt,
    labels: [],
    updatedAt: createdAt,
    ...overrides,
  };
}

/**
 * `aPullRequest` as the digest sees it: its URL, whether it is exempt, its first review and
 * changes requested, and the SLAs that applied (24 h and 48 h unless given).
 */
export function aDigestPullRequest(overrides: Partial<DigestPullRequest> = {}): DigestPullRequest {
  const {
    url,
    exempt,
    firstReviewAt,
    changesRequestedAt,
    firstReviewSla,
    resolutionSla,
    ...shared
  } = overrides;
  const pull = aPullRequest(shared);
  return {
    owner: pull.owner,
    repo: pull.repo,
    number: pull.number,
    title: pull.title,
    url: url ?? `https://github.com/${pull.owner}/${pull.repo}/pull/${pull.number}`,
    author: pull.author,
    aiAssisted: pull.aiAssisted,
    draft: pull.draft,
    exempt: exempt ?? false,
    open: pull.open,
    createdAt: pull.createdAt,
    readyAt: pull.readyAt,
    firstReviewAt: firstReviewAt ?? null,
    changesRequestedAt: changesRequestedAt ?? null,
    mergedAt: pull.mergedAt,
    closedAt: pull.closedAt,
    firstReviewSla: firstReviewSla ?? Duration.fromObject({ hours: 24 }),
    resolutionSla: resolutionSla ?? Duration.fromObject({ hours: 48 }),
  };
}
