// Actions that wait on something other than time (a repository's configuration being loaded):
// parked with a late due time, and made claimable at once when what they wait on is done.
import { sql } from "kysely";
import type { Kysely } from "kysely";
import type { DateTime } from "luxon";
import { toTime } from "./codec.js";
import type { Database } from "./schema.js";

type Db = Kysely<Database>;

/**
 * Makes the pending actions of `kinds` on the repository's pull requests claimable at `now`
 * (due and next attempt moved no later than `now`), unless a worker holds them. Returns how many.
 */
export async function releaseWaiting(
  db: Db,
  repositoryId: number,
  kinds: readonly string[],
  now: DateTime,
): Promise<number> {
  if (kinds.length === 0) return 0;
  const at = toTime(now);
  const result = await db
    .updateTable("actions")
    .set({
      due_at: sql<string>`case when due_at > ${at} then ${at} else due_at end`,
      next_attempt_at: sql<string>`case when next_attempt_at > ${at} then ${at} else next_attempt_at end`,
    })
    .where("status", "=", "pending")
    .where("kind", "in", kinds)
    .where((eb) => eb.or([eb("due_at", ">", at), eb("next_attempt_at", ">", at)]))
    .where((eb) => eb.or([eb("lease_expires_at", "is", null), eb("lease_expires_at", "<=", at)]))
    .where("pull_request_id", "in", (eb) =>
      eb.selectFrom("pull_requests").select("id").where("repository_id", "=", repositoryId),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
