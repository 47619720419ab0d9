// `0005_scale`: the content budget log, per-repository reconciliation state, and the failed
// webhook deliveries asked to be redelivered.
import { sql } from "kysely";
import type { ColumnDefinitionBuilder, Kysely, Migration } from "kysely";
import type { Dialect } from "../schema.js";

export function scale(dialect: Dialect): Migration {
  const time = (c: ColumnDefinitionBuilder) =>
    dialect === "postgres" ? c.modifyEnd(sql`collate "C"`) : c;
  return {
    up: async (db: Kysely<unknown>) => {
      await db.schema
        .createTable("content_writes")
        .addColumn("installation_id", "bigint", (c) => c.notNull())
        .addColumn("at", "text", (c) => time(c.notNull()))
        .execute();
      await db.schema
        .createIndex("content_writes_installation_at")
        .on("content_writes")
        .columns(["installation_id", "at"])
        .execute();
      await db.schema
        .createTable("repository_sync")
        .addColumn("repository_id", "bigint", (c) => c.primaryKey())
        .addColumn("open_pulls_etag", "text")
        .addColumn("reconciled_at", "text", time)
        .execute();
      await db.schema
        .createTable("redeliveries")
        .addColumn("delivery_id", "text", (c) => c.primaryKey())
        .addColumn("requested_at", "text", (c) => time(c.notNull()))
        .execute();
    },
  };
}
