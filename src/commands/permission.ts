// Who may give a PR command: the author, requested reviewers, pool members and people with write
// access; some commands ask more (only a pool member claims, only a requested reviewer passes a
// request on). Pure: the shell supplies the facts, asking GitHub for write access only if needed.
import type { Command } from "./parse.js";

export interface CallerFacts {
  login: string;
  author: string;
  /** Users whose review request is still pending. */
  requestedReviewers: readonly string[];
  /** Pool members, teams expanded. */
  poolMembers: readonly string[];
  /** Write (or admin/maintain) access on the repository; null when not asked yet. */
  writeAccess: boolean | null;
}

export type Permission =
  | { allowed: true; as: "author" | "reviewer" | "pool member" | "writer" }
  | { allowed: false; reason: string }
  /** The cheap checks did not decide: ask GitHub for the caller's permission, then ask again. */
  | { allowed: "ask-write-access" };

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const among = (login: string, list: readonly string[]) => list.some((l) => same(l, login));

function role(facts: CallerFacts): Permission {
  if (same(facts.login, facts.author)) return { allowed: true, as: "author" };
  if (among(facts.login, facts.requestedReviewers)) return { allowed: true, as: "reviewer" };
  if (among(facts.login, facts.poolMembers)) return { allowed: true, as: "pool member" };
  if (facts.writeAccess === null) return { allowed: "ask-write-access" };
  if (facts.writeAccess) return { allowed: true, as: "writer" };
  return {
    allowed: false,
    reason:
      "sorry, only the author, requested reviewers, review pool members and people with write access can use review-sla commands here",
  };
}

/** Whether `facts.login` may give `command` on this pull request, and if not, why. */
export function permissionFor(command: Command, facts: CallerFacts): Permission {
  if (command.name === "claim") {
    if (same(facts.login, facts.author))
      return { allowed: false, reason: "you cannot claim the review of your own pull request" };
    if (!among(facts.login, facts.poolMembers) && !among(facts.login, facts.requestedReviewers))
      return {
        allowed: false,
        reason: "only review pool members (or requested reviewers) can claim this review",
      };
    return role(facts);
  }
  if (command.name === "reassign") {
    if (same(facts.login, facts.author))
      return {
        allowed: false,
        reason:
          "you are this pull request's author: only a requested reviewer can pass their review on (request another reviewer on GitHub instead)",
      };
    if (!among(facts.login, facts.requestedReviewers))
      return {
        allowed: false,
        reason: "only a requested reviewer can pass their review request on",
      };
    if (command.to !== null && same(command.to, facts.author))
      return { allowed: false, reason: "the author cannot review their own pull request" };
    if (command.to !== null && same(command.to, facts.login))
      return { allowed: false, reason: "you are already requested" };
    return role(facts);
  }
  return role(facts);
}
