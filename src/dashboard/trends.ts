// Weekly trends for the dashboard's charts, computed with the digest's own definitions: SLA
// compliance (the week a deadline ran out), nearest-rank p50/p90 of working time to first review
// and of cycle time, AI-assisted against the rest, and the actions the app performed.
import type { DateTime, Duration } from "luxon";
import type { ClockMode, TeamCalendar } from "../clock/calendar.js";
import type { DigestPullRequest } from "../digest/input.js";
import type { DigestPeriod } from "../digest/period.js";
import { cycleTimes, firstReviewTimes } from "../digest/period-stats.js";
import type { Compliance } from "../digest/report.js";
import { compliance, firstReviewClock, resolutionClock } from "../digest/sla-compliance.js";
import { percentile } from "../digest/statistics.js";
import { within, workingTimeMeter } from "../digest/working-time.js";
import type { WorkingTimeMeter } from "../digest/working-time.js";

export type ActionKind = "reminder" | "escalation" | "nudge";

export interface PerformedAction {
  kind: ActionKind;
  performedAt: DateTime;
}

export interface TrendInput {
  /** Oldest first (see `dashboardWeeks`). */
  weeks: readonly DigestPeriod[];
  calendar: TeamCalendar;
  clockMode: ClockMode;
  /** PRs of the scope open at some point since the first week began. */
  pullRequests: readonly DigestPullRequest[];
  actions: readonly PerformedAction[];
}

/** p50 and p90 in working hours; null when nothing was measured that week. */
export interface Spread {
  p50: number | null;
  p90: number | null;
  count: number;
}

export interface WeekTrend {
  week: DigestPeriod;
  firstReviewCompliance: Compliance;
  resolutionCompliance: Compliance;
  firstReview: { all: Spread; ai: Spread; other: Spread };
  cycleTime: { all: Spread; ai: Spread; other: Spread };
  actions: Record<ActionKind, number>;
}

function hours(ms: number | null): number | null {
  return ms === null ? null : Math.round((ms / 3_600_000) * 100) / 100;
}

/** p50 and p90 (nearest rank, as `durationPercentile`) of durations given in milliseconds. */
export function spreadOfMs(values: readonly number[]): Spread {
  return {
    p50: hours(percentile(values, 50)),
    p90: hours(percentile(values, 90)),
    count: values.length,
  };
}

function spread(durations: readonly Duration[]): Spread {
  return spreadOfMs(durations.map((d) => d.toMillis()));
}

type Measure = (
  prs: readonly DigestPullRequest[],
  week: DigestPeriod,
  meter: WorkingTimeMeter,
) => Duration[];

function split(
  measure: Measure,
  groups: { all: DigestPullRequest[]; ai: DigestPullRequest[]; other: DigestPullRequest[] },
  week: DigestPeriod,
  meter: WorkingTimeMeter,
) {
  return {
    all: spread(measure(groups.all, week, meter)),
    ai: spread(measure(groups.ai, week, meter)),
    other: spread(measure(groups.other, week, meter)),
  };
}

/**
 * Measures every instant once, oldest first: the meter caches offsets in a sorted list, and
 * appending in order keeps that list cheap to grow (a page over thousands of PRs).
 */
function warmedMeter(input: TrendInput, anchor: DateTime): WorkingTimeMeter {
  const meter = workingTimeMeter(input, anchor);
  const instants = input.pullRequests
    .flatMap((pr) => [
      pr.readyAt,
      pr.firstReviewAt,
      pr.mergedAt,
      pr.changesRequestedAt,
      pr.closedAt,
    ])
    .filter((at): at is DateTime => at !== null && at >= anchor)
    .map((at) => at.toMillis())
    .sort((a, b) => a - b);
  for (const week of input.weeks) instants.push(week.start.toMillis(), week.end.toMillis());
  for (const ms of instants.sort((a, b) => a - b)) {
    meter.between(anchor, anchor.plus(ms - anchor.toMillis()));
  }
  return meter;
}

/** One row per week, oldest first. */
export function weeklyTrends(input: TrendInput): WeekTrend[] {
  const anchor = input.weeks[0]?.start;
  if (anchor === undefined) return [];
  const meter = warmedMeter(input, anchor);
  const all = [...input.pullRequests];
  const groups = {
    all,
    ai: all.filter((pr) => pr.aiAssisted),
    other: all.filter((pr) => !pr.aiAssisted),
  };
  return input.weeks.map((week) => {
    const counted = (kind: ActionKind) =>
      input.actions.filter((a) => a.kind === kind && within(a.performedAt, week)).length;
    return {
      week,
      firstReviewCompliance: compliance(all, firstReviewClock, week, meter),
      resolutionCompliance: compliance(all, resolutionClock, week, meter),
      firstReview: split(firstReviewTimes, groups, week, meter),
      cycleTime: split(cycleTimes, groups, week, meter),
      actions: {
        reminder: counted("reminder"),
        escalation: counted("escalation"),
        nudge: counted("nudge"),
      },
    };
  });
}
