// One PR's figures as the weekly trends need them, measured once in the team calendar: working
// time to the first review and to the merge, and for each SLA the instant its deadline ran out
// and whether it was met. The digest's definitions (`digest/sla-compliance.ts`) decide each one.
import type { DateTime } from "luxon";
import { addWorkingTime, measureWorkingTime } from "../clock/calendar.js";
import type { ClockMode, TeamCalendar } from "../clock/calendar.js";
import type { DigestPullRequest } from "../digest/input.js";
import { firstReviewClock, resolutionClock } from "../digest/sla-compliance.js";
import type { SlaClock, SlaOutcome } from "../digest/sla-compliance.js";

/** An SLA's deadline and outcome; `outcome` null: closed before the deadline, nothing owed. */
export interface SlaFigure {
  dueAt: DateTime;
  outcome: SlaOutcome | null;
}

export interface PullRequestFigures {
  pullRequestId: number;
  repositoryId: number;
  /** Lower-case login. */
  author: string;
  createdAt: DateTime;
  readyAt: DateTime;
  closedAt: DateTime | null;
  firstReviewAt: DateTime | null;
  mergedAt: DateTime | null;
  aiAssisted: boolean;
  /** False for an open draft or an exempt PR, which SLA compliance leaves out. */
  counted: boolean;
  firstReviewMs: number | null;
  cycleMs: number | null;
  firstReviewSla: SlaFigure | null;
  resolutionSla: SlaFigure | null;
  /** Names the calendar and config the figures were measured with. */
  fingerprint: string;
}

/**
 * The part of a PR's figures the weekly trends read, instants as Unix milliseconds: a page reads
 * thousands of these, and needs no calendar arithmetic on them.
 */
export interface TrendFigures {
  aiAssisted: boolean;
  counted: boolean;
  firstReviewAt: number | null;
  firstReviewMs: number | null;
  mergedAt: number | null;
  cycleMs: number | null;
  firstReviewDueAt: number | null;
  firstReviewOutcome: SlaOutcome | null;
  resolutionDueAt: number | null;
  resolutionOutcome: SlaOutcome | null;
}

const millis = (at: DateTime | null) => (at === null ? null : at.toMillis());

export function trendFigures(f: PullRequestFigures): TrendFigures {
  return {
    aiAssisted: f.aiAssisted,
    counted: f.counted,
    firstReviewAt: millis(f.firstReviewAt),
    firstReviewMs: f.firstReviewMs,
    mergedAt: millis(f.mergedAt),
    cycleMs: f.cycleMs,
    firstReviewDueAt: millis(f.firstReviewSla?.dueAt ?? null),
    firstReviewOutcome: f.firstReviewSla?.outcome ?? null,
    resolutionDueAt: millis(f.resolutionSla?.dueAt ?? null),
    resolutionOutcome: f.resolutionSla?.outcome ?? null,
  };
}

export interface FigureClock {
  calendar: TeamCalendar;
  clockMode: ClockMode;
}

function span(from: DateTime, to: DateTime, clock: FigureClock): number {
  return measureWorkingTime(from, to, clock.calendar, clock.clockMode).toMillis();
}

/**
 * The deadline is the earliest instant with the SLA's working time behind it, so "less than the
 * SLA elapsed at a week's start, at least the SLA by its end" is "the deadline lies in
 * (start, end]". The outcome follows `slaOutcome` and does not depend on the week.
 */
export function slaFigure(sla: SlaClock, clock: FigureClock): SlaFigure | null {
  const slaMs = sla.sla.toMillis();
  if (slaMs <= 0) return null;
  const dueAt = addWorkingTime(sla.readyAt, sla.sla, clock.calendar, clock.clockMode);
  if (sla.satisfiedAt !== null && span(sla.readyAt, sla.satisfiedAt, clock) <= slaMs) {
    return { dueAt, outcome: "met" };
  }
  if (sla.releasedAt !== null && span(sla.readyAt, sla.releasedAt, clock) < slaMs) {
    return { dueAt, outcome: null };
  }
  return { dueAt, outcome: "missed" };
}

/** Measures a PR as the digest defines it (see `toDigestPullRequest`). */
export function measurePullRequest(
  pr: DigestPullRequest,
  ids: { pullRequestId: number; repositoryId: number; fingerprint: string },
  clock: FigureClock,
): PullRequestFigures {
  return {
    ...ids,
    author: pr.author.toLowerCase(),
    createdAt: pr.createdAt,
    readyAt: pr.readyAt,
    closedAt: pr.closedAt,
    firstReviewAt: pr.firstReviewAt,
    mergedAt: pr.mergedAt,
    aiAssisted: pr.aiAssisted,
    counted: !((pr.open && pr.draft) || pr.exempt),
    firstReviewMs: pr.firstReviewAt === null ? null : span(pr.readyAt, pr.firstReviewAt, clock),
    cycleMs: pr.mergedAt === null ? null : span(pr.readyAt, pr.mergedAt, clock),
    firstReviewSla: slaFigure(firstReviewClock(pr), clock),
    resolutionSla: slaFigure(resolutionClock(pr), clock),
  };
}
