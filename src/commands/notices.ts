// The short texts that make every command visible: the comment on the PR, and the line that
// replaces a Slack message's buttons. Pure; logins are shown as inert code unless a ping is meant.
import type { DateTime } from "luxon";
import { inlineCode } from "../comments/escape.js";
import { marker } from "../comments/markers.js";
import { mention } from "../comments/sla-comments.js";
import { teamTime } from "./snooze.js";

export type Done =
  | { name: "claim"; login: string; released: readonly string[] }
  | { name: "reassign"; login: string; to: string; reason: string }
  | { name: "snooze"; login: string; until: DateTime; zone: string }
  | { name: "pause" | "resume"; login: string; label: string };

/** The PR comment saying who did what (and until when); carries the command's key. */
export function noticeComment(done: Done, key: string): string {
  const who = inlineCode(done.login);
  let text: string;
  switch (done.name) {
    case "claim":
      text =
        `${who} claimed this review.` +
        (done.released.length > 0
          ? ` Released: ${done.released.map((l) => inlineCode(l)).join(", ")}.`
          : "") +
        " The SLA clock keeps running.";
      break;
    case "reassign":
      text = `${who} passed their review to ${mention(done.to)} (${done.reason}).`;
      break;
    case "snooze":
      text = `${who} snoozed reminders, escalations and DMs for this pull request until ${teamTime(done.until, done.zone)}. The clock keeps counting for the digest.`;
      break;
    case "pause":
      text = `${who} paused the review SLA (label ${inlineCode(done.label)}).`;
      break;
    case "resume":
      text = `${who} resumed the review SLA (label ${inlineCode(done.label)} removed); its clocks start again now.`;
      break;
  }
  return `${marker("status", { key })}\n${text}`;
}

/** The line a Slack message shows in place of its buttons once the command is done. */
export function slackDoneLine(done: Done, at: DateTime, zone: string): string {
  const time = at.setZone(zone).toFormat("HH:mm");
  switch (done.name) {
    case "claim":
      return `${done.login} claimed this at ${time}`;
    case "reassign":
      return `${done.login} passed this to ${done.to} at ${time}`;
    case "snooze":
      return `${done.login} snoozed this at ${time} until ${teamTime(done.until, zone)}`;
    case "pause":
    case "resume":
      return `${done.login} ${done.name}d this at ${time}`;
  }
}
