// `0007_pruned_action_keys`: when retention deletes the finished actions of a long-closed pull
// request, their keys stay on the pull request's row, so a reopened PR is never acted on twice.
import type { Kysely, Migration } from "kysely";

export function prunedActionKeys(): Migration {
  return {
    up: async (db: Kysely<unknown>) => {
      // A JSON array of action keys; null when nothing was pruned.
      await db.schema.alterTable("pull_requests").addColumn("pruned_action_keys", "text").execute();
    },
  };
}
