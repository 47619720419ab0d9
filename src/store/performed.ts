// The terms that let a query of performed SLA actions use the partial index
// `actions_sla_performed` (migration 0015): SQLite uses a partial index only when the query's
// WHERE repeats the index's own terms, so they are written here once, as the index has them.
import { sql } from "kysely";
import type { RawBuilder, SqlBool } from "kysely";

/** Kinds the index holds once done: what the digest and the dashboard count. */
export const SLA_PERFORMED_KINDS = ["reminder", "escalation", "nudge", "reminder-dm"] as const;

/**
 * `status = 'done' and kind in (…)` of the table (or its alias) `table`, with the kinds as literals;
 * `true` when `kinds` asks for one the index does not hold (the query then reads as before).
 */
export function slaPerformed(
  table: "actions" | "a",
  kinds: readonly string[],
): RawBuilder<SqlBool> {
  const held: readonly string[] = SLA_PERFORMED_KINDS;
  if (!kinds.every((kind) => held.includes(kind))) return sql<SqlBool>`1 = 1`;
  const at = sql.raw(table);
  const list = sql.join(SLA_PERFORMED_KINDS.map((kind) => sql.lit(kind)));
  return sql<SqlBool>`${at}.status = 'done' and ${at}.kind in (${list})`;
}
