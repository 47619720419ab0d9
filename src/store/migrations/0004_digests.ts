// `0004_digests`: the sent digests and the Slack identity cache.
import { sql } from "kysely";
import type { ColumnDefinitionBuilder, Kysely, Migration } from "kysely";
import type { Dialect } from "../schema.js";

export function digests(dialect: Dialect): Migration {
  // Postgres compares the ISO text byte by byte, like SQLite, only with the "C" collation.
  const time = (c: ColumnDefinitionBuilder) =>
    dialect === "postgres" ? c.notNull().modifyEnd(sql`collate "C"`) : c.notNull();
  return {
    up: async (db: Kysely<unknown>) => {
      await db.schema
        .createTable("digests")
        .addColumn("scope_key", "text", (c) => c.notNull())
        .addColumn("period_start", "text", time)
        .addColumn("period_end", "text", time)
        .addColumn("installation_id", "bigint", (c) => c.notNull())
        .addColumn("scope_name", "text", (c) => c.notNull())
        .addColumn("channel", "text")
        .addColumn("message_ts", "text")
        .addColumn("sent_at", "text", time)
        .addPrimaryKeyConstraint("digests_pk", ["scope_key", "period_start"])
        .execute();
      await db.schema
        .createTable("slack_identities")
        .addColumn("login", "text", (c) => c.primaryKey())
        .addColumn("slack_user_id", "text")
        .addColumn("checked_at", "text", time)
        .execute();
    },
  };
}
