// SLA compliance for one week. A PR counts in the week its deadline ran out: less than the SLA
// had elapsed (in working time since readyAt) at the week's start, at least the SLA by its end.
import type { DateTime, Duration } from "luxon";
import type { DigestPullRequest } from "./input.js";
import type { DigestPeriod } from "./period.js";
import type { Compliance } from "./report.js";
import { percentage } from "./statistics.js";
import type { WorkingTimeMeter } from "./working-time.js";

export type SlaOutcome = "met" | "missed";

/** What a PR's SLA clock needs: when it started, the SLA, and when it stopped. */
export interface SlaClock {
  readyAt: DateTime;
  sla: Duration;
  /** When the SLA was satisfied (a review, a merge…), null if never. */
  satisfiedAt: DateTime | null;
  /** When the PR stopped needing it without satisfying it (closed), null if never. */
  releasedAt: DateTime | null;
}

/**
 * The outcome of an SLA whose deadline ran out in `period`; null when it ran out in another
 * week, or the PR was closed before its deadline with nothing owed.
 */
export function slaOutcome(
  sla: SlaClock,
  period: DigestPeriod,
  meter: WorkingTimeMeter,
): SlaOutcome | null {
  if (sla.readyAt >= period.end) return null;
  const slaMs = sla.sla.toMillis();
  if (meter.between(sla.readyAt, period.start).toMillis() >= slaMs) return null;
  if (meter.between(sla.readyAt, period.end).toMillis() < slaMs) return null;
  if (sla.satisfiedAt !== null) {
    const took = meter.between(sla.readyAt, sla.satisfiedAt).toMillis();
    if (took <= slaMs) return "met";
  }
  if (sla.releasedAt !== null) {
    // Not satisfied in time; closed before the deadline, it owed nothing.
    const open = meter.between(sla.readyAt, sla.releasedAt).toMillis();
    if (open < slaMs) return null;
  }
  return "missed";
}

/** First-review SLA: a review within `firstReviewSla`; a PR closed before then owed none. */
export function firstReviewClock(pr: DigestPullRequest): SlaClock {
  return {
    readyAt: pr.readyAt,
    sla: pr.firstReviewSla,
    satisfiedAt: pr.firstReviewAt,
    releasedAt: pr.closedAt,
  };
}

/** Resolution SLA: merged or changes requested within `resolutionSla`. */
export function resolutionClock(pr: DigestPullRequest): SlaClock {
  const resolutions = [pr.mergedAt, pr.changesRequestedAt].filter((t) => t !== null);
  const satisfiedAt = resolutions.length === 0 ? null : resolutions.reduce(earlier);
  return { readyAt: pr.readyAt, sla: pr.resolutionSla, satisfiedAt, releasedAt: pr.closedAt };
}

function earlier(a: DateTime, b: DateTime): DateTime {
  return a <= b ? a : b;
}

/** Counts met and missed SLAs over the PRs whose deadline ran out in `period`. */
export function compliance(
  pullRequests: readonly DigestPullRequest[],
  toClock: (pr: DigestPullRequest) => SlaClock,
  period: DigestPeriod,
  meter: WorkingTimeMeter,
): Compliance {
  let met = 0;
  let missed = 0;
  for (const pr of pullRequests) {
    if ((pr.open && pr.draft) || pr.exempt) continue;
    const outcome = slaOutcome(toClock(pr), period, meter);
    if (outcome === "met") met += 1;
    if (outcome === "missed") missed += 1;
  }
  return { met, missed, percent: percentage(met, met + missed) };
}
