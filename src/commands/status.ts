// The reply to `/review-sla status`: whose turn it is, since when, the deadlines and why. Written
// from the SLA core's own turn and planned actions, so it says what the sweep will do. Pure.
import type { DateTime } from "luxon";
import type { TeamCalendar } from "../clock/calendar.js";
import { inlineCode } from "../comments/escape.js";
import { marker } from "../comments/markers.js";
import { formatDuration } from "../config/duration.js";
import { evaluatePullRequest, plannedActions } from "../sla/policy.js";
import type { SlaRules, Turn } from "../sla/policy.js";
import type { PullRequestState } from "../sla/pull-request.js";
import { teamTime } from "./snooze.js";

/** The marker of a PR's one status comment, updated in place by later `status` commands. */
export function statusMarker(pr: Pick<PullRequestState, "repositoryId" | "number">): string {
  return marker("status", { pr: `${pr.repositoryId}/${pr.number}` });
}

const NOBODY_WHY: Record<string, string> = {
  closed: "the pull request is closed",
  draft: "it is a draft",
  "skipped-author": "its author is exempt (skip_authors)",
  "skipped-label": "it carries a skip label (skip_labels)",
  paused: "it carries a pause label (pause_labels)",
  "no-request": "no review is requested",
};

function turnLine(turn: Turn, pr: PullRequestState, zone: string): string {
  const pending = pr.requests
    .filter((r) => r.removedAt === null && r.satisfiedAt === null)
    .map((r) => inlineCode(r.reviewer.type === "user" ? r.reviewer.login : r.reviewer.slug));
  switch (turn.whose) {
    case "nobody":
      return `**Whose turn:** nobody's: ${NOBODY_WHY[turn.why] ?? turn.why}.`;
    case "reviewers":
      return `**Whose turn:** the reviewers' (${pending.join(", ")}) since ${teamTime(turn.since, zone)}: a requested review has not come yet.`;
    case "author":
      return `**Whose turn:** the author's (${inlineCode(pr.author)}) since ${teamTime(turn.since, zone)}: changes were requested.`;
    case "merge":
      return `**Whose turn:** ready to merge since ${teamTime(turn.since, zone)}: the requested reviews are in.`;
  }
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
  const { pr, rules, calendar, now, done } = input;
  const zone = calendar.zone;
  const { turn } = evaluatePullRequest(pr, rules, calendar, now, done);
  const lines = [
    statusMarker(pr),
    `### Review SLA status (as of ${teamTime(now, zone)})`,
    "",
    `- ${turnLine(turn, pr, zone)}`,
  ];
  for (const action of plannedActions(pr, rules, calendar)) {
    const what = action.kind === "reminder" ? "First review" : "Resolution";
    const state = done.has(action.key)
      ? action.kind === "reminder"
        ? "reminder sent"
        : "escalated"
      : `${action.kind} ${action.dueAt <= now ? "due now" : `at ${teamTime(action.dueAt, zone)}`}`;
    lines.push(
      `- **${what} due:** ${teamTime(action.deadline, zone)} (${formatDuration(action.sla)}, ${action.clock} clock): ${state}.`,
    );
  }
  if (pr.snoozedUntil && pr.snoozedUntil > now)
    lines.push(`- **Snoozed** until ${teamTime(pr.snoozedUntil, zone)}: no reminder before then.`);
  return lines.join("\n");
}
