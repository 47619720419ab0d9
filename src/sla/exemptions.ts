// Which PRs the SLA leaves alone: drafts, closed PRs, skipped authors and labels, paused PRs.
import type { PullRequestState } from "./pull-request.js";

export interface ExemptionRules {
  pause_labels: readonly string[];
  skip_labels: readonly string[];
  skip_authors: readonly string[];
}

export type Exemption = "closed" | "draft" | "skipped-author" | "skipped-label" | "paused";

/**
 * `*` matches any run of characters. No regular expression: patterns come from config, and
 * greedy matching with one resume point takes at most text × pattern steps, never exponential.
 */
function wildcardMatches(text: string, pattern: string): boolean {
  let t = 0;
  let p = 0;
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    if (pattern[p] === "*") {
      star = p++;
      resume = t;
    } else if (p < pattern.length && pattern[p] === text[t]) {
      p += 1;
      t += 1;
    } else if (star >= 0) {
      p = star + 1;
      t = ++resume;
    } else return false;
  }
  while (pattern[p] === "*") p += 1;
  return p === pattern.length;
}

/** True when the login matches one of the patterns (`*` is a wildcard; case-insensitive). */
export function matchesLogin(login: string, patterns: readonly string[]): boolean {
  const lower = login.toLowerCase();
  return patterns.some((p) => wildcardMatches(lower, p.toLowerCase()));
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
