// Review cycles: a cycle starts with the first review request (after "changes requested",
// a re-request starts the next one); the first review and the author's turn end its clocks.
import type { DateTime } from "luxon";
import type { PullRequestState, Reviewer } from "./pull-request.js";

export interface ReviewCycle {
  /** 1 for the first cycle of the PR, 2 after the first re-request following changes requested… */
  index: number;
  /** When the cycle's clocks start: its first request, or the PR becoming ready if later. */
  startedAt: DateTime;
  /** Requests still waiting for an answer. */
  pendingReviewers: Reviewer[];
  /** First review by a requested reviewer in this cycle. */
  firstReviewAt: DateTime | null;
  /** Set when a reviewer requested changes in this cycle: the author's turn, clocks stopped. */
  changesRequestedAt: DateTime | null;
}

type CycleEvent = { at: DateTime; type: "request" } | { at: DateTime; type: "changes" };

function cycleEvents(pr: PullRequestState): CycleEvent[] {
  const events: CycleEvent[] = [
    ...pr.requests.map((r) => ({ at: r.requestedAt, type: "request" as const })),
    // A bot's "changes requested" (a linter, a CI gate) is not a reviewer's answer: the
    // humans asked still owe one, so their clocks keep running.
    ...pr.reviews
      .filter((r) => r.state === "changes_requested" && !r.reviewer.endsWith("[bot]"))
      .map((r) => ({ at: r.submittedAt, type: "changes" as const })),
  ];
  // Requests sort before reviews at the same instant: a review answers a request, never precedes it.
  return events.sort(
    (a, b) => a.at.toMillis() - b.at.toMillis() || (a.type === "request" ? -1 : 1),
  );
}

/** The PR's current review cycle, or null when review was never requested. */
export function currentCycle(pr: PullRequestState): ReviewCycle | null {
  let index = 0;
  let start: DateTime | null = null;
  let changesAt: DateTime | null = null;
  for (const event of cycleEvents(pr)) {
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
  const satisfied = pr.requests
    .map((r) => r.satisfiedAt)
    .filter((at): at is DateTime => at !== null && at >= cycleStart)
    .sort((a, b) => a.toMillis() - b.toMillis());
  return {
    index,
    startedAt: pr.readyAt > cycleStart ? pr.readyAt : cycleStart,
    pendingReviewers: pr.requests
      .filter((r) => r.removedAt === null && r.satisfiedAt === null)
      .map((r) => r.reviewer),
    firstReviewAt: satisfied[0] ?? null,
    changesRequestedAt: changesAt,
  };
}
