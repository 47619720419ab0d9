// The text of reminder and escalation comments. Mentions are built only from validated GitHub
// logins and team slugs; anything else is shown as inert code.
import type { Duration } from "luxon";
import { formatDuration } from "../config/duration.js";
import type { ClockMode } from "../clock/calendar.js";
import type { Reviewer } from "../sla/pull-request.js";
import { inlineCode } from "./escape.js";
import { marker } from "./markers.js";

const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
const TEAM = /^[A-Za-z0-9](?:[A-Za-z0-9-]){0,38}\/[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** `@login` or `@org/team` when the name is a valid GitHub handle; inert code otherwise. */
export function mention(handle: string): string {
  const bare = handle.replace(/^@/, "");
  return LOGIN.test(bare) || TEAM.test(bare) ? `@${bare}` : inlineCode(bare);
}

export function reviewerHandle(owner: string, reviewer: Reviewer): string {
  return reviewer.type === "user" ? reviewer.login : `${owner}/${reviewer.slug}`;
}

function clockPhrase(sla: Duration, clock: ClockMode): string {
  const amount = formatDuration(sla);
  switch (clock) {
    case "calendar":
      return amount;
    case "workdays":
      return `${amount} on working days`;
    case "working-hours":
      return `${amount} of working hours`;
  }
}

export interface ReminderText {
  key: string;
  owner: string;
  reviewers: readonly Reviewer[];
  /** Logins (lower case) of requested reviewers who are away: named, never pinged. */
  away?: ReadonlySet<string>;
  sla: Duration;
  clock: ClockMode;
}

function isAway(input: ReminderText, reviewer: Reviewer): boolean {
  return reviewer.type === "user" && (input.away?.has(reviewer.login.toLowerCase()) ?? false);
}

export function renderReminder(input: ReminderText): string {
  const present = input.reviewers.filter((r) => !isAway(input, r));
  const away = input.reviewers.filter((r) => isAway(input, r));
  const lines = [
    marker("reminder", { key: input.key }),
    `**Review reminder:** this pull request has waited more than ${clockPhrase(input.sla, input.clock)} for a first review, past its first-review SLA.`,
    "",
  ];
  if (present.length > 0) {
    const who = present.map((r) => mention(reviewerHandle(input.owner, r)));
    lines.push(`${who.join(" ")} — could you take a look, or hand it to someone who can?`);
  }
  if (away.length > 0) {
    const names = away.map((r) => inlineCode(reviewerHandle(input.owner, r))).join(", ");
    lines.push(
      present.length > 0
        ? `Also requested, but away: ${names}.`
        : `Everyone requested is away (${names}): please request review from someone else.`,
    );
  }
  return lines.join("\n");
}

export interface EscalationText extends ReminderText {
  targets: readonly string[];
}

export function renderEscalation(input: EscalationText): string {
  const waitingOn = input.reviewers.map((r) => mention(reviewerHandle(input.owner, r)));
  const targets = input.targets.map(mention);
  const lines = [
    marker("escalation", { key: input.key }),
    `**Escalation:** this pull request has gone more than ${clockPhrase(input.sla, input.clock)} without being merged or getting changes requested, past its resolution SLA.`,
    "",
  ];
  if (targets.length > 0) lines.push(`${targets.join(" ")} — please help unblock it.`);
  if (waitingOn.length > 0) lines.push(`Still waiting on: ${waitingOn.join(" ")}.`);
  if (targets.length === 0 && waitingOn.length === 0) {
    lines.push("Nobody is waiting on a review: it may be ready to merge, or to close.");
  }
  return lines.join("\n");
}

export interface NudgeText {
  key: string;
  author: string;
  threshold: "author_response" | "merge";
  sla: Duration;
  clock: ClockMode;
}

/** The one nudge of a cycle to the author: answer the requested changes, or merge the approval. */
export function renderNudge(input: NudgeText): string {
  const who = mention(input.author);
  const waited = clockPhrase(input.sla, input.clock);
  const text =
    input.threshold === "author_response"
      ? `**Your turn:** changes were requested more than ${waited} ago. ${who} — could you push an update or reply to the review? Reviewers are asked again once you push.`
      : `**Ready to merge?** this pull request was approved more than ${waited} ago and is not merged yet. ${who} — merge it, or say what it is waiting for.`;
  return [marker("nudge", { key: input.key }), text].join("\n");
}
