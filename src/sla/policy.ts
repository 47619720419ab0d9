// The SLA policy: from a PR's history, its rules and `now`, which actions are due and when
// the next one will be. Pure: the caller supplies the time and what was already done.
import type { DateTime, Duration } from "luxon";
import { nextAllowedMoment } from "../clock/calendar.js";
import type { ClockMode, TeamCalendar } from "../clock/calendar.js";
import type { Exemption } from "./exemptions.js";
import type { PullRequestState, Reviewer } from "./pull-request.js";
import { whoseTurn } from "./turn.js";
import type { Deadline, TurnReason, TurnRules, TurnState } from "./turn.js";

export interface SlaRules extends TurnRules {
  escalation: { to: readonly string[] };
}

interface ActionBase {
  /** Unique per (PR, kind, review cycle, threshold): the same key is never performed twice. */
  key: string;
  /** When it may be performed: the SLA deadline, moved out of quiet hours. */
  dueAt: DateTime;
  /** The SLA deadline itself, before quiet hours. */
  deadline: DateTime;
  cycle: number;
  sla: Duration;
  clock: ClockMode;
}

export type SlaAction =
  | (ActionBase & { kind: "reminder"; reviewers: Reviewer[] })
  | (ActionBase & { kind: "escalation"; targets: string[]; reviewers: Reviewer[] })
  | (ActionBase & {
      kind: "nudge";
      /** `author_response` after changes requested; `merge` after approval. */
      threshold: NudgeThreshold;
      author: string;
      /** Always empty: a nudge speaks to the author only. */
      reviewers: Reviewer[];
    });

export type NudgeThreshold = "author_response" | "merge";

export type Turn =
  | { whose: "nobody"; why: Exemption | "no-request" }
  | { whose: "reviewers"; since: DateTime }
  | { whose: "author"; since: DateTime }
  | { whose: "merge"; since: DateTime };

export interface Evaluation {
  turn: Turn;
  due: SlaAction[];
  /**
   * Reminders overtaken by a due escalation (a PR found long overdue): recorded as done without
   * a comment, so one escalation speaks instead of two comments at once.
   */
  superseded: SlaAction[];
  /** The earliest dueAt among actions not yet due and not done; null when none is planned. */
  nextAt: DateTime | null;
}

/** `reminder:<repoId>/<number>:c<cycle>:first_review` and the like. */
export function actionKey(
  pr: PullRequestState,
  kind: SlaAction["kind"],
  cycle: number,
  threshold: string,
): string {
  return `${kind}:${pr.repositoryId}/${pr.number}:c${cycle}:${threshold}`;
}

/** The turn as the evaluation reports it: whose, and since when (or why nobody's). */
export function turnOf(state: TurnState): Turn {
  if (state.whose === "nobody" || state.since === null) {
    const why = state.why;
    return { whose: "nobody", why: isNobodyReason(why) ? why : "no-request" };
  }
  return { whose: state.whose, since: state.since };
}

function isNobodyReason(why: TurnReason): why is Exemption | "no-request" {
  return ["closed", "draft", "skipped-author", "skipped-label", "paused", "no-request"].includes(
    why,
  );
}

/** When a ping may go out: its allowed moment, or later while the PR is snoozed. */
function pingTime(
  pr: PullRequestState,
  rules: SlaRules,
  calendar: TeamCalendar,
  d: Deadline,
): DateTime {
  // A snoozed PR's actions wait for the snooze to end; the deadline itself does not move.
  const snoozed = pr.snoozedUntil ?? null;
  if (snoozed === null || snoozed <= d.pingAt) return d.pingAt;
  return nextAllowedMoment(snoozed, calendar, rules.quiet_hours);
}

function actionOf(
  pr: PullRequestState,
  state: TurnState,
  rules: SlaRules,
  calendar: TeamCalendar,
  d: Deadline,
): SlaAction {
  const index = state.cycle?.index ?? 0;
  const dueAt = pingTime(pr, rules, calendar, d);
  const base = { deadline: d.at, dueAt, cycle: index, sla: d.sla, clock: rules.clock };
  const reviewers = state.whose === "reviewers" ? state.waitingOn : [];
  switch (d.name) {
    case "first_review":
      return {
        kind: "reminder",
        key: actionKey(pr, "reminder", index, d.name),
        reviewers,
        ...base,
      };
    case "resolution":
      return {
        kind: "escalation",
        key: actionKey(pr, "escalation", index, d.name),
        targets: [...rules.escalation.to],
        reviewers: state.cycle?.pendingReviewers ?? [],
        ...base,
      };
    case "author_response":
    case "merge_after_approval": {
      const threshold = d.name === "author_response" ? "author_response" : "merge";
      const key = actionKey(pr, "nudge", index, threshold);
      return { kind: "nudge", key, threshold, author: pr.author, reviewers: [], ...base };
    }
  }
}

/** Every SLA action the current turn will need, with its due time (done or not). */
export function plannedActions(
  pr: PullRequestState,
  rules: SlaRules,
  calendar: TeamCalendar,
): SlaAction[] {
  return planPullRequest(pr, rules, calendar).planned;
}

/** A PR's turn and every SLA action it will need (done or not): `evaluatePlan`'s input. */
export interface TurnPlan {
  state: TurnState;
  planned: SlaAction[];
}

/** `plannedActions` with the turn they come from, so the keys can be looked up before evaluating. */
export function planPullRequest(
  pr: PullRequestState,
  rules: SlaRules,
  calendar: TeamCalendar,
): TurnPlan {
  const state = whoseTurn(pr, rules, calendar);
  return { state, planned: state.deadlines.map((d) => actionOf(pr, state, rules, calendar, d)) };
}

/** What is due at `now` and not yet in `done` (action keys), and when the next action falls. */
export function evaluatePullRequest(
  pr: PullRequestState,
  rules: SlaRules,
  calendar: TeamCalendar,
  now: DateTime,
  done: ReadonlySet<string>,
): Evaluation {
  return evaluatePlan(planPullRequest(pr, rules, calendar), now, done);
}

/**
 * `evaluatePullRequest` of a plan made beforehand: `done` need only answer for the plan's own
 * keys (those recorded among them), not hold every key the PR's history has.
 */
export function evaluatePlan(
  { state, planned }: TurnPlan,
  now: DateTime,
  done: ReadonlySet<string>,
): Evaluation {
  const turn = turnOf(state);
  const open = planned.filter((a) => !done.has(a.key));
  const ready = open.filter((a) => a.dueAt <= now);
  const escalating = ready.some((a) => a.kind === "escalation");
  const superseded = escalating ? ready.filter((a) => a.kind === "reminder") : [];
  const due = escalating ? ready.filter((a) => a.kind !== "reminder") : ready;
  const later = open.filter((a) => a.dueAt > now).map((a) => a.dueAt);
  const nextAt = later.length === 0 ? null : later.reduce((a, b) => (b < a ? b : a));
  return { turn, due, superseded, nextAt };
}
