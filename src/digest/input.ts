// What the digest is computed from: plain data the shell reads from the store in a few queries.
// Every instant is a UTC luxon DateTime; every SLA is a working-time luxon Duration.
import type { DateTime, Duration } from "luxon";
import type { ClockMode, TeamCalendar } from "../clock/calendar.js";
import type { DigestPeriod } from "./period.js";

/** Identifies a pull request across the scope's repositories. */
export interface PullRequestRef {
  owner: string;
  repo: string;
  number: number;
}

export interface DigestPullRequest extends PullRequestRef {
  /** As written by the author: untrusted, escaped by the renderers. */
  title: string;
  /** The PR's html_url on GitHub. */
  url: string;
  /** GitHub login of the author. */
  author: string;
  /** Detected as AI-assisted (labels, co-author trailers, agent authors). */
  aiAssisted: boolean;
  /** True while the PR is a draft (drafts are never "breaching"). */
  draft: boolean;
  /** Outside the SLA now: paused, or skipped by label or author (never "breaching", not counted). */
  exempt: boolean;
  /** True while the PR is open. */
  open: boolean;
  createdAt: DateTime;
  /** Last time the PR became ready for review; `createdAt` when it never was a draft. */
  readyAt: DateTime;
  /** First review (any state) by someone other than the author at or after `readyAt`. */
  firstReviewAt: DateTime | null;
  /** First "changes requested" review at or after `readyAt`: it resolves the PR for the SLA. */
  changesRequestedAt: DateTime | null;
  mergedAt: DateTime | null;
  /** Set when the PR was closed, merged or not. */
  closedAt: DateTime | null;
  /** Working time from `readyAt` within which a first review is due (the repo's config). */
  firstReviewSla: Duration;
  /** Working time from `readyAt` within which the PR is merged or gets changes requested. */
  resolutionSla: Duration;
  /** Whose turn it was at the end of the period (`whoseTurn`), when the PR was open then. */
  turnAtPeriodEnd?: "reviewers" | "author" | "merge" | "nobody";
}

/** A reminder, escalation or author nudge the app performed (actions with status done). */
export interface DigestAction {
  kind: "reminder" | "escalation" | "nudge";
  performedAt: DateTime;
}

/** A pending review request for a user on an open PR, as it stands at `now`. */
export interface OpenReviewRequest {
  login: string;
  requestedAt: DateTime;
  pr: PullRequestRef;
}

/** A review submitted during the period. */
export interface SubmittedReview {
  login: string;
  submittedAt: DateTime;
  /** When this reviewer was requested on that PR, if they were; null for drive-by reviews. */
  requestedAt: DateTime | null;
  pr: PullRequestRef;
}

export interface CommandCounts {
  snoozes: number;
  claims: number;
}

export interface DigestInput {
  /** Title of the scope: the installation's account or the configured scope name. */
  scopeName: string;
  /** The week reported on (see `digestPeriod`). */
  period: DigestPeriod;
  /** The week before it, for the changes (see `previousPeriod`). */
  previousPeriod: DigestPeriod;
  /** The instant the digest is computed for (`--at`, or the send time): "breaching now". */
  now: DateTime;
  /** The team calendar working time is measured in; its zone names the days. */
  calendar: TeamCalendar;
  /** How elapsed time is counted: calendar time, working days, or working hours only. */
  clockMode: ClockMode;
  /**
   * Every PR of the scope created before `now` and not closed before `previousPeriod.start`:
   * one query over pull_requests joined with their first review and first changes-requested.
   * Events after `now` may be present (`digest --at` a past time); the digest ignores them.
   */
  pullRequests: readonly DigestPullRequest[];
  /** Reminders, escalations and author nudges performed from `previousPeriod.start` to `period.end`. */
  actions: readonly DigestAction[];
  /** Pending user review requests on the scope's open PRs at `now`. */
  openRequests: readonly OpenReviewRequest[];
  /** Reviews submitted during `period` on the scope's PRs (others are ignored). */
  reviews: readonly SubmittedReview[];
  /** GitHub login → Slack user ID (`U…`/`W…`), from `people.<login>.slack` or a lookup. */
  slackUsers: ReadonlyMap<string, string>;
  /** Logins the shell already knows have no Slack user; listed once in the footer. */
  unmappedLogins: readonly string[];
  /** PR commands performed during `period` (`/review-sla snooze`, `claim`, and Slack's buttons). */
  commands?: CommandCounts;
  /** `digest.top_n` and `digest.breaches_limit`. */
  limits: { topReviewers: number; breaches: number };
}
