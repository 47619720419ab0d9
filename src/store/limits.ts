// The limits aggregate: the content-creation budget (comments, review requests) of each
// installation, shared by every replica on one database.
import { sql } from "kysely";
import type { Kysely } from "kysely";
import type { DateTime } from "luxon";
import { fromTime, toTime } from "./codec.js";
import type { Database, Dialect } from "./schema.js";

type Db = Kysely<Database>;

export interface LimitStore {
  /**
   * Takes one content-creation slot (a comment, a review request) for an installation when every
   * limit allows one now, recording it; otherwise returns when the next slot opens.
   */
  takeContentSlot(
    installationId: number,
    now: DateTime,
    limits: readonly ContentLimit[],
  ): Promise<DateTime | null>;
}

export function limitStore(db: Db, dialect: Dialect): LimitStore {
  return {
    takeContentSlot: (installationId, now, limits) =>
      takeContentSlot(db, dialect, installationId, now, limits),
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
async function takeContentSlot(
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
