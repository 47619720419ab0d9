// The digest's line on PR commands: how often people snoozed and claimed reviews this week.
import type { DigestReport } from "./report.js";

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

/** "PR commands this week: 2 snoozes, 1 claim."; null when none were counted. */
export function commandsSentence(report: DigestReport): string | null {
  const counts = report.commands;
  if (!counts || counts.snoozes + counts.claims === 0) return null;
  return `PR commands this week: ${plural(counts.snoozes, "snooze")}, ${plural(counts.claims, "claim")}.`;
}

/** "At the end of the week, 2 open PRs waited on their authors and 3 on reviewers." */
export function waitingSentence(report: DigestReport): string {
  const { onAuthors, onReviewers } = report.waiting;
  return (
    `At the end of the week, ${plural(onAuthors, "open PR")} waited on ${onAuthors === 1 ? "its author" : "their authors"} ` +
    `and ${onReviewers} on reviewers.`
  );
}
