// `0008_claim_lanes`: one claim index per lane. Claims ask for one installation at a time (the
// webhook inbox is installation 0), so the index leads with the installation: claiming costs the
// same however many webhooks wait in the inbox. Only pending rows are indexed (partial index).
import { sql } from "kysely";
import type { Kysely, Migration } from "kysely";

export const claimLanesMigration: Migration = {
  up: async (db: Kysely<unknown>) => {
    await sql`create index actions_claim_lane on actions (installation_id, priority, due_at, id) where status = 'pending'`.execute(
      db,
    );
    // (status, priority, …) put every pending inbox row ahead of any other installation's.
    await sql`drop index actions_claim`.execute(db);
  },
};
