// Queries for the outbox of actions: enqueue once per key, lease to one worker at a time,
// record the outcome only for the worker that still holds the lease.
import { CompiledQuery, sql } from "kysely";
import type { Kysely, SqlBool } from "kysely";
import type { DateTime } from "luxon";
import { fromJsonStrings, fromTimeOrNull, toJson, toTime } from "./codec.js";
import {
  recordedKeysOfMany,
  markOutbox,
  outcomesOf,
  outcomesOfRun,
  settledSince,
} from "./outbox-reports.js";
import type { ActionOutcome, OutboxMark } from "./outbox-reports.js";
import { claimLane, idleLanes, lanesWithWork, leaseColumns } from "./outbox-lanes.js";
import type { IdleLaneQuery, LaneClaimOptions } from "./outbox-lanes.js";
import { releaseWaiting } from "./outbox-waiting.js";
import { byClaimOrder, toAction } from "./rows.js";
import type { Database, Dialect } from "./schema.js";

type Db = Kysely<Database>;

export type ActionStatus = "pending" | "done" | "failed";

export interface NewAction {
  /** Unique: the same key is never performed twice. */
  key: string;
  installationId: number;
  pullRequestId: number | null;
  kind: string;
  payload: unknown;
  /** When it may be performed. */
  dueAt: DateTime;
  /** Lower runs first among due actions (e.g. minus minutes overdue); stored as an integer. */
  priority: number;
}

export interface ActionRow extends NewAction {
  id: number;
  status: ActionStatus;
  attempts: number;
  nextAttemptAt: DateTime;
  leaseOwner: string | null;
  leaseExpiresAt: DateTime | null;
  lastError: string | null;
  performedAt: DateTime | null;
  result: unknown;
  createdAt: DateTime;
}

export interface ClaimOptions {
  owner: string;
  /** Machine time: leases, retry waits (`nextAttemptAt` after a failed attempt). */
  now: DateTime;
  /** Decision time: actions due by then are claimable (default: `now`). `sweep --at` runs ahead. */
  dueBy?: DateTime;
  leaseMs: number;
  limit: number;
  /** Only actions of these installations (all when omitted). */
  installationIds?: number[];
  /** Skip actions of these installations (rate-limited ones). */
  excludeInstallationIds?: number[];
}

export type { IdleLaneQuery, LaneClaimOptions } from "./outbox-lanes.js";

/** Actions recorded as done when inserted: their result by key, and when they were performed. */
export interface AppliedActions {
  at: DateTime;
  results: ReadonlyMap<string, unknown>;
  /** Who applied them, kept as the rows' `lease_owner` (as a worker's completed rows keep its). */
  owner: string;
}

export interface ClaimableInstallationsQuery {
  now: DateTime;
  dueBy?: DateTime;
  /** Only installations with a larger id (the round-robin cursor; the webhook lane is 0). */
  after: number;
  exclude: readonly number[];
  limit: number;
}

export interface ActionFilter {
  status?: ActionStatus;
  pullRequestId?: number;
  kind?: string;
}

