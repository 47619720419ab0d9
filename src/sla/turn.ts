// Whose turn it is on a pull request: reviewers, author, merge or nobody, since when, until which
// deadlines and why. The one function the sweep, the check run, comments, DMs, the digest and
// `review-sla explain` read. Pure: the history, the rules and the calendar come in as arguments.
import type { DateTime, Duration } from "luxon";
import { addWorkingTime, nextAllowedMoment, nextWorkingHoursStart } from "../clock/calendar.js";
import type { ClockMode, QuietHours, TeamCalendar } from "../clock/calendar.js";
import { currentCycle } from "./cycle.js";
import type { ReviewCycle } from "./cycle.js";
import { exemptionOf } from "./exemptions.js";
import type { Exemption, ExemptionRules } from "./exemptions.js";
import { slaFor } from "./overrides.js";
import type { SlaDurations } from "./overrides.js";
import type { PullRequestState, Reviewer } from "./pull-request.js";

export interface TurnSla {
  author_response: Duration;
  merge_after_approval: Duration;
  ignore_reviewers: readonly string[];
  rerequest_after_push: boolean;
}

/** A person's own calendar where set (`people.<login>`); the team's otherwise. */
export interface PersonHours {
  timezone?: string | undefined;
  working_days?: readonly number[] | undefined;
  working_hours?: { start: number; end: number } | undefined;
}

export interface TurnRules extends ExemptionRules {
  clock: ClockMode;
  sla: SlaDurations & TurnSla;
  quiet_hours: QuietHours;
  people: Readonly<Record<string, PersonHours>>;
}

export type Whose = "reviewers" | "author" | "merge" | "nobody";

export type TurnReason =
  | Exemption
  | "no-request"
  | "awaiting-first-review"
  | "awaiting-review"
  | "changes-requested"
  | "author-responded"
  | "commented"
  | "approved";

export type DeadlineName =
  "first_review" | "resolution" | "author_response" | "merge_after_approval";

export interface Deadline {
  name: DeadlineName;
  sla: Duration;
  /** The SLA deadline in working time (the team's calendar and clock). */
  at: DateTime;
  /** When a ping about it may go out: out of quiet hours (and into the author's hours). */
  pingAt: DateTime;
}

/** One step of the PR's review history, for the check run's details and `explain`. */
export interface HistoryEntry {
  at: DateTime;
  cycle: number;
  what: "requested" | "first-review" | "changes-requested" | "pushed" | "approved";
  who: string | null;
}

export interface TurnState {
  whose: Whose;
  why: TurnReason;
  /** When the turn began; null for nobody. */
  since: DateTime | null;
  /** Whom the turn waits on: requested people (reviewers), the author (author, merge), nobody. */
  waitingOn: Reviewer[];
  /** Deadlines of this turn, earliest first. */
  deadlines: Deadline[];
  cycle: ReviewCycle | null;
}

function personCalendarOf(rules: TurnRules, calendar: TeamCalendar, login: string) {
  const key = login.replace(/^@/, "").toLowerCase();
  const person = Object.hasOwn(rules.people, key) ? rules.people[key] : undefined;
  if (!person) return null;
  return {
    zone: person.timezone ?? calendar.zone,
    workingDays: person.working_days ?? calendar.workingDays,
    workingHours: person.working_hours ?? calendar.workingHours,
    holidays: calendar.holidays,
  };
}

function deadline(
  name: DeadlineName,
  start: DateTime,
  sla: Duration,
  ctx: { rules: TurnRules; calendar: TeamCalendar; author: string | null },
): Deadline {
  const at = addWorkingTime(start, sla, ctx.calendar, ctx.rules.clock);
  let pingAt = nextAllowedMoment(at, ctx.calendar, ctx.rules.quiet_hours);
  const own = ctx.author ? personCalendarOf(ctx.rules, ctx.calendar, ctx.author) : null;
  if (own) pingAt = nextWorkingHoursStart(pingAt, own);
  return { name, sla, at, pingAt };
}

function latest(times: (DateTime | null | undefined)[]): DateTime | null {
  const set = times.filter((t): t is DateTime => t !== null && t !== undefined);
  return set.length === 0 ? null : set.reduce((a, b) => (b > a ? b : a));
}

