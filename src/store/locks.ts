// Named locks that let one process of several run a sweep or a digest: a Postgres advisory lock
// held on one connection, or on SQLite a lease row that expires if its holder dies.
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import type { Kysely, RawBuilder } from "kysely";
import type { DateTime } from "luxon";
import { toTime } from "./codec.js";
import type { Database } from "./schema.js";

type Db = Kysely<Database>;
type LockResult<T> = { acquired: true; result: T } | { acquired: false };

/** How long an SQLite lock survives a holder that died without releasing it. */
export const SQLITE_LOCK_LEASE_MINUTES = 10;

/**
 * Advisory locks are per database, not per schema: an app in its own `?schema=` names its locks
 * after that schema, or it would skip its sweeps (and webhook lane) whenever another app in the
 * same database held them. The default schema keeps the plain name, as before.
 */
function lockKey(name: string) {
  return advisoryKey(sql`${name}`);
}

/** The advisory lock key of a lock name given as an SQL text expression (see `lockKey`). */
export function advisoryKey(name: RawBuilder<unknown>) {
  return sql`hashtext(case when current_schema() = 'public' then ${name} else current_schema() || ':' || ${name} end)`;
}

/** Lock and unlock must use the same session: a transaction is one, otherwise reserve one. */
export async function withAdvisoryLock<T>(
  db: Db,
  name: string,
  fn: () => Promise<T>,
): Promise<LockResult<T>> {
  if (db.isTransaction) return holdAdvisoryLock(db, name, fn);
  return db.connection().execute((session) => holdAdvisoryLock(session, name, fn));
}

async function holdAdvisoryLock<T>(
  session: Db,
  name: string,
  fn: () => Promise<T>,
): Promise<LockResult<T>> {
  const { rows } = await sql<{
    acquired: boolean;
  }>`select pg_try_advisory_lock(${lockKey(name)}) as acquired`.execute(session);
  if (rows[0]?.acquired !== true) return { acquired: false };
  try {
    return { acquired: true, result: await fn() };
  } finally {
    await sql`select pg_advisory_unlock(${lockKey(name)})`.execute(session);
  }
}

/** Takes the row when it is free or its lease has expired, in one statement, then releases it. */
export async function withLeaseLock<T>(
  db: Db,
  name: string,
  now: DateTime,
  fn: () => Promise<T>,
): Promise<LockResult<T>> {
  const owner = randomUUID();
  const expiresAt = toTime(now.plus({ minutes: SQLITE_LOCK_LEASE_MINUTES }));
  const taken = await db
    .insertInto("locks")
    .values({ name, owner, expires_at: expiresAt })
    .onConflict((oc) =>
      oc
        .column("name")
        .doUpdateSet({ owner, expires_at: expiresAt })
        .where("locks.expires_at", "<=", toTime(now)),
    )
    .returning("owner")
    .executeTakeFirst();
  if (taken === undefined) return { acquired: false };
  try {
    return { acquired: true, result: await fn() };
  } finally {
    await db.deleteFrom("locks").where("name", "=", name).where("owner", "=", owner).execute();
  }
}
