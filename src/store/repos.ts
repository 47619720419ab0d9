// The repos aggregate: installations the app works for, their repositories with the last
// configuration read, and each repository's reconciliation state.
import { sql } from "kysely";
import type { Kysely } from "kysely";
import type { DateTime } from "luxon";
import { fromTimeOrNull, toJson, toTime, toTimeOrNull } from "./codec.js";
import { toInstallation, toRepository } from "./rows.js";
import type { Database } from "./schema.js";

type Db = Kysely<Database>;

export interface InstallationRow {
  id: number;
  accountLogin: string;
  accountType: string;
  suspendedAt: DateTime | null;
  deletedAt: DateTime | null;
}

export interface RepositoryRow {
  id: number;
  installationId: number;
  owner: string;
  name: string;
  defaultBranch: string;
  /** The last configuration read from GitHub, as parsed JSON (before validation), or null. */
  configJson: unknown;
  /** Human-readable validation errors of that configuration, empty when it was valid. */
  configErrors: string[];
  configFetchedAt: DateTime | null;
  removedAt: DateTime | null;
}

export type NewInstallation = Omit<InstallationRow, "deletedAt">;
export type NewRepository = Pick<
  RepositoryRow,
  "id" | "installationId" | "owner" | "name" | "defaultBranch"
>;

/**
 * Rows reference their parents: store an installation before its repositories (and a repository
 * before its pull requests).
 */
export interface RepoStore {
  upsertInstallation(row: NewInstallation): Promise<void>;
  /** Until the installation is stored again (`upsertInstallation` clears `deletedAt`). */
  markInstallationDeleted(id: number, at: DateTime): Promise<void>;
  getInstallation(id: number): Promise<InstallationRow | null>;
  listInstallations(): Promise<InstallationRow[]>;

  upsert(row: NewRepository): Promise<void>;
  /**
   * Stops tracking a repository (removed from the installation): its open PRs get no more actions.
   * `upsert` tracks it again.
   */
  markRemoved(id: number, at: DateTime): Promise<void>;
  get(id: number): Promise<RepositoryRow | null>;
  /** Several repositories by id in one query (missing ids are absent from the map). */
  getMany(ids: readonly number[]): Promise<Map<number, RepositoryRow>>;
  /** Case-insensitive; a tracked repository is preferred over a removed one of the same name. */
  find(owner: string, name: string): Promise<RepositoryRow | null>;
  /** The installation's tracked repositories (not removed). */
  list(installationId: number): Promise<RepositoryRow[]>;
  setConfig(
    id: number,
    config: { json: unknown; errors: string[]; fetchedAt: DateTime },
  ): Promise<void>;

  /** Reconciliation state of a repository: the ETag of its open-PR list and when it last ran. */
  getSync(repositoryId: number): Promise<{ etag: string | null; reconciledAt: DateTime | null }>;
  setSync(repositoryId: number, etag: string | null, at: DateTime): Promise<void>;
}

export function repoStore(db: Db): RepoStore {
  return {
    upsertInstallation: (row) => upsertInstallation(db, row),
    markInstallationDeleted: (id, at) => markInstallationDeleted(db, id, at),
    getInstallation: (id) => getInstallation(db, id),
    listInstallations: () => listInstallations(db),
    upsert: (row) => upsertRepository(db, row),
    markRemoved: (id, at) => markRepositoryRemoved(db, id, at),
    get: (id) => getRepository(db, id),
    getMany: (ids) => getRepositories(db, ids),
    find: (owner, name) => findRepository(db, owner, name),
    list: (installationId) => listRepositories(db, installationId),
    setConfig: (id, config) => setRepositoryConfig(db, id, config),
    getSync: (repositoryId) => getRepositorySync(db, repositoryId),
    setSync: (repositoryId, etag, at) => setRepositorySync(db, repositoryId, etag, at),
  };
}

async function upsertInstallation(db: Db, row: NewInstallation): Promise<void> {
  const values = {
    account_login: row.accountLogin,
    account_type: row.accountType,
    suspended_at: toTimeOrNull(row.suspendedAt),
    deleted_at: null,
  };
  await db
    .insertInto("installations")
    .values({ id: row.id, ...values })
    .onConflict((oc) => oc.column("id").doUpdateSet(values))
    .execute();
}

async function markInstallationDeleted(db: Db, id: number, at: DateTime): Promise<void> {
  await db
    .updateTable("installations")
    .set({ deleted_at: toTime(at) })
    .where("id", "=", id)
    .execute();
}

async function getInstallation(db: Db, id: number): Promise<InstallationRow | null> {
  const row = await db
    .selectFrom("installations")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  return row === undefined ? null : toInstallation(row);
}

async function listInstallations(db: Db): Promise<InstallationRow[]> {
  const rows = await db.selectFrom("installations").selectAll().orderBy("id").execute();
  return rows.map(toInstallation);
}

