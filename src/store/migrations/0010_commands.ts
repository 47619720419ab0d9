// `0010_commands`: PR commands. A pull request remembers until when it is snoozed, and every
// command performed is recorded once (keyed by its comment or Slack click) for the digest.
import type { Kysely, Migration } from "kysely";
import type { Dialect } from "../schema.js";
import { columnTypes } from "./column-types.js";

export function commands(dialect: Dialect): Migration {
  const types = columnTypes(dialect);
  return {
    up: async (db: Kysely<unknown>) => {
      await db.schema
        .alterTable("pull_requests")
        .addColumn("snoozed_until", types.time.type, types.time.column)
        .execute();
      await db.schema
        .createTable("pr_commands")
        .addColumn("key", "text", (c) => c.primaryKey())
        .addColumn("installation_id", types.id, (c) => c.notNull())
        .addColumn("pull_request_id", types.id, (c) => c.notNull())
        .addColumn("command", "text", (c) => c.notNull())
        .addColumn("login", "text", (c) => c.notNull())
        .addColumn("detail", "text")
        .addColumn("performed_at", types.time.type, (c) => types.time.column(c.notNull()))
        .execute();
      await db.schema
        .createIndex("pr_commands_performed")
        .on("pr_commands")
        .columns(["installation_id", "performed_at"])
        .execute();
    },
  };
}
