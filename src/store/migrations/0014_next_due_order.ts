// `0014_next_due_order`: on SQLite the next-due index holds each time as a number (seconds since
// the epoch, milliseconds as the fraction) instead of its 24-character text. A sweep moves every
// PR it evaluates to a new place in this index; with a million open PRs those places fall on
// thousands of different pages, and entries a third the size fill a third of the pages, so each
// batch dirties (writes, commits, checkpoints) far fewer. Postgres keeps its index on the text.
// Queries must spell the expression exactly so for SQLite to use the index (store/due-order.ts).
import { sql } from "kysely";
import type { Kysely, Migration } from "kysely";
import type { Dialect } from "../schema.js";

export function nextDueOrder(dialect: Dialect): Migration {
  return {
    up: async (db: Kysely<unknown>) => {
      if (dialect !== "sqlite") return;
      await sql`create index pull_requests_next_due on pull_requests (unixepoch(next_due_at, 'subsec'))`.execute(
        db,
      );
      await sql`drop index pull_requests_next_due_at`.execute(db);
    },
  };
}
