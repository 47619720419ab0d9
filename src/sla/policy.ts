// The SLA policy: from a PR's history, its rules and `now`, which actions are due and when
// the next one will be. Pure: the caller supplies the time and what was already done.
import type { DateTime, Duration } from "luxon";
import { addWorkingTime, nextAllowedMoment } from "../clock/calendar.js";
import type { ClockMode, QuietHours, TeamCalendar } from "../clock/calendar.js";
import { currentCycle } from "./cycle.js";
import type { ReviewCycle } from "./cycle.js";
import { exemptionOf } from "./exemptions.js";
import type { Exemption, ExemptionRules } from "./exemptions.js";
import { slaFor } from "./overrides.js";
import type { SlaDurations } from "./overrides.js";
import type { PullRequestState, Reviewer } from "./pull-request.js";

export interface SlaRules extends ExemptionRules {
  clock: ClockMode;
  sla: SlaDurations;
  escalation: { to: readonly string[] };
  quiet_hours: QuietHours;
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
  | (ActionBase & { kind: "escalation"; targets: string[]; reviewers: Reviewer[] });

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

function turnOf(pr: PullRequestState, rules: SlaRules, cycle: ReviewCycle | null): Turn {
  const exemption = exemptionOf(pr, rules);
  if (exemption) return { whose: "nobody", why: exemption };
  if (!cycle) return { whose: "nobody", why: "no-request" };
  if (cycle.changesRequestedAt) return { whose: "author", since: cycle.changesRequestedAt };
  if (cycle.pendingReviewers.length > 0) return { whose: "reviewers", since: cycle.startedAt };
  if (cycle.firstReviewAt) return { whose: "merge", since: cycle.firstReviewAt };
  return { whose: "nobody", why: "no-request" };
}

/** Every SLA action the current cycle will need, with its due time (done or not). */
export function plannedActions(
  pr: PullRequestState,
  rules: SlaRules,
  calendar: TeamCalendar,
): SlaAction[] {
  const cycle = currentCycle(pr);
  const turn = turnOf(pr, rules, cycle);
  if (!cycle || turn.whose === "nobody" || turn.whose === "author") return [];
  const durations = slaFor(pr, rules.sla);
  const actions: SlaAction[] = [];
  const schedule = (sla: Duration) => {
    const deadline = addWorkingTime(cycle.startedAt, sla, calendar, rules.clock);
    const allowed = nextAllowedMoment(deadline, calendar, rules.quiet_hours);
    // A snoozed PR's actions wait for the snooze to end (the deadline itself does not move).
    const snoozed = pr.snoozedUntil ?? null;
    const dueAt =
      snoozed !== null && snoozed > allowed
        ? nextAllowedMoment(snoozed, calendar, rules.quiet_hours)
        : allowed;
    return { deadline, dueAt, cycle: cycle.index, sla, clock: rules.clock };
  };
  if (cycle.firstReviewAt === null && cycle.pendingReviewers.length > 0) {
    actions.push({
      kind: "reminder",
      key: actionKey(pr, "reminder", cycle.index, "first_review"),
      reviewers: cycle.pendingReviewers,
      ...schedule(durations.firstReview),
    });
  }
  actions.push({
    kind: "escalation",
    key: actionKey(pr, "escalation", cycle.index, "resolution"),
    targets: [...rules.escalation.to],
    reviewers: cycle.pendingReviewers,
    ...schedule(durations.resolution),
  });
  return actions;
}

/** What is due at `now` and not yet in `done` (action keys), and when the next action falls. */
export function evaluatePullRequest(
  pr: PullRequestState,
  rules: SlaRules,
  calendar: TeamCalendar,
  now: DateTime,
  done: ReadonlySet<string>,
): Evaluation {
  const turn = turnOf(pr, rules, currentCycle(pr));
  const open = plannedActions(pr, rules, calendar).filter((a) => !done.has(a.key));
  const ready = open.filter((a) => a.dueAt <= now);
  const escalating = ready.some((a) => a.kind === "escalation");
  const superseded = escalating ? ready.filter((a) => a.kind === "reminder") : [];
  const due = escalating ? ready.filter((a) => a.kind !== "reminder") : ready;
  const later = open.filter((a) => a.dueAt > now).map((a) => a.dueAt);
  const nextAt = later.length === 0 ? null : later.reduce((a, b) => (b < a ? b : a));
  return { turn, due, superseded, nextAt };
}
