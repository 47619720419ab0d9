// The schema's history as an in-code list of migrations, the same for SQLite and Postgres; the few
// column types that differ between the two are chosen in `columnTypes`.
import { inspect } from "node:util";
import { Migrator, sql } from "kysely";
import type { ColumnDefinitionBuilder, Kysely, Migration, MigrationProvider } from "kysely";
import { digestsMigration } from "./digest-tables.js";
import { createAssignmentTables } from "./assignment.js";
import { claimLanesMigration } from "./migrations/0007_claim_lanes.js";
import { scaleMigration } from "./scale.js";
import type { Database, Dialect } from "./schema.js";

type Column = (column: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;

interface ColumnTypes {
  /** A GitHub id or a reference to one: up to 2^53. */
  id: "bigint";
  /** An id the database assigns. */
  serial: { type: "integer" | "bigint"; column: Column };
  /** An instant as ISO-8601 UTC text, compared byte by byte. */
  time: { type: "text"; column: Column };
}

function columnTypes(dialect: Dialect): ColumnTypes {
  if (dialect === "postgres") {
    return {
      id: "bigint",
      serial: { type: "bigint", column: (c) => c.generatedByDefaultAsIdentity().primaryKey() },
      time: { type: "text", column: (c) => c.modifyEnd(sql`collate "C"`) },
    };
  }
  return {
    id: "bigint",
    // SQLite only autoincrements a column declared exactly "integer primary key".
    serial: { type: "integer", column: (c) => c.primaryKey().autoIncrement() },
    time: { type: "text", column: (c) => c },
  };
}

async function createOwnershipTables(db: Kysely<unknown>, t: ColumnTypes): Promise<void> {
  await db.schema
    .createTable("installations")
    .addColumn("id", t.id, (c) => c.primaryKey())
    .addColumn("account_login", "text", (c) => c.notNull())
    .addColumn("account_type", "text", (c) => c.notNull())
    .addColumn("suspended_at", t.time.type, t.time.column)
    .addColumn("deleted_at", t.time.type, t.time.column)
    .execute();
  await db.schema
    .createTable("repositories")
    .addColumn("id", t.id, (c) => c.primaryKey())
    .addColumn("installation_id", t.id, (c) => c.notNull().references("installations.id"))
    .addColumn("owner", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("default_branch", "text", (c) => c.notNull())
    .addColumn("config_json", "text")
    .addColumn("config_errors", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("config_fetched_at", t.time.type, t.time.column)
    .addColumn("removed_at", t.time.type, t.time.column)
    .execute();
  await db.schema
    .createIndex("repositories_installation")
    .on("repositories")
    .column("installation_id")
    .execute();
  await db.schema
    .createIndex("repositories_full_name")
    .on("repositories")
    .expression(sql`lower(owner), lower(name)`)
    .execute();
}

async function createPullRequestTable(db: Kysely<unknown>, t: ColumnTypes): Promise<void> {
  const time = (c: ColumnDefinitionBuilder) => t.time.column(c.notNull());
  const flag = (c: ColumnDefinitionBuilder) => c.notNull().defaultTo(0);
  await db.schema
    .createTable("pull_requests")
    .addColumn("id", t.id, (c) => c.primaryKey())
    .addColumn("installation_id", t.id, (c) => c.notNull().references("installations.id"))
    .addColumn("repository_id", t.id, (c) => c.notNull().references("repositories.id"))
    .addColumn("owner", "text", (c) => c.notNull())
    .addColumn("repo", "text", (c) => c.notNull())
    .addColumn("number", "integer", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("author", "text", (c) => c.notNull())
    .addColumn("author_is_bot", "integer", flag)
    .addColumn("draft", "integer", flag)
    .addColumn("open", "integer", flag)
    .addColumn("merged", "integer", flag)
    .addColumn("created_at", t.time.type, time)
    .addColumn("ready_at", t.time.type, time)
    .addColumn("closed_at", t.time.type, t.time.column)
    .addColumn("merged_at", t.time.type, t.time.column)
    .addColumn("labels", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("additions", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("deletions", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("changed_files", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("head_sha", "text", (c) => c.notNull())
    .addColumn("ai_assisted", "integer", flag)
    .addColumn("updated_at", t.time.type, time)
    .addColumn("next_due_at", t.time.type, t.time.column)
    .addUniqueConstraint("pull_requests_repository_number", ["repository_id", "number"])
    .execute();
  await db.schema
    .createIndex("pull_requests_next_due_at")
    .on("pull_requests")
    .column("next_due_at")
    .execute();
  await db.schema
    .createIndex("pull_requests_installation")
    .on("pull_requests")
    .column("installation_id")
    .execute();
}

async function createReviewTables(db: Kysely<unknown>, t: ColumnTypes): Promise<void> {
  const pullRequest = (c: ColumnDefinitionBuilder) =>
    c.notNull().references("pull_requests.id").onDelete("cascade");
  await db.schema
    .createTable("review_requests")
    .addColumn("id", t.serial.type, t.serial.column)
    .addColumn("pull_request_id", t.id, pullRequest)
    .addColumn("reviewer_type", "text", (c) =>
      c.notNull().check(sql`reviewer_type in ('user', 'team')`),
    )
    .addColumn("reviewer", "text", (c) => c.notNull())
    .addColumn("requested_at", t.time.type, (c) => t.time.column(c.notNull()))
    .addColumn("removed_at", t.time.type, t.time.column)
    .addColumn("satisfied_at", t.time.type, t.time.column)
    .execute();
  await db.schema
    .createIndex("review_requests_pull_request")
    .on("review_requests")
    .column("pull_request_id")
    .execute();
  // At most one pending request per reviewer and pull request, even with concurrent webhooks.
  await db.schema
    .createIndex("review_requests_one_pending")
    .unique()
    .on("review_requests")
    .expression(sql`pull_request_id, reviewer_type, lower(reviewer)`)
    .where(sql.ref("removed_at"), "is", null)
    .where(sql.ref("satisfied_at"), "is", null)
    .execute();
  await db.schema
    .createTable("reviews")
    .addColumn("id", t.id, (c) => c.primaryKey())
    .addColumn("pull_request_id", t.id, pullRequest)
    .addColumn("reviewer", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("submitted_at", t.time.type, (c) => t.time.column(c.notNull()))
    .execute();
  await db.schema
    .createIndex("reviews_pull_request")
    .on("reviews")
    .column("pull_request_id")
    .execute();
  await db.schema
    .createIndex("reviews_submitted_at")
    .on("reviews")
    .column("submitted_at")
    .execute();
}

async function createOutboxTables(db: Kysely<unknown>, t: ColumnTypes): Promise<void> {
  const time = (c: ColumnDefinitionBuilder) => t.time.column(c.notNull());
  await db.schema
    .createTable("actions")
    .addColumn("id", t.serial.type, t.serial.column)
    .addColumn("key", "text", (c) => c.notNull().unique())
    .addColumn("installation_id", t.id, (c) => c.notNull())
    .addColumn("pull_request_id", t.id)
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("pending"))
    .addColumn("due_at", t.time.type, time)
    .addColumn("priority", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", t.time.type, time)
    .addColumn("lease_owner", "text")
    .addColumn("lease_expires_at", t.time.type, t.time.column)
    .addColumn("last_error", "text")
    .addColumn("performed_at", t.time.type, t.time.column)
    .addColumn("result", "text")
    .addColumn("created_at", t.time.type, time)
    .execute();
  // Claiming filters on status and walks (priority, due_at, id).
  await db.schema
    .createIndex("actions_claim")
    .on("actions")
    .columns(["status", "priority", "due_at", "id"])
    .execute();
  await db.schema
    .createIndex("actions_pull_request")
    .on("actions")
    .column("pull_request_id")
    .execute();
}

async function createCoordinationTables(db: Kysely<unknown>, t: ColumnTypes): Promise<void> {
  await db.schema
    .createTable("webhook_deliveries")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("event", "text", (c) => c.notNull())
    .addColumn("received_at", t.time.type, (c) => t.time.column(c.notNull()))
    .execute();
  await db.schema
    .createIndex("webhook_deliveries_received_at")
    .on("webhook_deliveries")
    .column("received_at")
    .execute();
  await db.schema
    .createTable("locks")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("owner", "text", (c) => c.notNull())
    .addColumn("expires_at", t.time.type, (c) => t.time.column(c.notNull()))
    .execute();
}

/** One row per pull request that has (or had) a checklist comment. */
async function createChecklistTable(db: Kysely<unknown>, t: ColumnTypes): Promise<void> {
  await db.schema
    .createTable("checklists")
    .addColumn("pull_request_id", t.id, (c) =>
      c.primaryKey().references("pull_requests.id").onDelete("cascade"),
    )
    .addColumn("comment_id", t.id)
    .addColumn("body_hash", "text")
    .addColumn("required_items", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("ai_assisted", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("evidence", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("check_run_id", t.id)
    .addColumn("head_sha", "text")
    .addColumn("check_run_conclusion", "text")
    .addColumn("check_run_hash", "text")
    .addColumn("deleted_at", t.time.type, t.time.column)
    .addColumn("updated_at", t.time.type, (c) => t.time.column(c.notNull()))
    .execute();
  // The issue_comment handler finds a checklist by its comment.
  await db.schema.createIndex("checklists_comment").on("checklists").column("comment_id").execute();
}

/** Names sort in the order they run; never edit a released migration, add the next one. */
export function migrationsFor(dialect: Dialect): Record<string, Migration> {
  const t = columnTypes(dialect);
  return {
    "0001_initial": {
      up: async (db: Kysely<unknown>) => {
        await createOwnershipTables(db, t);
        await createPullRequestTable(db, t);
        await createReviewTables(db, t);
        await createOutboxTables(db, t);
        await createCoordinationTables(db, t);
      },
    },
    "0002_checklists": {
      up: (db: Kysely<unknown>) => createChecklistTable(db, t),
    },
    "0003_assignment": {
      up: (db: Kysely<unknown>) => createAssignmentTables(db, t.time),
    },
    "0004_digests": digestsMigration(dialect),
    "0005_scale": scaleMigration(dialect),
    "0006_action_priority_bigint": {
      // Priorities reach ±10^12 (the webhook inbox runs first) and beyond 2^31 (deadlines in
      // minutes, reconciliation last): Postgres' integer holds ±2^31. SQLite integers are 64-bit.
      up: async (db: Kysely<unknown>) => {
        if (dialect !== "postgres") return;
        await sql`alter table actions alter column priority type bigint`.execute(db);
      },
    },
    "0007_claim_lanes": claimLanesMigration,
  };
}

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
