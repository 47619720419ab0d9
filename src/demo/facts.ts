// What the demo saw happen, one fact per line of the timeline: who did what, when. Facts about
// the app are read from what the stand-ins received, never written in advance.
import type { DateTime } from "luxon";
import { ZONE } from "./scenario.js";

export type FactKind =
  | "person"
  | "state"
  | "review-request"
  | "review-request-removed"
  | "comment:assignment"
  | "comment:checklist"
  | "comment:reminder"
  | "comment:escalation"
  | "comment:nudge"
  | "comment:other"
  | "comment-update"
  | "check-run"
  | "check-run-update"
  | "slack:dm"
  | "slack:escalation"
  | "slack:digest"
  | "slack:other"
  | "quiet";

export interface Fact {
  at: DateTime;
  kind: FactKind;
  text: string;
  /** The full text behind a summary (a comment's body, a Slack message), shown with --verbose. */
  detail?: string;
}

/** "Fri 20 Nov 18:30", in the team's zone. */
export function formatWhen(at: DateTime): string {
  return at.setZone(ZONE).setLocale("en-GB").toFormat("ccc dd LLL HH:mm");
}

/** Markdown as a reader sees it: no escapes, code spans or bold markers. */
export function plainMarkdown(text: string): string {
  return text
    .replace(/\\([\\`*_{}[\]()#+\-.!<>|~])/g, "$1")
    .replace(/`/g, "")
    .replace(/\*\*/g, "");
}

/** At most `max` characters, cut at a word where possible. */
export function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}

/** "1 comment", "3 comments". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
