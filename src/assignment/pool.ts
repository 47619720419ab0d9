// The pool around a pick: when a pull request needs reviewers from it, who is in it once teams
// are expanded, how it is named in comments, and how many people to ask.
import { parsePoolEntry, type AssignmentConfig } from "../config/assignment.js";
import { isMachineReviewer } from "../sla/reviewers.js";

/** Team entries of the pool as "org/slug", lowercase. */
function poolTeams(pool: readonly string[]): Set<string> {
  const teams = new Set<string>();
  for (const text of pool) {
    const entry = parsePoolEntry(text);
    if (entry?.type === "team") teams.add(`${entry.org}/${entry.slug}`);
  }
  return teams;
}

/**
 * True when nobody specific was asked: no user requested, and every requested team (if any)
 * is a pool team — then the pool picks a person instead. `requestedTeams` are "org/slug".
 */
export function needsAssignment(input: {
  requestedUsers: readonly string[];
  requestedTeams: readonly string[];
  pool: readonly string[];
}): boolean {
  if (input.requestedUsers.length > 0) return false;
  const teams = poolTeams(input.pool);
  return input.requestedTeams.every((team) => teams.has(team.replace(/^@/, "").toLowerCase()));
}

/**
 * Pool members as logins, in pool order, without duplicates: users as written, teams replaced
 * by their members (`teamMembers` is keyed "org/slug"; a team missing from it adds nobody).
 * Machine reviewers (bots, `ignoreReviewers`) are never candidates: their reviews do not count.
 */
export function poolCandidates(
  pool: readonly string[],
  teamMembers: ReadonlyMap<string, readonly string[]>,
  ignoreReviewers: readonly string[] = [],
): string[] {
  const seen = new Set<string>();
  const logins: string[] = [];
  const add = (login: string) => {
    const key = login.toLowerCase();
    if (seen.has(key) || isMachineReviewer(login, false, ignoreReviewers)) return;
    seen.add(key);
    logins.push(login);
  };
  for (const text of pool) {
    const entry = parsePoolEntry(text);
    if (entry?.type === "user") add(entry.login);
    if (entry?.type === "team")
      for (const m of teamMembers.get(`${entry.org}/${entry.slug}`) ?? []) add(m);
  }
  return logins;
}

/** The pool's name in comments: "@org/team" for a one-team pool, else "assignment.pool". */
export function describePool(pool: readonly string[]): string {
  const only = pool.length === 1 ? parsePoolEntry(pool[0] ?? "") : null;
  if (only?.type === "team") return `@${only.org}/${only.slug}`;
  if (only?.type === "user") return `@${only.login}`;
  return "assignment.pool";
}

/** Readiness asks for `assignment.reviewers` people; an escalation adds exactly one. */
export function reviewerCount(trigger: "ready" | "escalation", config: AssignmentConfig): number {
  return trigger === "escalation" ? 1 : config.reviewers;
}
