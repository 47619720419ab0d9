// The few column types that differ between SQLite and Postgres, shared by the migrations. A
// released migration's tables must not change: add a new type here rather than edit one.
import { sql } from "kysely";
import type { ColumnDefinitionBuilder } from "kysely";
import type { Dialect } from "../schema.js";

export type Column = (column: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;

export interface ColumnTypes {
  /** A GitHub id or a reference to one: up to 2^53. */
  id: "bigint";
  /** An id the database assigns. */
  serial: { type: "integer" | "bigint"; column: Column };
  /** An instant as ISO-8601 UTC text, compared byte by byte. */
  time: { type: "text"; column: Column };
}

export function columnTypes(dialect: Dialect): ColumnTypes {
  if (dialect === "postgres") {
    return {
      id: "bigint",
      serial: { type: "bigint", column: (c) => c.generatedByDefaultAsIdentity().primaryKey() },
      time: { type: "text", column: (c) => c.modifyEnd(sql`collate "C"`) },
    };
  }
  return {
    id: "bigint",
    // SQLite only autoincrements a column declared exactly "integer primary key".
    serial: { type: "integer", column: (c) => c.primaryKey().autoIncrement() },
    time: { type: "text", column: (c) => c },
  };
}
