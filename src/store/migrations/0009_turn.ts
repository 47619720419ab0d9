// `0009_turn`: what whose-turn needs beyond requests and reviews: whether a reviewer's account is
// a bot (GitHub's `type: Bot`; a bot's review never stops a clock) and the author's last push.
import type { Kysely, Migration } from "kysely";

export function turnMigration(): Migration {
  return {
    up: async (db: Kysely<unknown>) => {
      await db.schema
        .alterTable("reviews")
        .addColumn("reviewer_is_bot", "integer", (col) => col.notNull().defaultTo(0))
        .execute();
      await db.schema.alterTable("pull_requests").addColumn("pushed_at", "text").execute();
    },
  };
}
