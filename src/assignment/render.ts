// Words for a reviewer choice: the one short PR comment that says whom we asked and why, and
// the plain-text ranking behind `review-sla assignment explain OWNER/REPO#N`.
import { escapeMarkdown, inlineCode } from "../comments/escape.js";
import { marker } from "../comments/markers.js";
import { isAvailabilityReason } from "./exclusions.js";
import type { ChosenReviewer, RankedCandidate } from "./pick.js";

export interface AssignmentCommentInput {
  chosen: readonly ChosenReviewer[];
  ranking: readonly RankedCandidate[];
  poolName: string;
  trigger: "ready" | "escalation";
  prKey: string;
}

/** How many skipped people a comment names before it says "and N more". */
const MAX_NAMED = 5;

/** A login that is not being asked to review: shown without pinging them. */
const quiet = (login: string) => inlineCode(`@${login}`);

function nameList(logins: readonly string[]): string {
  const named = logins.slice(0, MAX_NAMED).map(quiet);
  const more = logins.length - named.length;
  return more > 0 ? `${named.join(", ")} and ${more} more` : named.join(", ");
}

/** "away: `@eli`; at cap (3 open reviews): `@dana`, `@fay`" — grouped by reason, in order. */
function groupedReasons(ranking: readonly RankedCandidate[]): string {
  const groups = new Map<string, string[]>();
  for (const candidate of ranking) {
    if (candidate.excluded === null) continue;
    groups.set(candidate.excluded, [...(groups.get(candidate.excluded) ?? []), candidate.login]);
  }
  return [...groups]
    .map(([reason, logins]) => `${escapeMarkdown(reason)}: ${nameList(logins)}`)
    .join("; ");
}

function skippedClause(ranking: readonly RankedCandidate[]): string {
  const skipped = ranking.filter((c) => c.excluded !== null && isAvailabilityReason(c.excluded));
  if (skipped.length === 0) return "";
  const shown = skipped
    .slice(0, MAX_NAMED)
    .map((c) => `${quiet(c.login)} (${escapeMarkdown(c.excluded ?? "")})`);
  const more = skipped.length - shown.length;
  return ` Skipped: ${shown.join(", ")}${more > 0 ? ` and ${more} more` : ""}.`;
}

function nobodyText(input: AssignmentCommentInput): string {
  const pool = inlineCode(input.poolName);
  const lead =
    input.trigger === "escalation"
      ? `Escalation: no additional reviewer requested from ${pool}`
      : `No reviewer requested from ${pool}`;
  if (input.ranking.length === 0) return `${lead}: the pool has no members.`;
  return `${lead}: nobody is available (${groupedReasons(input.ranking)}).`;
}

function chosenText(input: AssignmentCommentInput): string {
  const pool = inlineCode(input.poolName);
  const people = input.chosen.map((c, index) => {
    const where = index === 0 ? ` in ${pool}` : "";
    return `@${c.login} — ${escapeMarkdown(c.reason)}${where}`;
  });
  const lead =
    input.trigger === "escalation"
      ? "Escalation: also requested review from"
      : "Requested review from";
  return `${lead} ${people.join("; ")}.${skippedClause(input.ranking)}`;
}

/** The assignment comment: a marker line, then one sentence (two when someone was skipped). */
export function renderAssignmentComment(input: AssignmentCommentInput): string {
  const text = input.chosen.length === 0 ? nobodyText(input) : chosenText(input);
  return `${marker("assignment", { key: input.prKey })}\n${text}`;
}

function pad(cells: readonly string[], widths: readonly number[]): string {
  return cells
    .map((cell, i) => cell.padEnd(widths[i] ?? 0))
    .join("  ")
    .trimEnd();
}

/** A plain-text table of every candidate in ranked order, for the CLI. */
export function renderRanking(ranking: readonly RankedCandidate[]): string {
  const header = ["#", "reviewer", "load", "score", "status"];
  const rows = ranking.map((c, i) => [
    String(i + 1),
    c.login,
    c.load.toFixed(2),
    c.score.toFixed(2),
    c.excluded ?? "available",
  ]);
  if (rows.length === 0) return "(the pool has no members)";
  const widths = header.map((h, col) =>
    Math.max(h.length, ...rows.map((r) => r[col]?.length ?? 0)),
  );
  return [header, ...rows].map((row) => pad(row, widths)).join("\n");
}
