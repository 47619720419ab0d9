// `0003_assignment`: the team-member cache (`team_fetches` says when a team was read, even if
// empty; `team_members` who) and the plans assignment actions made.
import type { ColumnDefinitionBuilder, Kysely, Migration } from "kysely";
import type { Dialect } from "../schema.js";
import { columnTypes } from "./column-types.js";

export function assignment(dialect: Dialect): Migration {
  const time = columnTypes(dialect).time;
  const at = (c: ColumnDefinitionBuilder) => time.column(c.notNull());
  return {
    up: async (db: Kysely<unknown>) => {
      await db.schema
        .createTable("team_fetches")
        .addColumn("installation_id", "bigint", (c) => c.notNull())
        .addColumn("team", "text", (c) => c.notNull())
        .addColumn("fetched_at", time.type, at)
        .addPrimaryKeyConstraint("team_fetches_pk", ["installation_id", "team"])
        .execute();
      await db.schema
        .createTable("team_members")
        .addColumn("installation_id", "bigint", (c) => c.notNull())
        .addColumn("team", "text", (c) => c.notNull())
        .addColumn("login", "text", (c) => c.notNull())
        .addColumn("fetched_at", time.type, at)
        .addPrimaryKeyConstraint("team_members_pk", ["installation_id", "team", "login"])
        .execute();
      await db.schema
        .createTable("assignment_plans")
        .addColumn("action_key", "text", (c) => c.primaryKey())
        .addColumn("plan", "text", (c) => c.notNull())
        .addColumn("updated_at", time.type, at)
        .execute();
    },
  };
}
