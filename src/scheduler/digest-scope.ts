// Which digests an installation gets, and which config each follows. The org's `.github`
// repository config decides when it is tracked; otherwise each repository's config may declare a
// scope, and the first repository (by owner/name) declaring a scope decides its settings.
import type { RepoConfig } from "../config/schema.js";
import type { ConfigCache } from "../sla/config-cache.js";
import type { InstallationRow, RepositoryRow } from "../store/store.js";

export interface DigestScope {
  /** `installation:<id>` or `installation:<id>:<scope name, slugged>`. */
  key: string;
  installationId: number;
  /** The digest's title: the installation's account, or the configured scope name. */
  name: string;
  /** The config the digest follows: schedule, channel, zone, clock, people, limits. */
  config: RepoConfig;
  /** Repositories whose PRs are all in the scope (every repository for "installation"). */
  repositoryIds: ReadonlySet<number>;
  /** Teams (`org/slug`) whose members' PRs, in any repository, are also in the scope. */
  teams: readonly { org: string; slug: string }[];
}

/** The outbox key of one scope's digest (declared with the digest action in the catalogue). */
export { digestActionKey } from "../outbox/catalogue.js";

function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-|-$/g, "");
}

/** The org's `.github` repository, when tracked with a config of its own. */
export function orgConfigRepository(
  installation: InstallationRow,
  repositories: readonly RepositoryRow[],
): RepositoryRow | undefined {
  const owner = installation.accountLogin.toLowerCase();
  return repositories.find(
    (r) =>
      r.name.toLowerCase() === ".github" &&
      r.owner.toLowerCase() === owner &&
      r.configJson !== null,
  );
}

function repoMatches(ref: string, repository: RepositoryRow): boolean {
  const [owner, name] = ref.includes("/") ? ref.split("/") : [null, ref];
  return (
    (name ?? "").toLowerCase() === repository.name.toLowerCase() &&
    (owner === null || owner?.toLowerCase() === repository.owner.toLowerCase())
  );
}

function scopeOf(
  installation: InstallationRow,
  repositories: readonly RepositoryRow[],
  config: RepoConfig,
): DigestScope {
  const base = { installationId: installation.id, config };
  const scope = config.digest.scope;
  if (scope === "installation") {
    return {
      ...base,
      key: `installation:${installation.id}`,
      name: installation.accountLogin,
      repositoryIds: new Set(repositories.map((r) => r.id)),
      teams: [],
    };
  }
  const refs = scope.repos ?? [];
  const teams = (scope.teams ?? []).map((team) => {
    const [org, name] = team.includes("/") ? team.split("/") : [installation.accountLogin, team];
    return { org: org ?? installation.accountLogin, slug: name ?? team };
  });
  return {
    ...base,
    key: `installation:${installation.id}:${slug(scope.name)}`,
    name: scope.name,
    repositoryIds: new Set(
      repositories.filter((r) => refs.some((ref) => repoMatches(ref, r))).map((r) => r.id),
    ),
    teams,
  };
}

/** The enabled digest scopes of an installation over its tracked repositories. */
export function digestScopes(
  installation: InstallationRow,
  repositories: readonly RepositoryRow[],
  configs: ConfigCache,
): DigestScope[] {
  const org = orgConfigRepository(installation, repositories);
  const sources = org ? [org] : repositories;
  const byKey = new Map<string, DigestScope>();
  for (const source of sources) {
    const scope = scopeOf(installation, repositories, configs.resolve(source.configJson).config);
    if (!byKey.has(scope.key)) byKey.set(scope.key, scope);
  }
  return [...byKey.values()].filter((scope) => scope.config.digest.enabled);
}
