// Open PRs in next-due order, as each database's next-due index holds that time: the idle check
// and the sweep's pages must name the indexed expression exactly, or SQLite walks every open PR.
import { sql } from "kysely";
import type { RawBuilder } from "kysely";
import type { Dialect, TimeText } from "./schema.js";

/**
 * `p.next_due_at` as the index holds it: on SQLite a number, seconds since the epoch with the
 * milliseconds as fraction (migration 0014_next_due_order); on Postgres the text itself.
 */
export function nextDueKey(dialect: Dialect): RawBuilder<number | string> {
  const column = sql.ref("p.next_due_at");
  return dialect === "sqlite"
    ? sql<number>`unixepoch(${column}, 'subsec')`
    : sql<string>`${column}`;
}

/**
 * A stored next-due text as a value to compare with `nextDueKey`. On SQLite it is the very number
 * `unixepoch(text, 'subsec')` gives (whole milliseconds divided by 1000 in both), so equal texts
 * compare equal and order is kept.
 */
export function nextDueBound(dialect: Dialect, text: TimeText): number | string {
  return dialect === "sqlite" ? Date.parse(text) / 1000 : text;
}
