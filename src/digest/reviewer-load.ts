// Who carries the review load: open requests now, reviews done this week and how fast they
// answered requests (median working time). The busiest `top_n` reviewers, by open requests.
import type { Duration } from "luxon";
import type { DigestInput } from "./input.js";
import type { ReviewerLoadRow } from "./report.js";
import { durationPercentile } from "./statistics.js";
import { within, type WorkingTimeMeter } from "./working-time.js";

interface Tally {
  login: string;
  openRequests: number;
  reviewsDone: number;
  responseTimes: Duration[];
}

function tallyFor(tallies: Map<string, Tally>, login: string): Tally {
  const key = login.toLowerCase();
  let tally = tallies.get(key);
  if (!tally) {
    tally = { login, openRequests: 0, reviewsDone: 0, responseTimes: [] };
    tallies.set(key, tally);
  }
  return tally;
}

function busiestFirst(a: ReviewerLoadRow, b: ReviewerLoadRow): number {
  return (
    b.openRequests - a.openRequests ||
    b.reviewsDone - a.reviewsDone ||
    a.login.toLowerCase().localeCompare(b.login.toLowerCase())
  );
}

/** Reviewer load rows, busiest first: the top `limits.topReviewers`, and how many in all. */
export function reviewerLoad(
  input: DigestInput,
  meter: WorkingTimeMeter,
): { rows: ReviewerLoadRow[]; total: number } {
  const tallies = new Map<string, Tally>();
  for (const request of input.openRequests) tallyFor(tallies, request.login).openRequests += 1;
  for (const review of input.reviews) {
    if (!within(review.submittedAt, input.period)) continue;
    const tally = tallyFor(tallies, review.login);
    tally.reviewsDone += 1;
    if (review.requestedAt !== null) {
      tally.responseTimes.push(meter.between(review.requestedAt, review.submittedAt));
    }
  }
  const rows = [...tallies.values()]
    .map((t) => ({
      login: t.login,
      openRequests: t.openRequests,
      reviewsDone: t.reviewsDone,
      responseMedian: durationPercentile(t.responseTimes, 50),
    }))
    .sort(busiestFirst);
  return { rows: rows.slice(0, input.limits.topReviewers), total: rows.length };
}
