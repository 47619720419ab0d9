// Whose turn it is, in words: the "Review SLA" check run's title, summary and details, and the
// output of `review-sla explain`. Logins are shown only as validated mentions or inert code.
import type { DateTime } from "luxon";
import { measureWorkingTime } from "../clock/calendar.js";
import type { ClockMode, TeamCalendar } from "../clock/calendar.js";
import type { PullRequestState } from "../sla/pull-request.js";
import type { HistoryEntry } from "../sla/turn-history.js";
import type { Deadline, TurnReason, TurnState } from "../sla/turn.js";
import { mention, reviewerHandle } from "./sla-comments.js";

export interface TurnTextContext {
  pr: PullRequestState;
  calendar: TeamCalendar;
  clock: ClockMode;
  now: DateTime;
}

/** Why it is this turn, in a sentence's words: `explain` and the `status` comment. */
export const TURN_WHY: Record<TurnReason, string> = {
  closed: "the pull request is closed",
  draft: "the pull request is a draft",
  "skipped-author": "its author is in skip_authors",
  "skipped-label": "it carries a label in skip_labels",
  paused: "it carries a label in pause_labels",
  "no-request": "no person's review is requested",
  "awaiting-first-review": "a review was requested and no person has reviewed yet",
  "awaiting-review": "a person was requested again after a review",
  "changes-requested": "a reviewer requested changes and the author has not pushed or replied",
  "author-responded":
    "the author answered the requested changes; the reviewers who asked look again",
  commented: "reviewers commented without approving; nobody else is requested",
  approved: "a reviewer approved and nobody else is requested",
};

function waitingOn(
  turn: TurnState,
  pr: PullRequestState,
  handle: (login: string) => string,
): string {
  return turn.waitingOn.map((r) => handle(reviewerHandle(pr.owner, r))).join(", ");
}

/**
 * One line: whose turn and what for. People are mentioned (`@login`) unless `handle` says
 * otherwise: a comment that should notify nobody passes inline code.
 */
export function turnHeadline(
  turn: TurnState,
  pr: PullRequestState,
  handle: (login: string) => string = mention,
): string {
  const who = waitingOn(turn, pr, handle);
  switch (turn.why) {
    case "awaiting-first-review":
      return `Waiting on ${who} for a first review`;
    case "awaiting-review":
      return `Waiting on ${who} for a review`;
    case "author-responded":
      return `Waiting on ${who} to review the author's update`;
    case "changes-requested":
      return `Waiting on ${who} (author) to address the requested changes`;
    case "commented":
      return `Waiting on ${who} (author) to answer the review`;
    case "approved":
      return `Approved — waiting on ${who} (author) to merge`;
    case "closed":
      return pr.merged ? "Merged" : "Closed";
    case "draft":
      return "Draft: no review SLA until it is ready for review";
    case "paused":
      return "Paused by a label: the SLA clocks are stopped";
    case "skipped-author":
    case "skipped-label":
      return "Exempt from the review SLA";
    case "no-request":
      return "No review requested: nobody's turn";
  }
}

export function formatWhen(at: DateTime, zone: string): string {
  return `${at.setZone(zone).toFormat("ccc d LLL HH:mm")} (${zone})`;
}

function leftPhrase(deadline: Deadline, ctx: TurnTextContext): string {
  if (ctx.now >= deadline.at) return "overdue";
  const left = measureWorkingTime(ctx.now, deadline.at, ctx.calendar, ctx.clock);
  const hours = Math.round(left.as("hours") * 10) / 10;
  const unit = ctx.clock === "calendar" ? "hours" : "working hours";
  return `${hours} ${hours === 1 ? unit.replace("hours", "hour") : unit} left`;
}

/** The turn's next deadline, with the time left in the team's working time. */
export function deadlinePhrase(deadline: Deadline, ctx: TurnTextContext): string {
  return `due ${formatWhen(deadline.at, ctx.calendar.zone)}, ${leftPhrase(deadline, ctx)}`;
}

/** "Waiting on @gus for a first review — due Mon 23 Nov 18:30 (Europe/Berlin), 5 working hours left" */
export function turnSentence(turn: TurnState, ctx: TurnTextContext): string {
  const headline = turnHeadline(turn, ctx.pr);
  const next = turn.deadlines[0];
  return next ? `${headline} — ${deadlinePhrase(next, ctx)}` : headline;
}

const STEP_WORDS: Record<HistoryEntry["what"], string> = {
  requested: "review requested from",
  "first-review": "first review by",
  commented: "commented:",
  "changes-requested": "changes requested by",
  pushed: "the author pushed",
  approved: "approved by",
};

function whoText(entry: HistoryEntry, pr: PullRequestState): string {
  if (entry.who === null) return "";
  const handle = entry.who.startsWith("team:")
    ? `${pr.owner}/${entry.who.slice("team:".length)}`
    : entry.who;
  return ` ${mention(handle).replace(/^@/, "")}`;
}

/** The history as a Markdown list, cycle by cycle (no pings: logins without "@"). */
export function historyMarkdown(history: readonly HistoryEntry[], ctx: TurnTextContext): string {
  if (history.length === 0) return "No review history yet.";
  const lines: string[] = [];
  let cycle = -1;
  for (const entry of history) {
    if (entry.cycle !== cycle) {
      cycle = entry.cycle;
      lines.push("", cycle === 0 ? "**Before any request**" : `**Cycle ${cycle}**`);
    }
    const when = formatWhen(entry.at, ctx.calendar.zone);
    lines.push(`- ${when}: ${STEP_WORDS[entry.what]}${whoText(entry, ctx.pr)}`);
  }
  return lines.join("\n").trim();
}
