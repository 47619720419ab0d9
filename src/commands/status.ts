// The reply to `/review-sla status`: whose turn it is, since when, the deadlines and why. Written
// from `whoseTurn` and the words `review-sla explain` uses, so it says what the sweep will do.
// Pure. Logins are inline code: asking for the status notifies nobody.
import type { DateTime } from "luxon";
import type { TeamCalendar } from "../clock/calendar.js";
import { inlineCode } from "../comments/escape.js";
import { marker } from "../comments/markers.js";
import { TURN_WHY, deadlinePhrase, formatWhen, turnHeadline } from "../comments/turn-text.js";
import { formatDuration } from "../config/duration.js";
import { plannedActions } from "../sla/policy.js";
import type { SlaAction, SlaRules } from "../sla/policy.js";
import type { PullRequestState } from "../sla/pull-request.js";
import { whoseTurn } from "../sla/turn.js";
import type { Deadline, TurnState } from "../sla/turn.js";

/** The marker of a PR's one status comment, updated in place by later `status` commands. */
export function statusMarker(pr: Pick<PullRequestState, "repositoryId" | "number">): string {
  return marker("status", { pr: `${pr.repositoryId}/${pr.number}` });
}

const DEADLINE_NAMES: Record<Deadline["name"], string> = {
  first_review: "First review",
  resolution: "Resolution",
  author_response: "Author response",
  merge_after_approval: "Merge after approval",
};

const WHOSE: Record<TurnState["whose"], string> = {
  reviewers: "the reviewers'",
  author: "the author's",
  merge: "the author's, to merge",
  nobody: "nobody's",
};

const PING_DONE: Record<SlaAction["kind"], string> = {
  reminder: "reminder sent",
  escalation: "escalated",
  nudge: "author nudged",
};

function pingPhrase(action: SlaAction | undefined, input: StatusInput): string {
  if (!action) return "";
  if (input.done.has(action.key)) return `; ${PING_DONE[action.kind]}`;
  if (action.dueAt <= input.now) return `; ${action.kind} due now`;
  return `; ${action.kind} at ${formatWhen(action.dueAt, input.calendar.zone)}`;
}

export interface StatusInput {
  pr: PullRequestState;
  rules: SlaRules;
  calendar: TeamCalendar;
  now: DateTime;
  /** Keys of SLA actions already performed. */
  done: ReadonlySet<string>;
}

/** The status comment's body. */
export function renderStatus(input: StatusInput): string {
  const { pr, rules, calendar, now } = input;
  const zone = calendar.zone;
  const turn = whoseTurn(pr, rules, calendar);
  // `plannedActions` maps the turn's deadlines one to one, in order.
  const planned = plannedActions(pr, rules, calendar);
  const ctx = { pr, calendar, clock: rules.clock, now };
  const since = turn.since ? ` since ${formatWhen(turn.since, zone)}` : "";
  const lines = [
    statusMarker(pr),
    `### Review SLA status (as of ${formatWhen(now, zone)})`,
    "",
    `- **Whose turn:** ${WHOSE[turn.whose]}${since}: ${turnHeadline(turn, pr, inlineCode)}.`,
    `- **Why:** ${TURN_WHY[turn.why]}.`,
  ];
  if (turn.deadlines.length === 0) lines.push("- **Deadlines:** none.");
  turn.deadlines.forEach((d, i) => {
    const name = DEADLINE_NAMES[d.name];
    lines.push(
      `- **${name}** (${formatDuration(d.sla)}, ${rules.clock} clock): ${deadlinePhrase(d, ctx)}${pingPhrase(planned[i], input)}.`,
    );
  });
  if (pr.snoozedUntil && pr.snoozedUntil > now)
    lines.push(
      `- **Snoozed** until ${formatWhen(pr.snoozedUntil, zone)}: no reminder before then.`,
    );
  return lines.join("\n");
}