/** The author answered changes requested: a push, or a review (a reply in a thread) of their own. */
function authorResponseAt(pr: PullRequestState, changesAt: DateTime): DateTime | null {
  const author = pr.author.toLowerCase();
  const replies = pr.reviews
    .filter((r) => r.reviewer.toLowerCase() === author && r.submittedAt > changesAt)
    .map((r) => r.submittedAt);
  const pushed = pr.pushedAt && pr.pushedAt > changesAt ? pr.pushedAt : null;
  const candidates = [...replies, pushed].filter((t): t is DateTime => t !== null);
  return candidates.length === 0 ? null : candidates.reduce((a, b) => (b < a ? b : a));
}

const nobody = (why: TurnReason, cycle: ReviewCycle | null): TurnState => ({
  whose: "nobody",
  why,
  since: null,
  waitingOn: [],
  deadlines: [],
  cycle,
});

/** Whose turn it is, computed from the PR's history alone: exactly one of four answers. */
export function whoseTurn(
  pr: PullRequestState,
  rules: TurnRules,
  calendar: TeamCalendar,
): TurnState {
  const exemption = exemptionOf(pr, rules);
  const cycle = currentCycle(pr, rules.sla.ignore_reviewers);
  if (exemption) return nobody(exemption, cycle);
  if (!cycle) return nobody("no-request", null);
  const durations = slaFor(pr, rules.sla);
  const author = { type: "user" as const, login: pr.author };
  const team = { rules, calendar, author: null };
  const own = { rules, calendar, author: pr.author };
  const resolution = deadline("resolution", cycle.startedAt, durations.resolution, team);
  if (cycle.changesRequestedAt) {
    const responded = authorResponseAt(pr, cycle.changesRequestedAt);
    if (responded) {
      const again = cycle.changesRequestedBy.map((login) => ({ type: "user" as const, login }));
      return {
        whose: "reviewers",
        why: "author-responded",
        since: responded,
        waitingOn: again,
        deadlines: [],
        cycle,
      };
    }
    const sla = rules.sla.author_response;
    const due = deadline("author_response", cycle.changesRequestedAt, sla, own);
    const since = cycle.changesRequestedAt;
    return {
      whose: "author",
      why: "changes-requested",
      since,
      waitingOn: [author],
      deadlines: [due],
      cycle,
    };
  }
  if (cycle.pendingReviewers.length > 0) {
    const first = cycle.firstReviewAt === null;
    // After a first review, a re-request restarts the reviewers' turn (not the cycle's clocks).
    const since = first ? cycle.startedAt : (latest(cycle.pendingSince) ?? cycle.startedAt);
    const deadlines = first
      ? [deadline("first_review", cycle.startedAt, durations.firstReview, team), resolution]
      : [resolution];
    const why = first ? "awaiting-first-review" : "awaiting-review";
    return { whose: "reviewers", why, since, waitingOn: cycle.pendingReviewers, deadlines, cycle };
  }
  if (cycle.approvedAt) {
    const sla = rules.sla.merge_after_approval;
    const merge = deadline("merge_after_approval", cycle.approvedAt, sla, own);
    const deadlines = [merge, resolution].sort((a, b) => a.at.toMillis() - b.at.toMillis());
    return {
      whose: "merge",
      why: "approved",
      since: cycle.approvedAt,
      waitingOn: [author],
      deadlines,
      cycle,
    };
  }
  if (cycle.firstReviewAt) {
    const since = cycle.firstReviewAt;
    return {
      whose: "author",
      why: "commented",
      since,
      waitingOn: [author],
      deadlines: [resolution],
      cycle,
    };
  }
  return nobody("no-request", cycle);
}

/**
 * Names a state of the turn the check run shows: the head commit it is attached to, whose turn,
 * why, since when, and the deadline found missed (if any). A new name is a transition.
 */
export function turnTransition(
  headSha: string,
  turn: TurnState,
  missed: DeadlineName | null = null,
): string {
  const since = turn.since?.toMillis() ?? 0;
  const base = `${headSha}:${turn.whose}:${turn.why}:${since}`;
  return missed === null ? base : `${base}:missed-${missed}`;
}
