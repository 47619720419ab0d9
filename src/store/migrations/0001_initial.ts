// `0001_initial`: installations, repositories, pull requests with their review history, the
// action outbox, delivery ids and locks.
import { sql } from "kysely";
import type { ColumnDefinitionBuilder, Kysely, Migration } from "kysely";
import type { Dialect } from "../schema.js";
import { columnTypes } from "./column-types.js";
import type { ColumnTypes } from "./column-types.js";

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

export function initial(dialect: Dialect): Migration {
  const t = columnTypes(dialect);
  return {
    up: async (db: Kysely<unknown>) => {
      await createOwnershipTables(db, t);
      await createPullRequestTable(db, t);
      await createReviewTables(db, t);
      await createOutboxTables(db, t);
      await createCoordinationTables(db, t);
    },
  };
}
