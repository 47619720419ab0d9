// Claims for ordered lanes (the webhook inbox): a lane's rows are taken strictly in claim order,
// never past a row another worker still holds, and never past a fence set by other lanes' rows.
// Every query reads a bounded slice of the partial lane index, however long the lane's backlog.
import { sql } from "kysely";
import type { ExpressionBuilder, Kysely, RawBuilder, SqlBool } from "kysely";
import type { DateTime } from "luxon";
import { toTime } from "./codec.js";
import { advisoryKey } from "./locks.js";
import type { ActionRow } from "./outbox.js";
import { byClaimOrder, toAction } from "./rows.js";
import type { Database, Dialect } from "./schema.js";

type Db = Kysely<Database>;

/** What every claim writes to the rows it takes: the lease, and one more attempt. */
export function leaseColumns(lease: { owner: string; now: DateTime; leaseMs: number }) {
  return (eb: ExpressionBuilder<Database, "actions">) => ({
    lease_owner: lease.owner,
    lease_expires_at: toTime(lease.now.plus({ milliseconds: lease.leaseMs })),
    attempts: eb("attempts", "+", 1),
  });
}

export interface LaneClaimOptions {
  owner: string;
  /** Machine time: leases and retry waits. */
  now: DateTime;
  /** Decision time: rows due by then are claimable (default: `now`). */
  dueBy?: DateTime;
  leaseMs: number;
  limit: number;
  /** The lane: the installation id its rows carry. */
  lane: number;
  /**
   * Lanes whose oldest pending row (in claim order) is a fence: only this lane's rows before
   * the earliest such row are taken.
   */
  fencedBy?: readonly number[];
}

/** Pending rows of a lane, in claim order: the partial index `actions_claim_lane`, no more. */
function pendingOf(db: Db, lane: number) {
  return db
    .selectFrom("actions")
    .where(sql<SqlBool>`status = 'pending'`)
    .where("installation_id", "=", lane)
    .orderBy("priority")
    .orderBy("due_at")
    .orderBy("id");
}

/** The oldest pending row of each lane, in claim order (one index probe per lane). */
async function headsOf(db: Db, lanes: readonly number[]): Promise<ActionRow[]> {
  const heads: ActionRow[] = [];
  // One at a time: a barrier is rare, and the pool's connections are better left to the lanes.
  for (const lane of lanes) {
    const row = await pendingOf(db, lane).selectAll().limit(1).executeTakeFirst();
    if (row !== undefined) heads.push(toAction(row));
  }
  return heads;
}

/**
 * The lane's next rows, in claim order, up to the fence: stops at the first row whose lease
 * another worker still holds (a replica that died mid-batch: its rows wait for their lease to
 * expire rather than be overtaken), skips rows waiting for a retry, then leases what it took.
 */
export async function claimLane(db: Db, options: LaneClaimOptions): Promise<ActionRow[]> {
  if (options.limit <= 0) return [];
  const now = options.now.toMillis();
  const window = (
    await pendingOf(db, options.lane)
      .selectAll()
      .where("due_at", "<=", toTime(options.dueBy ?? options.now))
      .limit(options.limit)
      .execute()
  ).map(toAction);
  const fence = (await headsOf(db, options.fencedBy ?? [])).sort(byClaimOrder)[0];
  const taken: number[] = [];
  for (const row of window) {
    if (fence !== undefined && byClaimOrder(row, fence) >= 0) break;
    if (row.leaseExpiresAt !== null && row.leaseExpiresAt.toMillis() > now) break;
    if (row.attempts > 0 && row.nextAttemptAt.toMillis() > now) continue;
    taken.push(row.id);
  }
  if (taken.length === 0) return [];
  const nowText = toTime(options.now);
  const rows = await db
    .updateTable("actions")
    .set(leaseColumns(options))
    .where("id", "in", taken)
    .where("status", "=", "pending")
    .where((eb) =>
      eb.or([eb("lease_expires_at", "is", null), eb("lease_expires_at", "<=", nowText)]),
    )
    .returningAll()
    .execute();
  return rows.map(toAction).sort(byClaimOrder);
}

/**
 * Which of `lanes` hold a pending row due by `dueBy`: one statement, one index probe per lane
 * (`values` names its column `column1` on both databases).
 */
export async function lanesWithWork(
  db: Db,
  lanes: readonly number[],
  dueBy: DateTime,
): Promise<number[]> {
  if (lanes.length === 0) return [];
  const list = sql.join(lanes.map((lane) => sql`(${sql.lit(Math.trunc(lane))})`));
  const { rows } = await sql<{ lane: number | string }>`
    select v.column1 as lane from (values ${list}) as v
    where exists (
      select 1 from actions a
      where a.status = 'pending' and a.installation_id = v.column1 and a.due_at <= ${toTime(dueBy)}
    )`.execute(db);
  const found = new Set(rows.map((row) => Number(row.lane)));
  return lanes.filter((lane) => found.has(lane));
}

