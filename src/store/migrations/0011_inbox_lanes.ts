// `0011_inbox_lanes`: the webhook inbox becomes 16 lanes. A pending delivery about a repository
// moves from installation id 0 to its repository's lane (0, -1, … -15: the id modulo 16, negated);
// one about no repository to the barrier lane (-16). The numbers are fixed here on purpose: they
// are what the rows hold, whatever later code does (github/inbox.ts routes new deliveries alike).
import { sql } from "kysely";
import type { Kysely, Migration } from "kysely";
import type { Dialect } from "../schema.js";

const LANES = 16;

export function inboxLanesMigration(dialect: Dialect): Migration {
  const lane =
    dialect === "postgres"
      ? sql`case when jsonb_typeof(payload::jsonb #> '{payload,repository,id}') = 'number'
              and (payload::jsonb #>> '{payload,repository,id}') ~ '^[0-9]+$'
            then 0 - ((payload::jsonb #>> '{payload,repository,id}')::bigint % ${sql.lit(LANES)})
            else ${sql.lit(-LANES)} end`
      : sql`case when json_type(payload, '$.payload.repository.id') = 'integer'
            then 0 - (abs(json_extract(payload, '$.payload.repository.id')) % ${sql.lit(LANES)})
            else ${sql.lit(-LANES)} end`;
  return {
    up: async (db: Kysely<unknown>) => {
      await sql`update actions set installation_id = ${lane}
        where status = 'pending' and kind = 'webhook' and installation_id = 0`.execute(db);
    },
  };
}