export interface OutboxStore {
  /** Inserts the action unless its key exists; true when inserted. */
  enqueue(action: NewAction): Promise<boolean>;
  /**
   * Inserts several actions in one statement; returns the keys that were new. Those named in
   * `applied` are recorded as already done at `applied.at`, with their result (a webhook applied
   * in the transaction that records it).
   */
  enqueueMany(actions: readonly NewAction[], applied?: AppliedActions): Promise<Set<string>>;
  /**
   * The sweep's insert: adds the actions whose key is new, as pending, and ignores the others
   * (like `enqueueMany` without `applied`, but it does not say which keys were new).
   */
  enqueueSwept(actions: readonly NewAction[]): Promise<void>;
  /** Which of these lanes a transaction may apply at once (see `idleLanes`); in a transaction. */
  idleLanes(query: IdleLaneQuery): Promise<Set<number>>;
  /**
   * The keys of every action of a pull request (what the sweep must not plan again), including
   * those of actions retention deleted.
   */
  keysOf(pullRequestId: number): Promise<Set<string>>;
  /**
   * Which of `keys` are recorded for the pull request (`keysOf` limited to them): found by key,
   * so the cost does not grow with the PR's history. What the policy needs for its planned keys.
   */
  recordedKeys(pullRequestId: number, keys: readonly string[]): Promise<Set<string>>;
  /** `recordedKeys` for many pull requests (every id asked is in the map). */
  recordedKeysOfMany(
    asked: ReadonlyMap<number, readonly string[]>,
  ): Promise<Map<number, Set<string>>>;
  getByKey(key: string): Promise<ActionRow | null>;
  /**
   * Whether an action of `kind` for the pull request, recorded after action `afterId`, is still
   * pending: an action that writes the PR's current state can leave the writing to that one.
   */
  laterPending(kind: string, pullRequestId: number, afterId: number): Promise<boolean>;
  /**
   * Leases up to `limit` pending actions whose dueAt and nextAttemptAt have passed and whose lease
   * (if any) has expired, lowest priority first; increments their attempts. Safe across processes.
   */
  claim(options: ClaimOptions): Promise<ActionRow[]>;
  /**
   * Leases the next rows of an ordered lane, strictly in claim order (see `claimLane`): for the
   * holder of the lane's lock only.
   */
  claimLane(options: LaneClaimOptions): Promise<ActionRow[]>;
  /** Which of these lanes hold pending actions due by `dueBy`. */
  lanesWithWork(lanes: readonly number[], dueBy: DateTime): Promise<number[]>;
  /** Installations (ids above `after`, ascending) with at least one claimable action. */
  claimableInstallations(query: ClaimableInstallationsQuery): Promise<number[]>;
  /**
   * Marks the action done. Like `fail`, it changes nothing unless `owner` still holds the lease
   * (another worker may have claimed the action after this lease expired).
   */
  complete(id: number, owner: string, done: { at: DateTime; result: unknown }): Promise<void>;
  /**
   * `complete` for several actions at once (one statement per distinct result); returns how many
   * were still held by `owner` and are now done.
   */
  completeMany(
    done: readonly { id: number; result: unknown }[],
    owner: string,
    at: DateTime,
  ): Promise<number>;
  /**
   * Extends the lease `owner` holds on a pending action to `until`; false when the lease was lost
   * (it expired and another worker claimed the action, or the action is no longer pending).
   */
  renew(id: number, owner: string, until: DateTime): Promise<boolean>;
  /**
   * Records a failed attempt: retried at `retryAt` (still pending, lease released), or given up
   * (status failed) when null. Ignored unless `owner` still holds the lease.
   */
  fail(
    id: number,
    owner: string,
    failure: { error: string; retryAt: DateTime | null },
  ): Promise<void>;
  list(filter?: ActionFilter): Promise<ActionRow[]>;
  /**
   * Makes pending actions of `kinds` on the repository's PRs claimable now (they waited for its
   * configuration); skips actions a worker holds. Returns how many were released.
   */
  releaseWaiting(repositoryId: number, kinds: readonly string[], now: DateTime): Promise<number>;
  /** Outcomes (no payloads) of the actions with these keys. */
  outcomes(keys: readonly string[]): Promise<ActionOutcome[]>;
  /** Outcomes of a paged run of `kind`: the action `key` and its pages `key:p1`, `key:p2`… */
  outcomesOfRun(kind: string, key: string): Promise<ActionOutcome[]>;
  /** Where the outbox stands before a run, to ask later what the run settled. */
  mark(): Promise<OutboxMark>;
  /** Outcomes of the actions done or failed since `mark` (created after it, or pending then). */
  settledSince(mark: OutboxMark): Promise<ActionOutcome[]>;
  /** Pending actions due at or before `now` (the backlog): how many, and the dueAt of the oldest. */
  depth(now: DateTime): Promise<{ pending: number; oldestDueAt: DateTime | null }>;
  /**
   * `depth` split in two: pending due actions of the lanes at or below installation id `lane`
   * (the webhook inbox's lanes are 0 and the negative ids) and of every other installation.
   */
  depthByLane(now: DateTime, lane: number): Promise<{ lane: number; others: number }>;
  /**
   * Deletes done actions of one kind performed before `before`: applied webhook deliveries, whose
   * payloads are bulky and whose redelivery the handlers' own delivery record still catches.
   */
  pruneDone(kind: string, before: DateTime): Promise<number>;
}

