// Builders for digest tests: a UTC wall-clock calendar, a week in March 2025, and PRs, reviews
// and requests with sensible defaults that each test overrides.
import { DateTime, Duration } from "luxon";
import type { TeamCalendar } from "../../src/clock/calendar.js";
import type {
  DigestInput,
  DigestPullRequest,
  OpenReviewRequest,
  SubmittedReview,
} from "../../src/digest/input.js";
import type { DigestPeriod } from "../../src/digest/period.js";
import { aDigestPullRequest } from "../helpers/pull-requests.js";

/** The week reported on: Monday 3 March 2025 to Monday 10 March, UTC. */
export const WEEK: DigestPeriod = {
  start: DateTime.fromISO("2025-03-03T00:00:00Z", { zone: "utc" }),
  end: DateTime.fromISO("2025-03-10T00:00:00Z", { zone: "utc" }),
};

export const PREVIOUS_WEEK: DigestPeriod = {
  start: DateTime.fromISO("2025-02-24T00:00:00Z", { zone: "utc" }),
  end: WEEK.start,
};

/** Monday 10 March 09:00 UTC: when the digest of WEEK goes out. */
export const NOW = DateTime.fromISO("2025-03-10T09:00:00Z", { zone: "utc" });

export const UTC_CALENDAR: TeamCalendar = {
  zone: "UTC",
  workingDays: [1, 2, 3, 4, 5],
  workingHours: { start: 9 * 60, end: 17 * 60 },
  holidays: [],
};

export function at(iso: string): DateTime {
  return DateTime.fromISO(iso, { zone: "utc" });
}

export function hours(count: number): Duration {
  return Duration.fromObject({ hours: count });
}

let nextNumber = 1;

/** A PR of acme/api by alice, opened in WEEK, numbered in turn unless given. */
export function pullRequest(overrides: Partial<DigestPullRequest> = {}): DigestPullRequest {
  const number = overrides.number ?? nextNumber++;
  return aDigestPullRequest({
    owner: "acme",
    number,
    title: `Change ${number}`,
    author: "alice",
    createdAt: at("2025-03-04T10:00:00Z"),
    ...overrides,
  });
}

/** A PR opened at `openedAt`, first reviewed `reviewHours` later, merged `mergeHours` after opening. */
export function mergedPullRequest(
  openedAt: string,
  reviewHours: number,
  mergeHours: number,
  overrides: Partial<DigestPullRequest> = {},
): DigestPullRequest {
  const createdAt = at(openedAt);
  const mergedAt = createdAt.plus({ hours: mergeHours });
  return pullRequest({
    createdAt,
    firstReviewAt: createdAt.plus({ hours: reviewHours }),
    mergedAt,
    closedAt: mergedAt,
    open: false,
    ...overrides,
  });
}

export function openRequest(
  login: string,
  pr: DigestPullRequest,
  requestedAt: DateTime,
): OpenReviewRequest {
  return { login, requestedAt, pr: { owner: pr.owner, repo: pr.repo, number: pr.number } };
}

export function review(
  login: string,
  submittedAt: DateTime,
  requestedAt: DateTime | null,
  number = 1,
): SubmittedReview {
  return { login, submittedAt, requestedAt, pr: { owner: "acme", repo: "api", number } };
}

export function digestInput(overrides: Partial<DigestInput> = {}): DigestInput {
  return {
    scopeName: "acme",
    period: WEEK,
    previousPeriod: PREVIOUS_WEEK,
    now: NOW,
    calendar: UTC_CALENDAR,
    clockMode: "calendar",
    pullRequests: [],
    actions: [],
    openRequests: [],
    reviews: [],
    slackUsers: new Map(),
    unmappedLogins: [],
    limits: { topReviewers: 5, breaches: 10 },
    ...overrides,
  };
}
