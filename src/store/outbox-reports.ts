// Bounded reads of the outbox, selecting no payloads: the action keys of a batch of PRs (the
// sweep's), outcomes by key, and what one run settled, so each costs what it asks about.
import { sql } from "kysely";
import type { Kysely } from "kysely";
import type { DateTime } from "luxon";
import { fromJson, fromJsonStrings, fromTime, fromTimeOrNull } from "./codec.js";
import type { ActionStatus } from "./outbox.js";
import type { Database } from "./schema.js";

type Db = Kysely<Database>;

/** An action's outcome without its payload. */
export interface ActionOutcome {
  id: number;
  key: string;
  kind: string;
  status: ActionStatus;
  lastError: string | null;
  nextAttemptAt: DateTime;
  performedAt: DateTime | null;
  result: unknown;
}

/** The outbox as a run starts: its newest id and the actions still pending then. */
export interface OutboxMark {
  lastId: number;
  pendingIds: number[];
}

/** Ids per `IN (…)`: well under both databases' limits on bound parameters. */
const CHUNK = 1_000;

function outcomes(db: Db) {
  return db
    .selectFrom("actions")
    .select([
      "id",
      "key",
      "kind",
      "status",
      "last_error",
      "next_attempt_at",
      "performed_at",
      "result",
    ]);
}

type OutcomeRow = {
  id: number;
  key: string;
  kind: string;
  status: string;
  last_error: string | null;
  next_attempt_at: string;
  performed_at: string | null;
  result: string | null;
};

function toOutcome(row: OutcomeRow): ActionOutcome {
  const status: ActionStatus =
    row.status === "done" ? "done" : row.status === "failed" ? "failed" : "pending";
  return {
    id: row.id,
    key: row.key,
    kind: row.kind,
    status,
    lastError: row.last_error,
    nextAttemptAt: fromTime(row.next_attempt_at),
    performedAt: fromTimeOrNull(row.performed_at),
    result: fromJson(row.result),
  };
}

async function inChunks<T, R>(items: readonly T[], fn: (chunk: T[]) => Promise<R[]>) {
  const all: R[] = [];
  for (let i = 0; i < items.length; i += CHUNK) all.push(...(await fn(items.slice(i, i + CHUNK))));
  return all;
}

export async function outcomesOf(db: Db, keys: readonly string[]): Promise<ActionOutcome[]> {
  const rows = await inChunks(keys, (chunk) => outcomes(db).where("key", "in", chunk).execute());
  return rows.map(toOutcome);
}

/** Runs of paged work (an import and its pages `<key>:p1`, `<key>:p2`…) by their first key. */
export async function outcomesOfRun(db: Db, kind: string, key: string): Promise<ActionOutcome[]> {
  const prefix = `${key}:p`;
  const rows = await outcomes(db)
    .where("kind", "=", kind)
    .where((eb) =>
      eb.or([eb("key", "=", key), eb(sql<string>`substr(key, 1, ${prefix.length})`, "=", prefix)]),
    )
    .orderBy("id")
    .execute();
  return rows.map(toOutcome);
}

export async function markOutbox(db: Db): Promise<OutboxMark> {
  const last = await db
    .selectFrom("actions")
    .select((eb) => eb.fn.max("id").as("last"))
    .executeTakeFirst();
  const pending = await db
    .selectFrom("actions")
    .select("id")
    .where("status", "=", "pending")
    .execute();
  return { lastId: Number(last?.last ?? 0), pendingIds: pending.map((row) => row.id) };
}

/** Actions done or failed since `mark`: created after it, or pending then. */
export async function settledSince(db: Db, mark: OutboxMark): Promise<ActionOutcome[]> {
  const settled = ["done", "failed"];
  const fresh = await outcomes(db)
    .where("id", ">", mark.lastId)
    .where("status", "in", settled)
    .orderBy("id")
    .execute();
  const older = await inChunks(mark.pendingIds, (chunk) =>
    outcomes(db).where("id", "in", chunk).where("status", "in", settled).execute(),
  );
  return [...older.sort((a, b) => a.id - b.id), ...fresh].map(toOutcome);
}

/** Keys per IN list: well under both databases' limits on bound parameters. */
const KEY_CHUNK = 4_000;

/**
 * Which of the keys asked for each pull request are recorded: an action of that PR with the key,
 * or a key retention moved to the PR's row. Looked up by key (the unique index), so the cost is
 * that of the keys asked, whatever history a PR has; the PR id is checked on the rows found, not
 * in the query, so no database picks the pull request index (every action of the PR) instead.
 */
export async function recordedKeysOfMany(
  db: Db,
  asked: ReadonlyMap<number, readonly string[]>,
): Promise<Map<number, Set<string>>> {
  const found = new Map([...asked.keys()].map((id) => [id, new Set<string>()]));
  const wanted = new Map([...asked].map(([id, keys]) => [id, new Set(keys)]));
  const keys = [...new Set([...asked.values()].flat())];
  for (let i = 0; i < keys.length; i += KEY_CHUNK) {
    const rows = await db
      .selectFrom("actions")
      .select(["pull_request_id", "key"])
      .where("key", "in", keys.slice(i, i + KEY_CHUNK))
      .execute();
    for (const row of rows)
      if (row.pull_request_id !== null && wanted.get(row.pull_request_id)?.has(row.key))
        found.get(row.pull_request_id)?.add(row.key);
  }
  const ids = [...asked].filter(([, keys]) => keys.length > 0).map(([id]) => id);
  if (ids.length === 0) return found;
  // Keys of actions retention deleted still count: a reopened PR is not reminded twice.
  const pruned = await db
    .selectFrom("pull_requests")
    .select(["id", "pruned_action_keys"])
    .where("id", "in", ids)
    .where("pruned_action_keys", "is not", null)
    .execute();
  for (const row of pruned)
    for (const key of fromJsonStrings(row.pruned_action_keys ?? "[]"))
      if (wanted.get(row.id)?.has(key)) found.get(row.id)?.add(key);
  return found;
}
