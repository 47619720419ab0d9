// How much review work each person is carrying: open requests plus recently finished reviews,
// optionally weighted by pull-request size. The picker prefers the lowest load.
import type { DateTime } from "luxon";
import type { AssignmentConfig } from "../config/assignment.js";

export interface OpenRequest {
  login: string;
  pullRequestId: number | string;
  additions: number;
  deletions: number;
}

export interface RecentReview extends OpenRequest {
  submittedAt: DateTime;
}

export interface ReviewerLoad {
  openReviews: number;
  weightedOpen: number;
  /** Distinct pull requests reviewed inside the recent window. */
  recentReviews: number;
  /** Size weights of those reviews. */
  weightedRecent: number;
  /** weightedOpen + recent_weight × weightedRecent */
  load: number;
}

/** Upper bound of {@link sizeWeight}: no single pull request outweighs five small ones. */
export const MAX_SIZE_WEIGHT = 5;
const LINES_PER_DOUBLING = 250;

/**
 * Review effort of a pull request with `lines` changed (additions + deletions):
 *
 *   sizeWeight(lines) = min(5, 1 + log2(1 + lines / 250))
 *
 * 0 lines → 1, 20 → 1.11, 250 → 2, 750 → 3, 2,000 → 4.17, ≥ 3,750 → 5. Effort grows with
 * size but far slower than linearly (big changes get read at a coarser grain and are often
 * split up), and the cap keeps one huge generated diff from blocking a reviewer for weeks.
 */
export function sizeWeight(lines: number): number {
  const clean = Number.isNaN(lines) ? 0 : Math.max(0, lines);
  return Math.min(MAX_SIZE_WEIGHT, 1 + Math.log2(1 + clean / LINES_PER_DOUBLING));
}

function weightOf(item: OpenRequest, config: AssignmentConfig): number {
  return config.weight_by_size ? sizeWeight(item.additions + item.deletions) : 1;
}

/** Keeps one entry per (login, pull request): the latest review when there are several. */
function latestPerPullRequest(reviews: readonly RecentReview[]): RecentReview[] {
  const latest = new Map<string, RecentReview>();
  for (const review of reviews) {
    const key = `${review.login.toLowerCase()}\u0000${review.pullRequestId}`;
    const seen = latest.get(key);
    if (!seen || review.submittedAt > seen.submittedAt) latest.set(key, review);
  }
  return [...latest.values()];
}

function entryFor(loads: Map<string, ReviewerLoad>, login: string): ReviewerLoad {
  const key = login.toLowerCase();
  let entry = loads.get(key);
  if (!entry) {
    entry = { openReviews: 0, weightedOpen: 0, recentReviews: 0, weightedRecent: 0, load: 0 };
    loads.set(key, entry);
  }
  return entry;
}

/**
 * Load per lowercase login: the size weight of every request still open, plus
 * `recent_weight` × the size weight of every pull request reviewed within `recent_window`.
 *
 * With the default `recent_weight` of 1 a review keeps counting in full from the request
 * until `recent_window` after it was submitted. Finishing a review therefore does not make
 * the fastest reviewer the lightest (and the next one picked), and while a stream of
 * assignments is still inside that memory, load equals the total weight assigned, so picking
 * the lightest keeps everyone's totals within one pull request's weight of each other.
 */
export function reviewerLoads(input: {
  openRequests: readonly OpenRequest[];
  recentReviews: readonly RecentReview[];
  now: DateTime;
  config: AssignmentConfig;
}): Map<string, ReviewerLoad> {
  const { now, config } = input;
  const loads = new Map<string, ReviewerLoad>();
  const seenOpen = new Set<string>();
  for (const request of input.openRequests) {
    const key = `${request.login.toLowerCase()}\u0000${request.pullRequestId}`;
    if (seenOpen.has(key)) continue;
    seenOpen.add(key);
    const entry = entryFor(loads, request.login);
    entry.openReviews += 1;
    entry.weightedOpen += weightOf(request, config);
  }
  const windowMs = config.recent_window.toMillis();
  for (const review of latestPerPullRequest(input.recentReviews)) {
    const ageMs = Math.max(0, now.toMillis() - review.submittedAt.toMillis());
    if (ageMs >= windowMs) continue;
    const entry = entryFor(loads, review.login);
    entry.recentReviews += 1;
    entry.weightedRecent += weightOf(review, config);
  }
  for (const entry of loads.values())
    entry.load = entry.weightedOpen + config.recent_weight * entry.weightedRecent;
  return loads;
}
