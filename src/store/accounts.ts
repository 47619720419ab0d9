// Queries for who the app works for: webhook deliveries, installations and repositories.
import { sql } from "kysely";
import type { Kysely } from "kysely";
import type { DateTime } from "luxon";
import { toJson, toTime, toTimeOrNull } from "./codec.js";
import { toInstallation, toRepository } from "./rows.js";
import type { Database } from "./schema.js";
import type { InstallationRow, RepositoryRow, Store } from "./store.js";

type Db = Kysely<Database>;

export async function recordDelivery(
  db: Db,
  id: string,
  event: string,
  receivedAt: DateTime,
): Promise<boolean> {
  const inserted = await db
    .insertInto("webhook_deliveries")
    .values({ id, event, received_at: toTime(receivedAt) })
    .onConflict((oc) => oc.column("id").doNothing())
    .returning("id")
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function upsertInstallation(
  db: Db,
  row: Parameters<Store["upsertInstallation"]>[0],
): Promise<void> {
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

export async function markInstallationDeleted(db: Db, id: number, at: DateTime): Promise<void> {
  await db
    .updateTable("installations")
    .set({ deleted_at: toTime(at) })
    .where("id", "=", id)
    .execute();
}

export async function getInstallation(db: Db, id: number): Promise<InstallationRow | null> {
  const row = await db
    .selectFrom("installations")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  return row === undefined ? null : toInstallation(row);
}

export async function listInstallations(db: Db): Promise<InstallationRow[]> {
  const rows = await db.selectFrom("installations").selectAll().orderBy("id").execute();
  return rows.map(toInstallation);
}

export async function upsertRepository(
  db: Db,
  row: Parameters<Store["upsertRepository"]>[0],
): Promise<void> {
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

export async function markRepositoryRemoved(db: Db, id: number, at: DateTime): Promise<void> {
  await db
    .updateTable("repositories")
    .set({ removed_at: toTime(at) })
    .where("id", "=", id)
    .execute();
}

export async function getRepository(db: Db, id: number): Promise<RepositoryRow | null> {
  const row = await db
    .selectFrom("repositories")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  return row === undefined ? null : toRepository(row);
}

/** GitHub names are case-insensitive; a tracked repository wins over a removed namesake. */
export async function findRepository(
  db: Db,
  owner: string,
  name: string,
): Promise<RepositoryRow | null> {
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

export async function listRepositories(db: Db, installationId: number): Promise<RepositoryRow[]> {
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

export async function setRepositoryConfig(
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