export interface IdleLaneQuery {
  lanes: readonly number[];
  /** A lane whose pending rows hold back every other lane (the inbox's barrier). */
  barrier?: number;
  /**
   * Postgres: how long the rest of the transaction may wait for a lock another transaction holds
   * (a lane, a row; `lock_timeout`, default 2,000 ms); past it the statement fails and the
   * transaction rolls back, instead of keeping a webhook's answer waiting.
   */
  lockTimeoutMs?: number;
}

/**
 * Which of `lanes` this transaction may apply at once: no pending row waits in the lane or in the
 * barrier, and no worker holds the lane. A lane that is not idle is left to the worker, which
 * keeps its arrival order.
 */
export async function idleLanes(
  db: Db,
  dialect: Dialect,
  query: IdleLaneQuery,
  now: DateTime,
): Promise<Set<number>> {
  // Ascending: transactions that take several lanes take them in one order, so none deadlock.
  const lanes = [...new Set(query.lanes.map((lane) => Math.trunc(lane)))].sort((a, b) => a - b);
  if (lanes.length === 0) return new Set();
  const barrierBusy =
    query.barrier === undefined ? sql`false` : pendingIn(sql.lit(Math.trunc(query.barrier)));
  return dialect === "postgres"
    ? postgresIdleLanes(db, lanes, barrierBusy, query.lockTimeoutMs ?? 2_000)
    : sqliteIdleLanes(db, lanes, barrierBusy, now);
}

function pendingIn(lane: RawBuilder<unknown>) {
  return sql`exists (select 1 from actions a where a.status = 'pending' and a.installation_id = ${lane})`;
}

/** `(lane, 'lane:<lane>')` rows for a `values` list (`column1`, `column2` on both databases). */
function laneValues(lanes: readonly number[]) {
  return sql.join(lanes.map((lane) => sql`(${sql.lit(lane)}, ${`lane:${lane}`})`));
}

/** SQLite: the transaction already excludes every other writer; a lane's worker holds its lease row. */
async function sqliteIdleLanes(
  db: Db,
  lanes: readonly number[],
  barrierBusy: RawBuilder<unknown>,
  now: DateTime,
): Promise<Set<number>> {
  const { rows } = await sql<{ lane: number | string }>`
    select v.column1 as lane from (values ${laneValues(lanes)}) as v
    where not ${pendingIn(sql`v.column1`)} and not ${barrierBusy} and not exists (
      select 1 from locks l where l.name = v.column2 and l.expires_at > ${toTime(now)})`.execute(
    db,
  );
  return new Set(rows.map((row) => Number(row.lane)));
}

/**
 * Postgres: each lane with nothing pending is locked for the rest of the transaction, under the
 * key `withLock("lane:<id>")` uses. A lane another transaction holds (another replica applying
 * that repository's deliveries) is waited for, at most `lockTimeoutMs` (`lock_timeout`, also for
 * the rest of the transaction; past it the transaction fails and its batch is recorded pending),
 * rather than handed to the worker: a delivery left pending would hold every later one of its
 * lane behind it. Once locked, the lanes are checked again with a fresh snapshot, since their
 * holder may have left rows pending.
 */
async function postgresIdleLanes(
  db: Db,
  lanes: readonly number[],
  barrierBusy: RawBuilder<unknown>,
  lockTimeoutMs: number,
): Promise<Set<number>> {
  const timeout = `${Math.max(1, Math.trunc(lockTimeoutMs))}ms`;
  const { rows } = await sql<{ lane: number | string }>`
    select v.column1 as lane from (values ${laneValues(lanes)}) as v
    where case
      when set_config('lock_timeout', ${timeout}, true) is null then false
      when ${pendingIn(sql`v.column1`)} or ${barrierBusy} then false
      else pg_advisory_xact_lock(${advisoryKey(sql`v.column2`)})::text = '' end`.execute(db);
  const locked = rows.map((row) => Number(row.lane));
  if (locked.length === 0) return new Set();
  const { rows: busy } = await sql<{ lane: number | string }>`
    select v.column1 as lane from (values ${laneValues(locked)}) as v
    where ${pendingIn(sql`v.column1`)} or ${barrierBusy}`.execute(db);
  const waiting = new Set(busy.map((row) => Number(row.lane)));
  return new Set(locked.filter((lane) => !waiting.has(lane)));
}
