// Which PRs the SLA leaves alone: drafts, closed PRs, skipped authors and labels, paused PRs.
import type { PullRequestState } from "./pull-request.js";

export interface ExemptionRules {
  pause_labels: readonly string[];
  skip_labels: readonly string[];
  skip_authors: readonly string[];
}

export type Exemption = "closed" | "draft" | "skipped-author" | "skipped-label" | "paused";

function globToRegExp(pattern: string): RegExp {
  const body = pattern
    .toLowerCase()
    .split("*")
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${body}$`);
}

/** True when the login matches one of the patterns (`*` is a wildcard; case-insensitive). */
export function matchesLogin(login: string, patterns: readonly string[]): boolean {
  const lower = login.toLowerCase();
  return patterns.some((p) => globToRegExp(p).test(lower));
}

function hasLabel(labels: readonly string[], wanted: readonly string[]): boolean {
  const set = new Set(wanted.map((l) => l.toLowerCase()));
  return labels.some((l) => set.has(l.toLowerCase()));
}

/** Why the PR gets no SLA actions right now, or null when it does. */
export function exemptionOf(pr: PullRequestState, rules: ExemptionRules): Exemption | null {
  if (!pr.open) return "closed";
  if (pr.draft) return "draft";
  if (matchesLogin(pr.author, rules.skip_authors)) return "skipped-author";
  if (hasLabel(pr.labels, rules.skip_labels)) return "skipped-label";
  if (hasLabel(pr.labels, rules.pause_labels)) return "paused";
  return null;
}
