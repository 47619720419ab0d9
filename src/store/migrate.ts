// Runs the migrations (`migrations/`) up to the latest, once even when several processes start
// together on one Postgres database.
import { inspect } from "node:util";
import { Migrator, sql } from "kysely";
import type { Kysely, MigrationProvider } from "kysely";
import { migrationsFor } from "./migrations/index.js";
import type { Database, Dialect } from "./schema.js";

/**
 * Postgres advisory lock key taken while migrating (and by anything dropping schemas): Kysely's
 * migrator inspects every table of the database, and two processes starting on a fresh database
 * must not both create the tables.
 */
export const MIGRATION_LOCK = "review-sla:migrations";

async function runMigrator(db: Kysely<Database>, dialect: Dialect, schema?: string): Promise<void> {
  const provider: MigrationProvider = {
    getMigrations: () => Promise.resolve(migrationsFor(dialect)),
  };
  const migrator = new Migrator({
    db,
    provider,
    // Postgres: keep Kysely's bookkeeping tables next to ours, not in another schema's.
    ...(dialect === "postgres" ? { migrationTableSchema: schema ?? "public" } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((result) => result.status === "Error")?.migrationName;
    const reason = error instanceof Error ? error.message : inspect(error);
    throw new Error(`Database migration ${failed ?? "(setup)"} failed: ${reason}`, {
      cause: error,
    });
  }
}

/** Brings the schema up to date; safe to run at every start and from several processes. */
export async function migrateToLatest(
  db: Kysely<Database>,
  dialect: Dialect,
  schema?: string,
): Promise<void> {
  if (dialect !== "postgres") return runMigrator(db, dialect, schema);
  await db.connection().execute(async (session) => {
    await sql`select pg_advisory_lock(hashtext(${MIGRATION_LOCK}))`.execute(session);
    try {
      await runMigrator(session, dialect, schema);
    } finally {
      await sql`select pg_advisory_unlock(hashtext(${MIGRATION_LOCK}))`.execute(session);
    }
  });
}
