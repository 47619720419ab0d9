// `0015_performed_sla_actions`: the weekly digest and the dashboard count the reminders,
// escalations and nudges performed in a period. No index served that question, so each read the
// whole outbox (every applied webhook payload included): on SQLite about a second per scope with
// 100,000 finished actions stored. This partial index holds only those kinds once done, by
// installation and time. Queries must repeat its WHERE terms (`slaPerformed` in
// store/performed.ts) for SQLite to use it.
import { sql } from "kysely";
import type { Kysely, Migration } from "kysely";

export const performedSlaActionsMigration: Migration = {
  up: async (db: Kysely<unknown>) => {
    await sql`create index actions_sla_performed on actions (installation_id, performed_at) where status = 'done' and kind in ('reminder', 'escalation', 'nudge', 'reminder-dm')`.execute(
      db,
    );
  },
};
