// Tables that keep a large installation within GitHub's limits: the content-creation budget
// shared by every replica, and per-repository reconciliation state (ETag of the open-PR list).
import { sql } from "kysely";
import type { ColumnDefinitionBuilder, Kysely, Migration } from "kysely";
import type { DateTime } from "luxon";
import { fromTime, fromTimeOrNull, toTime } from "./codec.js";
import type { Database, Dialect, TimeText } from "./schema.js";

type Db = Kysely<Database>;

export interface ContentWritesTable {
  installation_id: number;
  at: TimeText;
}

export interface RepositorySyncTable {
  repository_id: number;
  open_pulls_etag: string | null;
  reconciled_at: TimeText | null;
}

export interface RedeliveriesTable {
  delivery_id: string;
  requested_at: TimeText;
}

/** `0005_scale`: the content budget log, reconciliation state, and redelivered webhooks. */
export function scaleMigration(dialect: Dialect): Migration {
  const time = (c: ColumnDefinitionBuilder) =>
    dialect === "postgres" ? c.modifyEnd(sql`collate "C"`) : c;
  return {
    up: async (db: Kysely<unknown>) => {
      await db.schema
        .createTable("content_writes")
        .addColumn("installation_id", "bigint", (c) => c.notNull())
        .addColumn("at", "text", (c) => time(c.notNull()))
        .execute();
      await db.schema
        .createIndex("content_writes_installation_at")
        .on("content_writes")
        .columns(["installation_id", "at"])
        .execute();
      await db.schema
        .createTable("repository_sync")
        .addColumn("repository_id", "bigint", (c) => c.primaryKey())
        .addColumn("open_pulls_etag", "text")
        .addColumn("reconciled_at", "text", time)
        .execute();
      await db.schema
        .createTable("redeliveries")
        .addColumn("delivery_id", "text", (c) => c.primaryKey())
        .addColumn("requested_at", "text", (c) => time(c.notNull()))
        .execute();
    },
  };
}

export interface ContentLimit {
  windowMs: number;
  max: number;
}

/** The earliest instant a write fits all limits, given the writes so far (ascending); null: now. */
export function nextContentSlot(
  writes: readonly DateTime[],
  now: DateTime,
  limits: readonly ContentLimit[],
): DateTime | null {
  let slot: DateTime | null = null;
  for (const limit of limits) {
    const inWindow = writes.filter((w) => w.toMillis() > now.toMillis() - limit.windowMs);
    if (inWindow.length < limit.max) continue;
    // The write that must leave the window before one more fits.
    const leaving = inWindow[inWindow.length - limit.max];
    const free = leaving ? leaving.plus({ milliseconds: limit.windowMs + 1 }) : now;
    if (!slot || free > slot) slot = free;
  }
  return slot;
}

/**
 * Takes one content-creation slot for an installation if every limit allows it now (recording
 * it), else returns when the next slot opens. Serialised per installation across replicas.
 */
export async function takeContentSlot(
  db: Db,
  dialect: Dialect,
  installationId: number,
  now: DateTime,
  limits: readonly ContentLimit[],
): Promise<DateTime | null> {
  const run = async (tx: Db) => {
    if (dialect === "postgres") {
      await sql`select pg_advisory_xact_lock(hashtext(${`content:${installationId}`}))`.execute(tx);
    }
    const longest = Math.max(...limits.map((l) => l.windowMs));
    const rows = await tx
      .selectFrom("content_writes")
      .select("at")
      .where("installation_id", "=", installationId)
      .where("at", ">", toTime(now.minus({ milliseconds: longest })))
      .orderBy("at")
      .execute();
    const slot = nextContentSlot(
      rows.map((r) => fromTime(r.at)),
      now,
      limits,
    );
    if (slot) return slot;
    await tx
      .insertInto("content_writes")
      .values({ installation_id: installationId, at: toTime(now) })
      .execute();
    // Keep the log short: nothing older than the longest window matters.
    await tx
      .deleteFrom("content_writes")
      .where("installation_id", "=", installationId)
      .where("at", "<", toTime(now.minus({ milliseconds: longest * 2 })))
      .execute();
    return null;
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}

export async function getRepositorySync(
  db: Db,
  repositoryId: number,
): Promise<{ etag: string | null; reconciledAt: DateTime | null }> {
  const row = await db
    .selectFrom("repository_sync")
    .selectAll()
    .where("repository_id", "=", repositoryId)
    .executeTakeFirst();
  return {
    etag: row?.open_pulls_etag ?? null,
    reconciledAt: fromTimeOrNull(row?.reconciled_at ?? null),
  };
}

export async function setRepositorySync(
  db: Db,
  repositoryId: number,
  etag: string | null,
  at: DateTime,
): Promise<void> {
  await db
    .insertInto("repository_sync")
    .values({ repository_id: repositoryId, open_pulls_etag: etag, reconciled_at: toTime(at) })
    .onConflict((oc) =>
      oc.column("repository_id").doUpdateSet({ open_pulls_etag: etag, reconciled_at: toTime(at) }),
    )
    .execute();
}

/** True the first time a delivery is asked to be redelivered. */
export async function recordRedelivery(db: Db, deliveryId: string, at: DateTime): Promise<boolean> {
  const result = await db
    .insertInto("redeliveries")
    .values({ delivery_id: deliveryId, requested_at: toTime(at) })
    .onConflict((oc) => oc.column("delivery_id").doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}
