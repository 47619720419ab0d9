// The review history of a PR as the turn model reads it, step by step and cycle by cycle: for the
// check run's details and `review-sla explain`. Machine reviewers are left out, as they are there.
import type { DateTime } from "luxon";
import type { PullRequestState } from "./pull-request.js";
import { isHumanReview, isMachineRequest } from "./reviewers.js";
import { reviewerKey } from "./pull-request.js";

export interface HistoryEntry {
  at: DateTime;
  /** The review cycle the step belongs to (0 before the first request). */
  cycle: number;
  what: "requested" | "first-review" | "commented" | "changes-requested" | "pushed" | "approved";
  /** A login or `team:<slug>`; null for a push. */
  who: string | null;
}

type Step = Omit<HistoryEntry, "cycle">;

const ORDER: Record<HistoryEntry["what"], number> = {
  requested: 0,
  pushed: 1,
  "first-review": 2,
  commented: 2,
  "changes-requested": 2,
  approved: 2,
};

function stepsOf(pr: PullRequestState, ignore: readonly string[]): Step[] {
  const steps: Step[] = pr.requests
    .filter((r) => !isMachineRequest(r, ignore))
    .map((r) => ({ at: r.requestedAt, what: "requested", who: reviewerKey(r.reviewer) }));
  for (const r of pr.reviews) {
    if (!isHumanReview(r, ignore) || r.state === "dismissed") continue;
    if (r.reviewer.toLowerCase() === pr.author.toLowerCase()) continue;
    const what =
      r.state === "approved"
        ? "approved"
        : r.state === "changes_requested"
          ? "changes-requested"
          : "commented";
    steps.push({ at: r.submittedAt, what, who: r.reviewer });
  }
  if (pr.pushedAt) steps.push({ at: pr.pushedAt, what: "pushed", who: null });
  return steps.sort((a, b) => a.at.toMillis() - b.at.toMillis() || ORDER[a.what] - ORDER[b.what]);
}

/** Every person's step in time order, numbered by cycle; a cycle's first review is marked. */
export function turnHistory(pr: PullRequestState, ignore: readonly string[]): HistoryEntry[] {
  let cycle = 0;
  let changes = false;
  let reviewed = false;
  const entries: HistoryEntry[] = [];
  for (const step of stepsOf(pr, ignore)) {
    if (step.what === "requested" && (cycle === 0 || changes)) {
      cycle += 1;
      changes = false;
      reviewed = false;
    }
    const review = step.what !== "requested" && step.what !== "pushed";
    if (review && cycle > 0 && !reviewed) {
      reviewed = true;
      if (step.what === "commented") {
        entries.push({ ...step, what: "first-review", cycle });
        continue;
      }
    }
    if (step.what === "changes-requested") changes = true;
    entries.push({ ...step, cycle });
  }
  return entries;
}
