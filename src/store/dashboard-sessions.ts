// The dashboard's sessions aggregate: one row per signed-in browser, keyed by a hash of the
// session id, with the user's GitHub token already sealed by the caller. Expired rows are never
// returned and are deleted in small batches.
import type { Kysely } from "kysely";
import type { DateTime } from "luxon";
import { fromTime, toTime } from "./codec.js";
import type { Database } from "./schema.js";

type Db = Kysely<Database>;

export interface DashboardSessionRow {
  /** A hash of the session id; the id itself is only in the browser's cookie. */
  idHash: string;
  login: string;
  /** The user's GitHub token, encrypted (see src/http/dashboard/sessions.ts). */
  sealedToken: string;
  createdAt: DateTime;
  expiresAt: DateTime;
}

export interface DashboardSessionStore {
  create(session: DashboardSessionRow): Promise<void>;
  /** The session when it exists and has not expired at `now`; null otherwise. */
  get(idHash: string, now: DateTime): Promise<DashboardSessionRow | null>;
  delete(idHash: string): Promise<void>;
  /** Deletes up to `limit` sessions expired at `now`; returns how many. */
  pruneExpired(now: DateTime, limit: number): Promise<number>;
}

export function dashboardSessionStore(db: Db): DashboardSessionStore {
  return {
    async create(session) {
      await db
        .insertInto("dashboard_sessions")
        .values({
          id_hash: session.idHash,
          login: session.login,
          sealed_token: session.sealedToken,
          created_at: toTime(session.createdAt),
          expires_at: toTime(session.expiresAt),
        })
        .execute();
    },
    async get(idHash, now) {
      const row = await db
        .selectFrom("dashboard_sessions")
        .selectAll()
        .where("id_hash", "=", idHash)
        .where("expires_at", ">", toTime(now))
        .executeTakeFirst();
      if (row === undefined) return null;
      return {
        idHash: row.id_hash,
        login: row.login,
        sealedToken: row.sealed_token,
        createdAt: fromTime(row.created_at),
        expiresAt: fromTime(row.expires_at),
      };
    },
    async delete(idHash) {
      await db.deleteFrom("dashboard_sessions").where("id_hash", "=", idHash).execute();
    },
    async pruneExpired(now, limit) {
      const result = await db
        .deleteFrom("dashboard_sessions")
        .where("id_hash", "in", (eb) =>
          eb
            .selectFrom("dashboard_sessions")
            .select("id_hash")
            .where("expires_at", "<=", toTime(now))
            .orderBy("expires_at")
            .limit(limit),
        )
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