export function outboxStore(db: Db, dialect: Dialect, now: () => DateTime): OutboxStore {
  return {
    enqueue: (action) => enqueueAction(db, action, now()),
    enqueueMany: (actions, applied) => enqueueActions(db, actions, now(), applied),
    enqueueSwept: (actions) => enqueueSweptActions(db, dialect, actions, now()),
    idleLanes: (query) => idleLanes(db, dialect, query, now()),
    keysOf: (pullRequestId) => actionKeys(db, pullRequestId),
    recordedKeys: (pullRequestId, keys) => recordedKeys(db, pullRequestId, keys),
    recordedKeysOfMany: (asked) => recordedKeysOfMany(db, asked),
    getByKey: (key) => getActionByKey(db, key),
    laterPending: (kind, pullRequestId, afterId) => laterPending(db, kind, pullRequestId, afterId),
    claim: (options) => claimActions(db, dialect, options),
    claimLane: (options) => claimLane(db, options),
    lanesWithWork: (lanes, dueBy) => lanesWithWork(db, lanes, dueBy),
    claimableInstallations: (query) => claimableInstallations(db, query),
    complete: (id, owner, done) => completeAction(db, id, owner, done),
    completeMany: (done, owner, at) => completeActions(db, done, owner, at),
    renew: (id, owner, until) => renewLease(db, id, owner, until),
    fail: (id, owner, failure) => failAction(db, id, owner, failure),
    list: (filter) => listActions(db, filter),
    releaseWaiting: (repositoryId, kinds, at) => releaseWaiting(db, repositoryId, kinds, at),
    outcomes: (keys) => outcomesOf(db, keys),
    outcomesOfRun: (kind, key) => outcomesOfRun(db, kind, key),
    mark: () => markOutbox(db),
    settledSince: (mark) => settledSince(db, mark),
    depth: (at) => outboxDepth(db, at),
    depthByLane: (at, lane) => outboxDepthByLane(db, at, lane),
    pruneDone: (kind, before) => pruneDoneActions(db, kind, before),
  };
}

/**
 * The row of a new action, pending and not yet attempted. The sweep's SQLite insert binds the
 * same values positionally (`enqueueSweptActions`, kept apart for speed): change both together.
 */
function pendingRow(action: NewAction, createdAt: string) {
  const dueAt = toTime(action.dueAt);
  return {
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
    created_at: createdAt,
  };
}

