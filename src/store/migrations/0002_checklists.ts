// `0002_checklists`: the checklist comment and check run of each pull request.
import type { Kysely, Migration } from "kysely";
import type { Dialect } from "../schema.js";
import { columnTypes } from "./column-types.js";
import type { ColumnTypes } from "./column-types.js";

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

export function checklists(dialect: Dialect): Migration {
  const t = columnTypes(dialect);
  return { up: (db: Kysely<unknown>) => createChecklistTable(db, t) };
}
