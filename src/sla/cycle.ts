// Review cycles: a cycle starts with the first review request (after "changes requested",
// a re-request starts the next one); the first human review and the author's turn end its clocks.
// Machine reviewers (bots, `sla.ignore_reviewers`) neither start nor end a clock.
import type { DateTime } from "luxon";
import type { PullRequestState, Reviewer } from "./pull-request.js";
import { humanAnswerAt, isHumanReview, isMachineRequest } from "./reviewers.js";

export interface ReviewCycle {
  /** 1 for the first cycle of the PR, 2 after the first re-request following changes requested… */
  index: number;
  /** When the cycle's clocks start: its first request, or the PR becoming ready if later. */
  startedAt: DateTime;
  /** Requests of people still waiting for a person's answer. */
  pendingReviewers: Reviewer[];
  /** When each pending request was made (same order as `pendingReviewers`). */
  pendingSince: DateTime[];
  /** First review by a requested person in this cycle. */
  firstReviewAt: DateTime | null;
  /** Set when a person requested changes in this cycle: the author's turn, clocks stopped. */
  changesRequestedAt: DateTime | null;
  /** Who requested changes in this cycle (logins, in review order, once each). */
  changesRequestedBy: string[];
  /** The latest approval by a person in this cycle, or null. */
  approvedAt: DateTime | null;
}

type CycleEvent = { at: DateTime; type: "request" } | { at: DateTime; type: "changes" };

function cycleEvents(pr: PullRequestState, ignore: readonly string[]): CycleEvent[] {
  const events: CycleEvent[] = [
    ...pr.requests
      .filter((r) => !isMachineRequest(r, ignore))
      .map((r) => ({ at: r.requestedAt, type: "request" as const })),
    // A bot's "changes requested" (a linter, a CI gate, an AI reviewer) is not a reviewer's
    // answer: the humans asked still owe one, so their clocks keep running.
    ...pr.reviews
      .filter((r) => r.state === "changes_requested" && isHumanReview(r, ignore))
      .map((r) => ({ at: r.submittedAt, type: "changes" as const })),
  ];
  // Requests sort before reviews at the same instant: a review answers a request, never precedes it.
  return events.sort(
    (a, b) => a.at.toMillis() - b.at.toMillis() || (a.type === "request" ? -1 : 1),
  );
}

const byTime = (a: DateTime, b: DateTime) => a.toMillis() - b.toMillis();

/** The PR's current review cycle, or null when no person's review was ever requested. */
export function currentCycle(
  pr: PullRequestState,
  ignore: readonly string[] = [],
): ReviewCycle | null {
  let index = 0;
  let start: DateTime | null = null;
  let changesAt: DateTime | null = null;
  for (const event of cycleEvents(pr, ignore)) {
    if (event.type === "request" && (start === null || changesAt !== null)) {
      index += 1;
      start = event.at;
      changesAt = null;
    } else if (event.type === "changes" && start !== null && changesAt === null) {
      changesAt = event.at;
    }
  }
  if (start === null) return null;
  const cycleStart = start;
  const people = pr.requests.filter((r) => !isMachineRequest(r, ignore));
  const answered = people.map((r) => humanAnswerAt(pr, r, ignore));
  const satisfied = answered
    .filter((at): at is DateTime => at !== null && at >= cycleStart)
    .sort(byTime);
  const pending = people.filter((r, i) => r.removedAt === null && answered[i] === null);
  const inCycle = pr.reviews
    .filter((r) => r.submittedAt >= cycleStart && isHumanReview(r, ignore))
    .sort((a, b) => byTime(a.submittedAt, b.submittedAt));
  const changesBy = inCycle.filter((r) => r.state === "changes_requested").map((r) => r.reviewer);
  const approvals = inCycle.filter((r) => r.state === "approved").map((r) => r.submittedAt);
  return {
    index,
    startedAt: pr.readyAt > cycleStart ? pr.readyAt : cycleStart,
    pendingReviewers: pending.map((r) => r.reviewer),
    pendingSince: pending.map((r) => r.requestedAt),
    firstReviewAt: satisfied[0] ?? null,
    changesRequestedAt: changesAt,
    changesRequestedBy: [...new Map(changesBy.map((l) => [l.toLowerCase(), l])).values()],
    approvedAt: approvals.at(-1) ?? null,
  };
}