async function enqueueAction(db: Db, action: NewAction, now: DateTime): Promise<boolean> {
  const inserted = await db
    .insertInto("actions")
    .values(pendingRow(action, toTime(now)))
    .onConflict((oc) => oc.column("key").doNothing())
    .returning("id")
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Inserts several actions in one statement; returns the keys actually inserted (new ones). */
async function enqueueActions(
  db: Db,
  actions: readonly NewAction[],
  now: DateTime,
  applied?: AppliedActions,
): Promise<Set<string>> {
  if (actions.length === 0) return new Set();
  const createdAt = toTime(now);
  const performedAt = applied ? toTime(applied.at) : null;
  const rows = await db
    .insertInto("actions")
    .values(
      actions.map((action) => {
        const row = pendingRow(action, createdAt);
        if (applied?.results.has(action.key) !== true) return row;
        return {
          ...row,
          status: "done",
          attempts: 1,
          performed_at: performedAt,
          lease_owner: applied.owner,
          result: toJson(applied.results.get(action.key)),
        };
      }),
    )
    .onConflict((oc) => oc.column("key").doNothing())
    .returning("key")
    .execute();
  return new Set(rows.map((row) => row.key));
}

/** Rows per statement of the sweep's insert on SQLite (a remainder goes in powers of two). */
const SWEPT_ROWS = 500;
const sweptInserts = new Map<number, string>();

/** The text of an insert of `count` pending actions: one text per count, so each is prepared once. */
function sweptInsert(count: number): string {
  let text = sweptInserts.get(count);
  if (text === undefined) {
    const row = "(?, ?, ?, ?, ?, 'pending', ?, ?, 0, ?, ?)";
    text =
      "insert into actions (key, installation_id, pull_request_id, kind, payload, status, due_at, " +
      `priority, attempts, next_attempt_at, created_at) values ${Array(count).fill(row).join(", ")} ` +
      "on conflict (key) do nothing";
    sweptInserts.set(count, text);
  }
  return text;
}

/**
 * The sweep's batch insert. On SQLite the statements' texts are built once per row count (500
 * rows, then powers of two) and run as they are, so each is prepared once and no query tree of
 * thousands of values is compiled per batch; Postgres takes `enqueueActions`' multi-row insert.
 */
async function enqueueSweptActions(
  db: Db,
  dialect: Dialect,
  actions: readonly NewAction[],
  now: DateTime,
): Promise<void> {
  if (dialect === "postgres") {
    await enqueueActions(db, actions, now);
    return;
  }
  const createdAt = toTime(now);
  let done = 0;
  while (done < actions.length) {
    const left = actions.length - done;
    const count = left >= SWEPT_ROWS ? SWEPT_ROWS : 2 ** Math.floor(Math.log2(left));
    const parameters: unknown[] = [];
    // `pendingRow`'s values, bound in the order of `sweptInsert`'s columns.
    for (const action of actions.slice(done, done + count)) {
      const dueAt = toTime(action.dueAt);
      parameters.push(
        action.key,
        action.installationId,
        action.pullRequestId,
        action.kind,
        toJson(action.payload) ?? "null",
        dueAt,
        Math.round(action.priority),
        dueAt,
        createdAt,
      );
    }
    await db.executeQuery(CompiledQuery.raw(sweptInsert(count), parameters));
    done += count;
  }
}

/**
 * The keys of a PR's actions and those retention pruned (kept on the PR row), in one statement:
 * every applied webhook of a PR asks, so a second round trip would cost each of them.
 */
async function actionKeys(db: Db, pullRequestId: number): Promise<Set<string>> {
  const rows = await db
    .selectFrom("actions")
    .select(["key", sql<number>`0`.as("pruned")])
    .where("pull_request_id", "=", pullRequestId)
    .unionAll(
      db
        .selectFrom("pull_requests")
        .select([sql<string>`pruned_action_keys`.as("key"), sql<number>`1`.as("pruned")])
        .where("id", "=", pullRequestId),
    )
    .execute();
  const keys = new Set<string>();
  for (const row of rows) {
    if (Number(row.pruned) === 0) keys.add(row.key);
    else for (const key of fromJsonStrings(row.key ?? "[]")) keys.add(key);
  }
  return keys;
}

/**
 * `recordedKeysOfMany` for one pull request, in one statement (every applied webhook of a PR
 * asks, so a second round trip would cost each of them). No keys asked, no query.
 */
async function recordedKeys(
  db: Db,
  pullRequestId: number,
  asked: readonly string[],
): Promise<Set<string>> {
  const found = new Set<string>();
  if (asked.length === 0) return found;
  const wanted = new Set(asked);
  const rows = await db
    .selectFrom("actions")
    .select(["key", "pull_request_id as owner", sql<number>`0`.as("pruned")])
    .where("key", "in", [...wanted])
    .unionAll(
      db
        .selectFrom("pull_requests")
        .select([
          sql<string>`pruned_action_keys`.as("key"),
          "id as owner",
          sql<number>`1`.as("pruned"),
        ])
        .where("id", "=", pullRequestId)
        .where("pruned_action_keys", "is not", null),
    )
    .execute();
  for (const row of rows) {
    if (Number(row.pruned) === 0) {
      if (row.owner === pullRequestId) found.add(row.key);
    } else for (const key of fromJsonStrings(row.key ?? "[]")) if (wanted.has(key)) found.add(key);
  }
  return found;
}

async function laterPending(
  db: Db,
  kind: string,
  pullRequestId: number,
  afterId: number,
): Promise<boolean> {
  const row = await db
    .selectFrom("actions")
    .select("id")
    .where("pull_request_id", "=", pullRequestId)
    .where("kind", "=", kind)
    .where(sql<SqlBool>`status = 'pending'`)
    .where("id", ">", afterId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

async function getActionByKey(db: Db, key: string): Promise<ActionRow | null> {
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

/**
 * Installations with claimable work after the cursor, ascending. A `DISTINCT` over the claimable
 * rows read every pending row of every installation it passed (22 ms with 100,000 waiting in one),
 * and the worker asks at every pass. This walks the lane index instead, one probe per installation
 * with pending rows (the smallest id above the last one), and asks each only for its first
 * claimable row (a subquery with a limit, so Postgres cannot turn it into a join over every
 * claimable row); both databases stop the walk once `limit` installations are found.
 */
export async function claimableInstallations(
  db: Db,
  query: ClaimableInstallationsQuery,
): Promise<number[]> {
  const claimable = claimableRows(db, query)
    .select(sql<number>`1`.as("one"))
    .where("installation_id", "=", sql<number>`lanes.id`)
    .limit(1);
  const excluded =
    query.exclude.length > 0 ? sql`and lanes.id not in (${sql.join([...query.exclude])})` : sql``;
  const { rows } = await sql<{ id: number | string }>`
    with recursive lanes (id) as (
      select (select min(installation_id) from actions
              where status = 'pending' and installation_id > ${query.after})
      union all
      select (select min(next.installation_id) from actions next
              where next.status = 'pending' and next.installation_id > lanes.id)
      from lanes where lanes.id is not null
    )
    select lanes.id from lanes
    where lanes.id is not null ${excluded} and ${claimable} is not null
    limit ${query.limit}`.execute(db);
  return rows.map((row) => Number(row.id));
}

/** One UPDATE … WHERE id IN (SELECT … LIMIT n) RETURNING *: the selection and lease are atomic. */
async function claimActions(db: Db, dialect: Dialect, options: ClaimOptions): Promise<ActionRow[]> {
  if (options.limit <= 0 || options.installationIds?.length === 0) return [];
  const rows = await db
    .updateTable("actions")
    .set(leaseColumns(options))
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

async function completeAction(
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

async function completeActions(
  db: Db,
  done: readonly { id: number; result: unknown }[],
  owner: string,
  at: DateTime,
): Promise<number> {
  const byResult = new Map<string | null, number[]>();
  for (const { id, result } of done) {
    const json = toJson(result);
    byResult.set(json, [...(byResult.get(json) ?? []), id]);
  }
  let completed = 0;
  for (const [result, ids] of byResult) {
    const outcome = await db
      .updateTable("actions")
      .where("id", "in", ids)
      .where("lease_owner", "=", owner)
      .where("status", "=", "pending")
      .set({ status: "done", performed_at: toTime(at), result, lease_expires_at: null })
      .executeTakeFirst();
    completed += Number(outcome.numUpdatedRows);
  }
  return completed;
}

async function renewLease(db: Db, id: number, owner: string, until: DateTime): Promise<boolean> {
  const outcome = await leasedBy(db, id, owner)
    .set({ lease_expires_at: toTime(until) })
    .executeTakeFirst();
  return Number(outcome.numUpdatedRows) === 1;
}

async function failAction(
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

async function listActions(db: Db, filter: ActionFilter = {}): Promise<ActionRow[]> {
  let query = db.selectFrom("actions").selectAll();
  if (filter.status !== undefined) query = query.where("status", "=", filter.status);
  if (filter.pullRequestId !== undefined) {
    query = query.where("pull_request_id", "=", filter.pullRequestId);
  }
  if (filter.kind !== undefined) query = query.where("kind", "=", filter.kind);
  const rows = await query.orderBy("id").execute();
  return rows.map(toAction);
}

async function outboxDepth(
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

async function outboxDepthByLane(
  db: Db,
  now: DateTime,
  lane: number,
): Promise<{ lane: number; others: number }> {
  const rows = await db
    .selectFrom("actions")
    .where(sql<SqlBool>`status = 'pending'`)
    .where("due_at", "<=", toTime(now))
    .select((eb) => [
      eb.case().when("installation_id", "<=", lane).then(1).else(0).end().as("in_lane"),
      eb.fn.countAll<number>().as("pending"),
    ])
    .groupBy("in_lane")
    .execute();
  const count = (inLane: number) =>
    Number(rows.find((row) => Number(row.in_lane) === inLane)?.pending ?? 0);
  return { lane: count(1), others: count(0) };
}

/** Deletes done actions of a kind performed before `before` (bulky records nothing depends on). */
async function pruneDoneActions(db: Db, kind: string, before: DateTime): Promise<number> {
  const result = await db
    .deleteFrom("actions")
    .where("kind", "=", kind)
    .where("status", "=", "done")
    .where("performed_at", "<", toTime(before))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
