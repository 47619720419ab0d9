// Queries for the outbox of actions: enqueue once per key, lease to one worker at a time,
// record the outcome only for the worker that still holds the lease.
import { sql } from "kysely";
import type { Kysely, SqlBool } from "kysely";
import type { DateTime } from "luxon";
import { fromTimeOrNull, toJson, toTime } from "./codec.js";
import { byClaimOrder, toAction } from "./rows.js";
import type { Database, Dialect } from "./schema.js";
import type {
  ActionRow,
  ActionStatus,
  ClaimableInstallationsQuery,
  ClaimOptions,
  NewAction,
} from "./store.js";

type Db = Kysely<Database>;

export async function enqueueAction(db: Db, action: NewAction, now: DateTime): Promise<boolean> {
  const dueAt = toTime(action.dueAt);
  const inserted = await db
    .insertInto("actions")
    .values({
      key: action.key,
      installation_id: action.installationId,
      pull_request_id: action.pullRequestId,
      kind: action.kind,
      payload: toJson(action.payload) ?? "null",
      status: "pending",
      due_at: dueAt,
      priority: Math.round(action.priority),
      attempts: 0,
      next_attempt_at: dueAt,
      created_at: toTime(now),
    })
    .onConflict((oc) => oc.column("key").doNothing())
    .returning("id")
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Inserts several actions in one statement; returns the keys actually inserted (new ones). */
export async function enqueueActions(
  db: Db,
  actions: readonly NewAction[],
  now: DateTime,
): Promise<Set<string>> {
  if (actions.length === 0) return new Set();
  const createdAt = toTime(now);
  const rows = await db
    .insertInto("actions")
    .values(
      actions.map((action) => {
        const dueAt = toTime(action.dueAt);
        return {
          key: action.key,
          installation_id: action.installationId,
          pull_request_id: action.pullRequestId,
          kind: action.kind,
          payload: toJson(action.payload) ?? "null",
          status: "pending" as const,
          due_at: dueAt,
          priority: Math.round(action.priority),
          attempts: 0,
          next_attempt_at: dueAt,
          created_at: createdAt,
        };
      }),
    )
    .onConflict((oc) => oc.column("key").doNothing())
    .returning("key")
    .execute();
  return new Set(rows.map((row) => row.key));
}

export async function actionKeys(db: Db, pullRequestId: number): Promise<Set<string>> {
  const rows = await db
    .selectFrom("actions")
    .select("key")
    .where("pull_request_id", "=", pullRequestId)
    .execute();
  return new Set(rows.map((row) => row.key));
}

export async function getActionByKey(db: Db, key: string): Promise<ActionRow | null> {
  const row = await db.selectFrom("actions").selectAll().where("key", "=", key).executeTakeFirst();
  return row === undefined ? null : toAction(row);
}

/**
 * Rows a worker may take: pending (the literal lets both databases use the partial lane index),
 * due by the decision time, past any retry wait and lease by the machine time. A first attempt
 * has no retry wait: its next_attempt_at is its due time, which `sweep --at` may put ahead.
 */
function claimableRows(db: Db, times: { now: DateTime; dueBy?: DateTime }) {
  const now = toTime(times.now);
  return db
    .selectFrom("actions")
    .where(sql<SqlBool>`status = 'pending'`)
    .where("due_at", "<=", toTime(times.dueBy ?? times.now))
    .where((eb) => eb.or([eb("attempts", "=", 0), eb("next_attempt_at", "<=", now)]))
    .where((eb) => eb.or([eb("lease_expires_at", "is", null), eb("lease_expires_at", "<=", now)]));
}

function claimable(db: Db, dialect: Dialect, options: ClaimOptions) {
  let query = claimableRows(db, options).select("id");
  if (options.installationIds !== undefined) {
    query = query.where("installation_id", "in", options.installationIds);
  }
  if (options.excludeInstallationIds !== undefined && options.excludeInstallationIds.length > 0) {
    query = query.where("installation_id", "not in", options.excludeInstallationIds);
  }
  query = query.orderBy("priority").orderBy("due_at").orderBy("id").limit(options.limit);
  // Postgres: concurrent claimers skip each other's rows instead of waiting for them. SQLite
  // runs the whole UPDATE as one write transaction, which excludes other writers anyway.
  return dialect === "postgres" ? query.forUpdate().skipLocked() : query;
}

/** Installations with claimable work after the cursor, ascending: walks the lane index. */
export async function claimableInstallations(
  db: Db,
  query: ClaimableInstallationsQuery,
): Promise<number[]> {
  let select = claimableRows(db, query)
    .select("installation_id")
    .distinct()
    .where("installation_id", ">", query.after);
  if (query.exclude.length > 0) select = select.where("installation_id", "not in", query.exclude);
  const rows = await select.orderBy("installation_id").limit(query.limit).execute();
  return rows.map((row) => Number(row.installation_id));
}

/** One UPDATE … WHERE id IN (SELECT … LIMIT n) RETURNING *: the selection and lease are atomic. */
export async function claimActions(
  db: Db,
  dialect: Dialect,
  options: ClaimOptions,
): Promise<ActionRow[]> {
  if (options.limit <= 0 || options.installationIds?.length === 0) return [];
  const rows = await db
    .updateTable("actions")
    .set((eb) => ({
      lease_owner: options.owner,
      lease_expires_at: toTime(options.now.plus({ milliseconds: options.leaseMs })),
      attempts: eb("attempts", "+", 1),
    }))
    .where("id", "in", claimable(db, dialect, options))
    .returningAll()
    .execute();
  return rows.map(toAction).sort(byClaimOrder);
}

/** The lease holder's update: a worker whose lease was taken over changes nothing. */
function leasedBy(db: Db, id: number, owner: string) {
  return db
    .updateTable("actions")
    .where("id", "=", id)
    .where("lease_owner", "=", owner)
    .where("status", "=", "pending");
}

export async function completeAction(
  db: Db,
  id: number,
  owner: string,
  done: { at: DateTime; result: unknown },
): Promise<void> {
  await leasedBy(db, id, owner)
    .set({
      status: "done",
      performed_at: toTime(done.at),
      result: toJson(done.result),
      lease_expires_at: null,
    })
    .execute();
}

export async function failAction(
  db: Db,
  id: number,
  owner: string,
  failure: { error: string; retryAt: DateTime | null },
): Promise<void> {
  const outcome =
    failure.retryAt === null
      ? { status: "failed", lease_expires_at: null }
      : {
          next_attempt_at: toTime(failure.retryAt),
          lease_owner: null,
          lease_expires_at: null,
        };
  await leasedBy(db, id, owner)
    .set({ ...outcome, last_error: failure.error })
    .execute();
}

export async function listActions(
  db: Db,
  filter: { status?: ActionStatus; pullRequestId?: number; kind?: string } = {},
): Promise<ActionRow[]> {
  let query = db.selectFrom("actions").selectAll();
  if (filter.status !== undefined) query = query.where("status", "=", filter.status);
  if (filter.pullRequestId !== undefined) {
    query = query.where("pull_request_id", "=", filter.pullRequestId);
  }
  if (filter.kind !== undefined) query = query.where("kind", "=", filter.kind);
  const rows = await query.orderBy("id").execute();
  return rows.map(toAction);
}

export async function outboxDepth(
  db: Db,
  now: DateTime,
): Promise<{ pending: number; oldestDueAt: DateTime | null }> {
  const row = await db
    .selectFrom("actions")
    .where("status", "=", "pending")
    .where("due_at", "<=", toTime(now))
    .select((eb) => [
      eb.fn.countAll<number>().as("pending"),
      eb.fn.min<string | null>("due_at").as("oldest"),
    ])
    .executeTakeFirstOrThrow();
  return { pending: Number(row.pending), oldestDueAt: fromTimeOrNull(row.oldest) };
}

/** Deletes done actions of a kind performed before `before` (bulky records nothing depends on). */
export async function pruneDoneActions(db: Db, kind: string, before: DateTime): Promise<number> {
  const result = await db
    .deleteFrom("actions")
    .where("kind", "=", kind)
    .where("status", "=", "done")
    .where("performed_at", "<", toTime(before))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
