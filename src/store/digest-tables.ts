// The tables of `0004_digests`: sent digests and the Slack identity cache, with their migration.
// Kept beside (not in) the shared `Database` type; `withDigestTables` adds them to a connection.
import { sql } from "kysely";
import type { ColumnDefinitionBuilder, Kysely, Migration } from "kysely";
import type { Database, Dialect, TimeText } from "./schema.js";

export interface DigestsTable {
  /** `installation:<id>` or `installation:<id>:<scope name>`. */
  scope_key: string;
  period_start: TimeText;
  period_end: TimeText;
  installation_id: number;
  scope_name: string;
  /** The channel Slack reported posting to; null for an incoming webhook. */
  channel: string | null;
  message_ts: string | null;
  sent_at: TimeText;
}

export interface SlackIdentitiesTable {
  /** Lower-case GitHub login. */
  login: string;
  /** Null records a miss: no public email, or no Slack user with that email. */
  slack_user_id: string | null;
  checked_at: TimeText;
}

// A type alias, not an interface: `withTables` needs an index-signature-compatible type.
export type DigestTables = {
  digests: DigestsTable;
  slack_identities: SlackIdentitiesTable;
};

/** The connection (or transaction), typed with the digest tables too. */
export function withDigestTables(db: Kysely<Database>) {
  return db.withTables<DigestTables>();
}

/** `0004_digests`: the sent digests and the Slack identity cache. */
export function digestsMigration(dialect: Dialect): Migration {
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
