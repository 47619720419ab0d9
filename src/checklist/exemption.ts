// Which pull requests get no review checklist: closed ones, drafts, and those the repository
// exempts from review-sla (`skip_authors`, `skip_labels`). A paused PR still gets one.
import type { RepoConfig } from "../config/schema.js";
import { matchesLogin } from "../sla/exemptions.js";

export interface ChecklistTarget {
  open: boolean;
  draft: boolean;
  author: string;
  labels: readonly string[];
}

type Rules = Pick<RepoConfig, "skip_authors" | "skip_labels" | "checklist">;

/**
 * The default `skip_authors: ["*[bot]"]` is meant for dependency bots; coding agents listed in
 * `checklist.ai_markers.bot_authors` are the authors a checklist matters most for, so only a
 * pattern without a wildcard (their exact login) exempts them.
 */
function exemptAuthorPatterns(author: string, rules: Rules): readonly string[] {
  const login = author.toLowerCase();
  const isAgent = rules.checklist.ai_markers.bot_authors.some((b) => b.toLowerCase() === login);
  return isAgent ? rules.skip_authors.filter((p) => !p.includes("*")) : rules.skip_authors;
}

function hasAnyLabel(labels: readonly string[], wanted: readonly string[]): boolean {
  const set = new Set(wanted.map((label) => label.toLowerCase()));
  return labels.some((label) => set.has(label.toLowerCase()));
}

/** Why the pull request gets no checklist (or no update of it), or null when it does. */
export function checklistExemption(pr: ChecklistTarget, rules: Rules): string | null {
  const { checklist } = rules;
  if (!checklist.enabled || checklist.when === "never") return "checklist disabled by config";
  if (!pr.open) return "pull request is closed";
  if (pr.draft) return "pull request is a draft";
  if (matchesLogin(pr.author, exemptAuthorPatterns(pr.author, rules))) {
    return "author is exempt (skip_authors)";
  }
  if (hasAnyLabel(pr.labels, rules.skip_labels))
    return "pull request has a skip label (skip_labels)";
  return null;
}
