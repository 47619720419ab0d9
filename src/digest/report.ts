// The computed digest: plain data both renderers (Slack blocks, Markdown) read. A null metric
// means "nothing to measure this week" and is shown as "—", never as NaN or zero.
import type { DateTime, Duration } from "luxon";
import type { ClockMode } from "../clock/calendar.js";
import type { CommandCounts, PullRequestRef } from "./input.js";
import type { DigestPeriod } from "./period.js";

/** SLA outcomes of the PRs whose deadline ran out in the period. */
export interface Compliance {
  met: number;
  missed: number;
  /** met / (met + missed) × 100; null when no deadline ran out. */
  percent: number | null;
}

/** Speed of one group of PRs (AI-assisted, or the rest) in one period. */
export interface GroupStats {
  opened: number;
  /** Share of the period's opened PRs, in percent; null when none was opened. */
  share: number | null;
  firstReviewMedian: Duration | null;
  /** PRs of the group first reviewed in the period: what `firstReviewMedian` is taken over. */
  firstReviewed: number;
  cycleTimeMedian: Duration | null;
  /** PRs of the group merged in the period: what `cycleTimeMedian` is taken over. */
  merged: number;
}

export interface PeriodStats {
  opened: number;
  merged: number;
  closedUnmerged: number;
  /** Working time readyAt → first review, over PRs first reviewed in the period. */
  firstReviewMedian: Duration | null;
  firstReviewP90: Duration | null;
  /** Working time readyAt → merge, over PRs merged in the period. */
  cycleTimeMedian: Duration | null;
  firstReviewCompliance: Compliance;
  resolutionCompliance: Compliance;
  reminders: number;
  escalations: number;
  /** Nudges to authors (changes requested unanswered, approved not merged) sent in the period. */
  authorNudges: number;
  aiAssisted: GroupStats;
  rest: GroupStats;
}

export type BreachKind = "first-review" | "resolution";

/** A person a breaching PR waits on, with their Slack user when known. */
export interface WaitingOn {
  login: string;
  slackUserId: string | null;
}

export interface BreachingPullRequest extends PullRequestRef {
  title: string;
  url: string;
  author: string;
  readyAt: DateTime;
  /** Which SLA is past: no first review yet, or not merged and no changes requested. */
  kind: BreachKind;
  /** Working time since `readyAt`, at `now`. */
  waited: Duration;
  /** The SLA that was exceeded. */
  sla: Duration;
  waitingOn: WaitingOn[];
}

export interface ReviewerLoadRow {
  login: string;
  openRequests: number;
  reviewsDone: number;
  /** Median working time request → review over this period's reviews that answered a request. */
  responseMedian: Duration | null;
}

export interface DigestReport {
  scopeName: string;
  period: DigestPeriod;
  previousPeriod: DigestPeriod;
  zone: string;
  clockMode: ClockMode;
  now: DateTime;
  current: PeriodStats;
  previous: PeriodStats;
  /** Oldest first, at most `breaches_limit` items; `total` counts them all. */
  breaching: { items: BreachingPullRequest[]; total: number };
  /** Most open requests first, at most `top_n` rows; `total` counts every reviewer. */
  reviewerLoad: { rows: ReviewerLoadRow[]; total: number };
  /** Logins with no Slack user, each once, sorted. */
  unmappedLogins: string[];
  /** Open PRs at the end of the week by whose turn it was: the author's (incl. merge) or reviewers'. */
  waiting: { onAuthors: number; onReviewers: number };
  /** Snoozes and claims this week, when the shell counted them. */
  commands?: CommandCounts;
}