async function upsertRepository(db: Db, row: NewRepository): Promise<void> {
  const values = {
    installation_id: row.installationId,
    owner: row.owner,
    name: row.name,
    default_branch: row.defaultBranch,
    removed_at: null,
  };
  await db
    .insertInto("repositories")
    .values({ id: row.id, ...values })
    .onConflict((oc) => oc.column("id").doUpdateSet(values))
    .execute();
}

async function markRepositoryRemoved(db: Db, id: number, at: DateTime): Promise<void> {
  await db
    .updateTable("repositories")
    .set({ removed_at: toTime(at) })
    .where("id", "=", id)
    .execute();
}

async function getRepository(db: Db, id: number): Promise<RepositoryRow | null> {
  const row = await db
    .selectFrom("repositories")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  return row === undefined ? null : toRepository(row);
}

async function getRepositories(
  db: Db,
  ids: readonly number[],
): Promise<Map<number, RepositoryRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom("repositories")
    .selectAll()
    .where("id", "in", [...new Set(ids)])
    .execute();
  return new Map(rows.map((row) => [row.id, toRepository(row)]));
}

/** GitHub names are case-insensitive; a tracked repository wins over a removed namesake. */
async function findRepository(db: Db, owner: string, name: string): Promise<RepositoryRow | null> {
  const row = await db
    .selectFrom("repositories")
    .selectAll()
    .where(sql`lower(owner)`, "=", owner.toLowerCase())
    .where(sql`lower(name)`, "=", name.toLowerCase())
    .orderBy(sql`case when removed_at is null then 0 else 1 end`)
    .orderBy("id", "desc")
    .executeTakeFirst();
  return row === undefined ? null : toRepository(row);
}

async function listRepositories(db: Db, installationId: number): Promise<RepositoryRow[]> {
  const rows = await db
    .selectFrom("repositories")
    .selectAll()
    .where("installation_id", "=", installationId)
    .where("removed_at", "is", null)
    .orderBy("owner")
    .orderBy("name")
    .execute();
  return rows.map(toRepository);
}

async function setRepositoryConfig(
  db: Db,
  id: number,
  config: { json: unknown; errors: string[]; fetchedAt: DateTime },
): Promise<void> {
  await db
    .updateTable("repositories")
    .set({
      config_json: toJson(config.json),
      config_errors: JSON.stringify(config.errors),
      config_fetched_at: toTime(config.fetchedAt),
    })
    .where("id", "=", id)
    .execute();
}

async function getRepositorySync(
  db: Db,
  repositoryId: number,
): Promise<{ etag: string | null; reconciledAt: DateTime | null }> {
  const row = await db
    .selectFrom("repository_sync")
    .selectAll()
    .where("repository_id", "=", repositoryId)
    .executeTakeFirst();
  return {
    etag: row?.open_pulls_etag ?? null,
    reconciledAt: fromTimeOrNull(row?.reconciled_at ?? null),
  };
}

async function setRepositorySync(
  db: Db,
  repositoryId: number,
  etag: string | null,
  at: DateTime,
): Promise<void> {
  await db
    .insertInto("repository_sync")
    .values({ repository_id: repositoryId, open_pulls_etag: etag, reconciled_at: toTime(at) })
    .onConflict((oc) =>
      oc.column("repository_id").doUpdateSet({ open_pulls_etag: etag, reconciled_at: toTime(at) }),
    )
    .execute();
}

/**
 * A read-through cache of `store` for one transaction or one batch of deliveries: a repository and
 * its installation are read once, however many handlers ask. Any write through it empties the cache.
 */
export function cachedRepoStore(store: RepoStore): RepoStore {
  const repositories = new Map<number, Promise<RepositoryRow | null>>();
  const installations = new Map<number, Promise<InstallationRow | null>>();
  const cached = <T>(cache: Map<number, Promise<T>>, id: number, read: () => Promise<T>) => {
    const known = cache.get(id);
    if (known) return known;
    const reading = read();
    cache.set(id, reading);
    // A failed read is not kept: the next caller reads again.
    void reading.catch(() => cache.delete(id));
    return reading;
  };
  /** A write empties the cache: the next read sees what it wrote. */
  const write = <T>(run: () => Promise<T>): Promise<T> => {
    repositories.clear();
    installations.clear();
    return run();
  };
  return {
    ...store,
    getInstallation: (id) => cached(installations, id, () => store.getInstallation(id)),
    get: (id) => cached(repositories, id, () => store.get(id)),
    upsertInstallation: (row) => write(() => store.upsertInstallation(row)),
    markInstallationDeleted: (id, at) => write(() => store.markInstallationDeleted(id, at)),
    upsert: (row) => write(() => store.upsert(row)),
    markRemoved: (id, at) => write(() => store.markRemoved(id, at)),
    setConfig: (id, config) => write(() => store.setConfig(id, config)),
  };
}
