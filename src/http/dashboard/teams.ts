// Teams on the dashboard: a team is a digest scope (src/scheduler/digest-scope.ts), its
// repositories plus the PRs its GitHub teams' members wrote anywhere. A viewer sees a team only
// through the repositories their own token can see.
import type { Logger } from "pino";
import type { InstallationGitHub } from "../../github/client.js";
import { teamMembers } from "../../github/teams.js";
import type { Clock } from "../../runtime-clock.js";
import { digestScopes } from "../../scheduler/digest-scope.js";
import type { DigestScope } from "../../scheduler/digest-scope.js";
import type { ConfigCache } from "../../sla/config-cache.js";
import type { InstallationRow, RepositoryRow, Store } from "../../store/store.js";
import type { FiguresScope } from "./figures.js";

/** What a page shows, from its `?team=` and `?repo=` filters. */
export interface PageScope {
  /** The teams the viewer may choose. */
  teams: DigestScope[];
  team: DigestScope | null;
  /** The repositories the repository filter offers. */
  offered: readonly RepositoryRow[];
  /** The chosen repository, when one is. */
  repository: RepositoryRow | null;
  figures: FiguresScope;
  /** The filters as a query string ("" or "?team=…&repo=…"), for the CSV links. */
  query: string;
}

export interface TeamDeps {
  store: Store;
  clock: Clock;
  log: Logger;
  /** The installation's GitHub client, to refresh a stale team cache; absent: the cache only. */
  github?: (installationId: number) => Promise<InstallationGitHub>;
}

/** The part of the scope's key a URL names it by (`?team=<slug>`). */
export function teamSlug(scope: DigestScope): string {
  return scope.key.slice(`installation:${scope.installationId}:`.length);
}

/**
 * The installation's named scopes this viewer may see: those with one of their repositories
 * among `visible`, and those with GitHub teams when the viewer sees any repository (the page
 * then shows the members' PRs in those repositories only).
 */
export function visibleTeams(
  installation: InstallationRow,
  tracked: readonly RepositoryRow[],
  visible: readonly RepositoryRow[],
  configs: ConfigCache,
): DigestScope[] {
  return digestScopes(installation, tracked, configs)
    .filter((scope) => scope.key !== `installation:${installation.id}`)
    .filter(
      (scope) =>
        visible.some((r) => scope.repositoryIds.has(r.id)) ||
        (scope.teams.length > 0 && visible.length > 0),
    )
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The team a `?team=` value names, by slug or by whole key. */
export function findTeam(teams: readonly DigestScope[], given: string): DigestScope | undefined {
  const wanted = given.toLowerCase();
  return teams.find((t) => teamSlug(t) === wanted || t.key === wanted);
}

/** Lower-case logins of the scope's teams: the store's team cache, refreshed when stale. */
async function scopeMembers(deps: TeamDeps, scope: DigestScope): Promise<Set<string>> {
  const names = scope.teams.map((t) => `${t.org}/${t.slug}`);
  let byTeam: Map<string, string[]> | null = null;
  if (deps.github) {
    try {
      byTeam = await teamMembers(
        deps,
        await deps.github(scope.installationId),
        scope.installationId,
        names,
      );
    } catch (error) {
      deps.log.warn({ err: error, scope: scope.key }, "dashboard.team_members_unavailable");
    }
  }
  if (byTeam === null) {
    byTeam = new Map();
    for (const name of names) {
      const cached = await deps.store.assignment.getTeamMembers(scope.installationId, name);
      byTeam.set(name, cached?.logins ?? []);
    }
  }
  return new Set([...byTeam.values()].flat().map((login) => login.toLowerCase()));
}

/** What the team's page measures, within the repositories the viewer can see. */
export async function teamFiguresScope(
  deps: TeamDeps,
  scope: DigestScope,
  visible: readonly RepositoryRow[],
): Promise<FiguresScope> {
  const own = visible.filter((r) => scope.repositoryIds.has(r.id));
  if (scope.teams.length === 0) return { repositories: own, config: scope.config };
  return {
    repositories: visible,
    authors: await scopeMembers(deps, scope),
    everyAuthorIn: new Set(own.map((r) => r.id)),
    config: scope.config,
  };
}

/** The repositories whose "owner/name" is `repo` (any case); all of them for no filter. */
function byName(repositories: readonly RepositoryRow[], repo: string | null) {
  if (repo === null) return repositories;
  return repositories.filter((r) => `${r.owner}/${r.name}`.toLowerCase() === repo.toLowerCase());
}

/**
 * The page's scope for a viewer who sees `visible` of the installation's `tracked` repositories;
 * null (answer 404) for a team or repository they cannot see or that does not exist.
 */
export async function pageScope(
  deps: TeamDeps & { configs: ConfigCache },
  installation: { row: InstallationRow; tracked: readonly RepositoryRow[] },
  visible: readonly RepositoryRow[],
  params: URLSearchParams,
): Promise<PageScope | null> {
  const teams = visibleTeams(installation.row, installation.tracked, visible, deps.configs);
  const teamParam = params.get("team") || null;
  const team = teamParam === null ? null : (findTeam(teams, teamParam) ?? null);
  if (teamParam !== null && team === null) return null;
  const base: FiguresScope = team
    ? await teamFiguresScope(deps, team, visible)
    : { repositories: visible };
  const repo = params.get("repo") || null;
  const repositories = byName(base.repositories, repo);
  if (repositories.length === 0) return null;
  const query = new URLSearchParams();
  if (team) query.set("team", teamSlug(team));
  if (repo) query.set("repo", repo);
  return {
    teams,
    team,
    offered: base.repositories,
    repository: repo === null ? null : (repositories[0] ?? null),
    figures: { ...base, repositories },
    query: query.size > 0 ? `?${query.toString()}` : "",
  };
}
