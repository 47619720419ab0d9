// PR commands as people type them: `/review-sla <command> [argument]` on the first line of a
// comment, any case, not quoted and not in a code block. Pure: text in, at most one command out.
import { DateTime } from "luxon";

/**
 * How long a snooze lasts: a duration in working days' time, until the start of a team date, or
 * (Slack's "until tomorrow") until the team's next working day starts.
 */
export type SnoozeSpan =
  { type: "for"; text: string } | { type: "until"; date: string } | { type: "next-working-day" };

export type Command =
  | { name: "status" }
  | { name: "claim" }
  | { name: "reassign"; to: string | null }
  | { name: "snooze"; span: SnoozeSpan }
  | { name: "pause" }
  | { name: "resume" };

export type CommandName = Command["name"];

export const COMMAND_NAMES: readonly CommandName[] = [
  "status",
  "claim",
  "reassign",
  "snooze",
  "pause",
  "resume",
];

/** A comment addressed to review-sla: the command, or why it cannot be read. */
export type Parsed = { ok: true; command: Command } | { ok: false; problem: string };

const PREFIX = /^\/review-sla(?:\s+|$)/i;
const LOGIN = /^@?([a-z\d](?:[a-z\d-]{0,38})(?:\[bot\])?)$/i;
const SPAN = /^(?:\d{1,3}\s*(?:w|d|h|m))(?:\s*\d{1,3}\s*(?:w|d|h|m))*$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Longest first line looked at: a command is short; a long line is prose. */
const MAX_LINE = 200;

/** The first line that is not blank, or null. */
function firstLine(text: string): string | null {
  for (const line of text.split(/\r\n|\r|\n/)) if (line.trim() !== "") return line;
  return null;
}

/** Quoted (`>`), fenced (```/~~~) or indented code: someone showing a command, not giving one. */
function isQuotedOrCode(line: string): boolean {
  if (/^( {4,}|\t)/.test(line)) return true;
  const trimmed = line.trimStart();
  return trimmed.startsWith(">") || trimmed.startsWith("```") || trimmed.startsWith("~~~");
}

function validDate(text: string): boolean {
  return DATE.test(text) && DateTime.fromISO(text, { zone: "utc" }).isValid;
}

function snooze(args: string[]): Parsed {
  const usage = "usage: `/review-sla snooze 4h`, `snooze 1d` or `snooze until 2026-12-08`";
  if (args[0]?.toLowerCase() === "until") {
    const date = args[1] ?? "";
    if (args.length !== 2 || !validDate(date)) return { ok: false, problem: usage };
    return { ok: true, command: { name: "snooze", span: { type: "until", date } } };
  }
  const text = args.join(" ");
  if (args.length === 0 || !SPAN.test(text)) return { ok: false, problem: usage };
  return { ok: true, command: { name: "snooze", span: { type: "for", text: text.toLowerCase() } } };
}

function reassign(args: string[]): Parsed {
  if (args.length === 0) return { ok: true, command: { name: "reassign", to: null } };
  const login = args.length === 1 ? LOGIN.exec(args[0] ?? "") : null;
  if (!login?.[1]) return { ok: false, problem: "usage: `/review-sla reassign [@login]`" };
  return { ok: true, command: { name: "reassign", to: login[1] } };
}

function withoutArguments(name: "status" | "claim" | "pause" | "resume", args: string[]): Parsed {
  if (args.length > 0) return { ok: false, problem: `\`${name}\` takes no argument` };
  return { ok: true, command: { name } };
}

/**
 * The command a comment gives, or null when the comment is not addressed to review-sla. Only
 * the first non-blank line counts; a second command further down is ignored.
 */
export function parseCommand(text: string): Parsed | null {
  const line = firstLine(text);
  if (line === null || isQuotedOrCode(line)) return null;
  const trimmed = line.trim();
  if (!PREFIX.test(trimmed)) return null;
  if (trimmed.length > MAX_LINE) return { ok: false, problem: "the command line is too long" };
  const [word = "", ...args] = trimmed.replace(PREFIX, "").split(/\s+/).filter(Boolean);
  const name = word.toLowerCase();
  switch (name) {
    case "status":
    case "claim":
    case "pause":
    case "resume":
      return withoutArguments(name, args);
    case "reassign":
      return reassign(args);
    case "snooze":
      return snooze(args);
    default:
      return {
        ok: false,
        problem: `unknown command${word ? ` \`${word.slice(0, 20).replace(/`/g, "")}\`` : ""}; try ${COMMAND_NAMES.join(", ")}`,
      };
  }
}
