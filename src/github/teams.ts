// GitHub team members for the assignment pool and CODEOWNERS, read through a per-installation
// cache in the store so a busy repository asks GitHub about each team at most once an hour.
import { Duration } from "luxon";
import type { Logger } from "pino";
import type { Clock } from "../runtime-clock.js";
import type { Store } from "../store/store.js";
import type { InstallationGitHub } from "./client.js";

export const TEAM_CACHE_TTL = Duration.fromObject({ hours: 1 });

export interface TeamDeps {
  store: Store;
  clock: Clock;
  log: Logger;
}

/** Splits "org/slug" (optionally "@org/slug"); null for anything else. */
function splitTeam(team: string): { org: string; slug: string } | null {
  const match = /^@?([^/\s]+)\/([^/\s]+)$/.exec(team);
  return match ? { org: match[1] ?? "", slug: match[2] ?? "" } : null;
}

async function readTeam(
  deps: TeamDeps,
  github: InstallationGitHub,
  installationId: number,
  team: string,
): Promise<string[]> {
  const now = deps.clock.now();
  const cached = await deps.store.assignment.getTeamMembers(installationId, team);
  if (cached && now.diff(cached.fetchedAt) < TEAM_CACHE_TTL) return cached.logins;
  const parts = splitTeam(team);
  if (!parts) return [];
  let members: string[] | null;
  try {
    members = await github.listTeamMembers(parts.org, parts.slug);
  } catch (error) {
    // GitHub is down or rate limited: a stale list beats no assignment; no list at all retries.
    if (!cached) throw error;
    deps.log.warn({ team, err: error }, "assignment.team_stale");
    return cached.logins;
  }
  if (members === null) {
    deps.log.warn(
      {
        team,
        problem: "team not found or members permission missing",
        fix: "check the team name, and grant the app the organization permission members: read",
      },
      "assignment.team_unavailable",
    );
  }
  const logins = (members ?? []).map((login) => login.toLowerCase());
  await deps.store.assignment.saveTeamMembers(installationId, team, logins, now);
  return logins;
}

/** Members of each team ("org/slug"), keyed by the lowercase team name. */
export async function teamMembers(
  deps: TeamDeps,
  github: InstallationGitHub,
  installationId: number,
  teams: Iterable<string>,
): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>();
  for (const team of teams) {
    const key = team.replace(/^@/, "").toLowerCase();
    if (!result.has(key)) result.set(key, await readTeam(deps, github, installationId, key));
  }
  return result;
}
