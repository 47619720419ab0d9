// The numbers of one week: throughput, speed (working time), SLA compliance, actions performed,
// and AI-assisted PRs against the rest. The same function serves this week and the previous one.
import type { Duration } from "luxon";
import type { DigestAction, DigestInput, DigestPullRequest } from "./input.js";
import type { DigestPeriod } from "./period.js";
import type { GroupStats, PeriodStats } from "./report.js";
import { compliance, firstReviewClock, resolutionClock } from "./sla-compliance.js";
import { durationPercentile, percentage } from "./statistics.js";
import { within, type WorkingTimeMeter } from "./working-time.js";

/** Working time readyAt → first review, for PRs first reviewed in the period. */
export function firstReviewTimes(
  prs: readonly DigestPullRequest[],
  period: DigestPeriod,
  meter: WorkingTimeMeter,
): Duration[] {
  return prs
    .filter((pr) => within(pr.firstReviewAt, period))
    .map((pr) => meter.between(pr.readyAt, pr.firstReviewAt ?? pr.readyAt));
}

/** Working time readyAt → merge, for PRs merged in the period. */
export function cycleTimes(
  prs: readonly DigestPullRequest[],
  period: DigestPeriod,
  meter: WorkingTimeMeter,
): Duration[] {
  return prs
    .filter((pr) => within(pr.mergedAt, period))
    .map((pr) => meter.between(pr.readyAt, pr.mergedAt ?? pr.readyAt));
}

function groupStats(
  group: readonly DigestPullRequest[],
  openedInScope: number,
  period: DigestPeriod,
  meter: WorkingTimeMeter,
): GroupStats {
  const opened = group.filter((pr) => within(pr.createdAt, period)).length;
  const reviewTimes = firstReviewTimes(group, period, meter);
  const mergeTimes = cycleTimes(group, period, meter);
  return {
    opened,
    share: percentage(opened, openedInScope),
    firstReviewMedian: durationPercentile(reviewTimes, 50),
    firstReviewed: reviewTimes.length,
    cycleTimeMedian: durationPercentile(mergeTimes, 50),
    merged: mergeTimes.length,
  };
}

function countActions(
  actions: readonly DigestAction[],
  kind: DigestAction["kind"],
  period: DigestPeriod,
): number {
  return actions.filter((a) => a.kind === kind && within(a.performedAt, period)).length;
}

/** Every metric of `period` over the input's PRs and actions. */
export function periodStats(
  input: DigestInput,
  period: DigestPeriod,
  meter: WorkingTimeMeter,
): PeriodStats {
  const prs = input.pullRequests;
  const opened = prs.filter((pr) => within(pr.createdAt, period)).length;
  const reviewTimes = firstReviewTimes(prs, period, meter);
  return {
    opened,
    merged: prs.filter((pr) => within(pr.mergedAt, period)).length,
    closedUnmerged: prs.filter((pr) => pr.mergedAt === null && within(pr.closedAt, period)).length,
    firstReviewMedian: durationPercentile(reviewTimes, 50),
    firstReviewP90: durationPercentile(reviewTimes, 90),
    cycleTimeMedian: durationPercentile(cycleTimes(prs, period, meter), 50),
    firstReviewCompliance: compliance(prs, firstReviewClock, period, meter),
    resolutionCompliance: compliance(prs, resolutionClock, period, meter),
    reminders: countActions(input.actions, "reminder", period),
    escalations: countActions(input.actions, "escalation", period),
    authorNudges: countActions(input.actions, "nudge", period),
    aiAssisted: groupStats(
      prs.filter((pr) => pr.aiAssisted),
      opened,
      period,
      meter,
    ),
    rest: groupStats(
      prs.filter((pr) => !pr.aiAssisted),
      opened,
      period,
      meter,
    ),
  };
}

/** Open PRs at the end of the period waiting on their authors (changes, merge) or on reviewers. */
export function waitingAtPeriodEnd(prs: readonly DigestPullRequest[]): {
  onAuthors: number;
  onReviewers: number;
} {
  const turns = prs.map((pr) => pr.turnAtPeriodEnd);
  return {
    onAuthors: turns.filter((t) => t === "author" || t === "merge").length,
    onReviewers: turns.filter((t) => t === "reviewers").length,
  };
}
