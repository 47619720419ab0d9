// Opens the database named by DATABASE_URL: an SQLite file (the default) or a Postgres pool.
import { mkdirSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import SqliteDatabase from "better-sqlite3";
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, SqliteDriver } from "kysely";
import type { DatabaseConnection, Driver, SqliteDialectConfig } from "kysely";
import pg from "pg";
import type { Database, Dialect } from "./schema.js";

export interface OpenedDatabase {
  db: Kysely<Database>;
  dialect: Dialect;
  /** Where the data lives, safe to log (never a password). */
  describe: string;
  /** The Postgres schema chosen with `?schema=`, when one was. */
  schema?: string;
  /** Throws when the SQLite file opened is no longer at its path (deleted or replaced). */
  verify?: () => void;
}

const DEFAULT_SQLITE_PATH = "./data/review-sla.db";
const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
const INT8_OID = 20;

export function openDatabase(url: string | undefined): OpenedDatabase {
  const value = url?.trim() ?? "";
  if (value === "") return openSqlite(DEFAULT_SQLITE_PATH);
  if (value.startsWith("sqlite:")) return openSqlite(value.slice("sqlite:".length));
  if (value.startsWith("postgres://") || value.startsWith("postgresql://")) {
    return openPostgres(value);
  }
  throw new Error(
    `DATABASE_URL is not supported: it starts with "${value.split(":")[0]}". Use one of: ` +
      `unset (SQLite file ${DEFAULT_SQLITE_PATH}), "sqlite:<path>", "sqlite::memory:", ` +
      `"postgres://user:password@host:5432/database" or "postgresql://…" ` +
      `(optionally with "?schema=NAME").`,
  );
}

function openSqlite(path: string): OpenedDatabase {
  if (path === "") {
    throw new Error('DATABASE_URL "sqlite:" needs a path, e.g. "sqlite:./data/app.db".');
  }
  const memory = path === ":memory:";
  if (!memory) mkdirSync(dirname(resolve(path)), { recursive: true });
  let opened: FileIdentity | null = null;
  const dialect = new ImmediateSqliteDialect({
    database: () => {
      const connection = new SqliteDatabase(path);
      if (!memory) opened = identityOf(path);
      if (!memory) connection.pragma("journal_mode = WAL");
      // In WAL mode NORMAL never corrupts the database; a power cut may lose the last commits,
      // which GitHub's redelivery and the reconciliation pass recover. FULL would fsync every
      // webhook.
      connection.pragma("synchronous = NORMAL");
      connection.pragma("busy_timeout = 5000");
      connection.pragma("foreign_keys = ON");
      reusePreparedStatements(connection);
      return Promise.resolve(connection);
    },
  });
  return {
    db: new Kysely<Database>({ dialect }),
    dialect: "sqlite",
    describe: memory ? "sqlite (in memory)" : `sqlite ${path}`,
    ...(memory ? {} : { verify: () => verifyFile(path, opened) }),
  };
}

/** Statements kept per connection; a full cache starts over (queries with long IN lists vary). */
const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query anew, and preparing costs as much as running the small queries a
 * webhook makes: keep each SQL text's statement and run it again. A statement still being
 * iterated (a streamed query) is busy, so that query gets a fresh one.
 */
function reusePreparedStatements(connection: SqliteDatabase.Database): void {
  const prepare = connection.prepare.bind(connection);
  const statements = new Map<string, SqliteDatabase.Statement>();
  const cached = (source: string): SqliteDatabase.Statement => {
    const known = statements.get(source);
    if (known && !known.busy) return known;
    const fresh = prepare(source);
    if (known) return fresh;
    if (statements.size >= STATEMENT_CACHE_SIZE) statements.clear();
    statements.set(source, fresh);
    return fresh;
  };
  connection.prepare = cached as typeof connection.prepare;
}

interface FileIdentity {
  dev: number;
  ino: number;
}

function identityOf(path: string): FileIdentity | null {
  try {
    const stat = statSync(path);
    return { dev: stat.dev, ino: stat.ino };
  } catch {
    return null;
  }
}

/**
 * An open handle keeps reading and writing a database file after it was deleted (or replaced by
 * another file), so a query alone says nothing: the file at the path must be the one opened.
 */
function verifyFile(path: string, opened: FileIdentity | null): void {
  if (opened === null) return;
  const now = identityOf(path);
  if (now === null) {
    throw new Error(
      `The SQLite database file ${path} is gone: writes go to a deleted file and will be lost. ` +
        "Restore the file or restart the app.",
    );
  }
  if (now.dev !== opened.dev || now.ino !== opened.ino) {
    throw new Error(
      `The SQLite database file ${path} was replaced since it was opened; restart the app to use it.`,
    );
  }
}

/**
 * Transactions take SQLite's write lock when they begin, so another process's write makes them
 * wait (busy_timeout) instead of failing: a deferred transaction that has read and then writes
 * gets SQLITE_BUSY at once, without waiting. Our transactions all write.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly settings: SqliteDialectConfig) {
    super(settings);
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.settings);
  }
}

function openPostgres(value: string): OpenedDatabase {
  const url = parseUrl(value);
  const schema = url.searchParams.get("schema") ?? undefined;
  url.searchParams.delete("schema");
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new Error(
      `DATABASE_URL has an invalid schema "${schema}": use letters, digits and underscores.`,
    );
  }
  const pool = new pg.Pool({ connectionString: url.toString(), types: int8AsNumber() });
  // An idle client that loses its server emits "error"; unhandled, that would end the process.
  // The next query reports the problem instead.
  pool.on("error", () => undefined);
  const dialect = new PostgresDialect({
    pool,
    onCreateConnection: schema === undefined ? undefined : (c) => useSchema(c, schema),
  });
  const where = `${decodeURIComponent(url.username) || "(default user)"}@${url.host}${url.pathname}`;
  return {
    db: new Kysely<Database>({ dialect }),
    dialect: "postgres",
    describe: `postgres ${where}${schema === undefined ? "" : ` (schema ${schema})`}`,
    ...(schema === undefined ? {} : { schema }),
  };
}

function parseUrl(value: string): URL {
  try {
    return new URL(value);
  } catch {
    throw new Error(
      'DATABASE_URL is not a valid URL: expected "postgres://user:password@host:5432/database".',
    );
  }
}

/** GitHub ids exceed 2^31 but fit in 2^53: read bigint (and count(*)) as a JS number. */
function int8AsNumber(): pg.TypeOverrides {
  const types = new pg.TypeOverrides();
  types.setTypeParser(INT8_OID, "text", Number);
  return types;
}

async function useSchema(connection: DatabaseConnection, schema: string): Promise<void> {
  try {
    await connection.executeQuery(CompiledQuery.raw(`create schema if not exists "${schema}"`));
  } catch (error) {
    // Two connections creating the schema at once: one loses the race, the schema exists.
    if (!isDuplicate(error)) throw error;
  }
  await connection.executeQuery(CompiledQuery.raw(`set search_path to "${schema}"`));
}

function isDuplicate(error: unknown): boolean {
  const code = typeof error === "object" && error !== null && "code" in error ? error.code : null;
  return code === "42P06" || code === "23505";
}
