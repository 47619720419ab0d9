// `0013_dashboard_sessions`: dashboard sessions in the database, so that any replica serves a
// signed-in user and a restart signs nobody out. A row holds a hash of the session id (the cookie
// keeps the id itself) and the user's GitHub token sealed with a key derived from SESSION_SECRET.
import type { Kysely, Migration } from "kysely";
import type { Dialect } from "../schema.js";
import { columnTypes } from "./column-types.js";

export function dashboardSessions(dialect: Dialect): Migration {
  const types = columnTypes(dialect);
  return {
    up: async (db: Kysely<unknown>) => {
      await db.schema
        .createTable("dashboard_sessions")
        .addColumn("id_hash", "text", (c) => c.primaryKey())
        .addColumn("login", "text", (c) => c.notNull())
        .addColumn("sealed_token", "text", (c) => c.notNull())
        .addColumn("created_at", types.time.type, (c) => types.time.column(c.notNull()))
        .addColumn("expires_at", types.time.type, (c) => types.time.column(c.notNull()))
        .execute();
      await db.schema
        .createIndex("dashboard_sessions_expires")
        .on("dashboard_sessions")
        .column("expires_at")
        .execute();
    },
  };
}
