// `0006_action_priority_bigint`: priorities reach ±10^12 (the webhook inbox runs first) and beyond
// 2^31 (deadlines in minutes, reconciliation last): Postgres' integer holds ±2^31. SQLite
// integers are 64-bit already.
import { sql } from "kysely";
import type { Kysely, Migration } from "kysely";
import type { Dialect } from "../schema.js";

export function actionPriorityBigint(dialect: Dialect): Migration {
  return {
    up: async (db: Kysely<unknown>) => {
      if (dialect !== "postgres") return;
      await sql`alter table actions alter column priority type bigint`.execute(db);
    },
  };
}
