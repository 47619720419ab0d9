// The retention aggregate: deletes what exactly-once no longer depends on, in short batches, so
// the tables stop growing while no pass holds a long transaction. What is kept, and why, is
// written down in docs/operations.md ("Storage and retention").
import type { Kysely } from "kysely";
import type { DateTime } from "luxon";
import { fromJsonStrings, toTime } from "./codec.js";
import type { Database } from "./schema.js";

type Db = Kysely<Database>;

const FINISHED = ["done", "failed"];

export interface RetentionStore {
  /** Done actions of `kind` performed before `before` (applied webhook payloads), up to `limit`. */
  pruneDone(kind: string, before: DateTime, limit: number): Promise<number>;
  /**
   * Finished actions of pull requests closed before `before` (and created before it). Their keys
   * move to the pull request's row, where `outbox.keysOf` still finds them.
   */
  pruneClosedPullRequests(before: DateTime, limit: number): Promise<number>;
  /** Finished actions of these kinds that belong to no pull request, created before `before`. */
  pruneUnbound(kinds: readonly string[], before: DateTime, limit: number): Promise<number>;
  /** Delivery ids received, and redelivery requests made, before `before`. */
  pruneDeliveries(before: DateTime, limit: number): Promise<number>;
  /** Assignment plans last written before `before` whose action no longer exists. */
  prunePlans(before: DateTime, limit: number): Promise<number>;
}

export function retentionStore(db: Db): RetentionStore {
  return {
    pruneDone: (kind, before, limit) => pruneDone(db, kind, before, limit),
    pruneClosedPullRequests: (before, limit) =>
      atomically(db, (tx) => pruneClosedPullRequests(tx, before, limit)),
    pruneUnbound: (kinds, before, limit) => pruneUnbound(db, kinds, before, limit),
    pruneDeliveries: (before, limit) => pruneDeliveries(db, before, limit),
    prunePlans: (before, limit) => prunePlans(db, before, limit),
  };
}

/** The keys retention moved to a pull request's row. */
export async function prunedKeysOf(db: Db, pullRequestId: number): Promise<string[]> {
  const row = await db
    .selectFrom("pull_requests")
    .select("pruned_action_keys")
    .where("id", "=", pullRequestId)
    .executeTakeFirst();
  return fromJsonStrings(row?.pruned_action_keys ?? "[]");
}

function atomically<T>(db: Db, fn: (db: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}

/** Deletes the selected actions (a bounded page): every prune step ends here. */
async function deleteActions(db: Db, rows: readonly { id: number }[]): Promise<number> {
  if (rows.length === 0) return 0;
  const ids = rows.map((row) => row.id);
  const result = await db.deleteFrom("actions").where("id", "in", ids).executeTakeFirst();
  return Number(result.numDeletedRows);
}

async function pruneDone(db: Db, kind: string, before: DateTime, limit: number) {
  const rows = await db
    .selectFrom("actions")
    .select("id")
    .where("kind", "=", kind)
    .where("status", "=", "done")
    .where("performed_at", "<", toTime(before))
    .orderBy("id")
    .limit(limit)
    .execute();
  return deleteActions(db, rows);
}

async function pruneClosedPullRequests(db: Db, before: DateTime, limit: number) {
  const cutoff = toTime(before);
  const rows = await db
    .selectFrom("actions as a")
    .innerJoin("pull_requests as p", "p.id", "a.pull_request_id")
    .select(["a.id", "a.key", "a.pull_request_id"])
    .where("a.status", "in", FINISHED)
    .where("a.created_at", "<", cutoff)
    .where("p.open", "=", 0)
    .where("p.closed_at", "<", cutoff)
    .orderBy("a.id")
    .limit(limit)
    .execute();
  const byPullRequest = new Map<number, string[]>();
  for (const row of rows) {
    if (row.pull_request_id === null) continue;
    byPullRequest.set(row.pull_request_id, [
      ...(byPullRequest.get(row.pull_request_id) ?? []),
      row.key,
    ]);
  }
  for (const [id, keys] of byPullRequest) {
    const kept = new Set([...(await prunedKeysOf(db, id)), ...keys]);
    await db
      .updateTable("pull_requests")
      .set({ pruned_action_keys: JSON.stringify([...kept].sort()) })
      .where("id", "=", id)
      .execute();
  }
  return deleteActions(db, rows);
}

async function pruneUnbound(db: Db, kinds: readonly string[], before: DateTime, limit: number) {
  if (kinds.length === 0) return 0;
  const rows = await db
    .selectFrom("actions")
    .select("id")
    .where("pull_request_id", "is", null)
    .where("kind", "in", [...kinds])
    .where("status", "in", FINISHED)
    .where("created_at", "<", toTime(before))
    .orderBy("id")
    .limit(limit)
    .execute();
  return deleteActions(db, rows);
}

async function pruneDeliveries(db: Db, before: DateTime, limit: number) {
  const cutoff = toTime(before);
  const deliveries = await db
    .deleteFrom("webhook_deliveries")
    .where("id", "in", (eb) =>
      eb
        .selectFrom("webhook_deliveries")
        .select("id")
        .where("received_at", "<", cutoff)
        .orderBy("received_at")
        .limit(limit),
    )
    .executeTakeFirst();
  const redeliveries = await db
    .deleteFrom("redeliveries")
    .where("delivery_id", "in", (eb) =>
      eb
        .selectFrom("redeliveries")
        .select("delivery_id")
        .where("requested_at", "<", cutoff)
        .orderBy("requested_at")
        .limit(limit),
    )
    .executeTakeFirst();
  return Number(deliveries.numDeletedRows) + Number(redeliveries.numDeletedRows);
}

async function prunePlans(db: Db, before: DateTime, limit: number) {
  const result = await db
    .deleteFrom("assignment_plans")
    .where("action_key", "in", (eb) =>
      eb
        .selectFrom("assignment_plans as plan")
        .select("plan.action_key")
        .where("plan.updated_at", "<", toTime(before))
        .where((inner) =>
          inner.not(
            inner.exists(
              inner
                .selectFrom("actions")
                .select("actions.id")
                .whereRef("actions.key", "=", "plan.action_key"),
            ),
          ),
        )
        .limit(limit),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
