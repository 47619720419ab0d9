// A migrated SQLite file per test, and the query plan SQLite picks for a query: for tests that
// hold a query to the index it must use.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CompiledQuery } from "kysely";
import type { Compilable } from "kysely";
import { openDatabase } from "../../src/store/database.js";
import type { OpenedDatabase } from "../../src/store/database.js";
import { migrateToLatest } from "../../src/store/migrate.js";

/** Opens a fresh migrated SQLite database before each test and removes it after; `db()` is it. */
export function migratedSqliteEachTest(): () => OpenedDatabase {
  let folder = "";
  let opened: OpenedDatabase | null = null;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), "review-sla-plan-"));
    opened = openDatabase(`sqlite:${join(folder, "app.db")}`);
    await migrateToLatest(opened.db, "sqlite");
  });
  afterEach(async () => {
    await opened?.db.destroy();
    await rm(folder, { recursive: true, force: true });
  });
  return () => {
    if (!opened) throw new Error("no database outside a test");
    return opened;
  };
}

/** `EXPLAIN QUERY PLAN` of `query`: one line per step. */
export async function planOf(opened: OpenedDatabase, query: Compilable): Promise<string[]> {
  const { sql: text, parameters } = query.compile();
  const explained = CompiledQuery.raw(`explain query plan ${text}`, [...parameters]);
  const result = await opened.db.executeQuery<{ detail: string }>(explained);
  return result.rows.map((row) => row.detail);
}
