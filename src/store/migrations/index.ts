// The schema's history, in order: one migration per file, the same for SQLite and Postgres.
// Names are recorded in every database that ran them: never rename or edit one, add the next.
import type { Migration } from "kysely";
import type { Dialect } from "../schema.js";
import { initial } from "./0001_initial.js";
import { checklists } from "./0002_checklists.js";
import { assignment } from "./0003_assignment.js";
import { digests } from "./0004_digests.js";
import { scale } from "./0005_scale.js";
import { actionPriorityBigint } from "./0006_action_priority_bigint.js";
import { prunedActionKeys } from "./0007_pruned_action_keys.js";
import { claimLanesMigration } from "./0008_claim_lanes.js";
import { turnMigration } from "./0009_turn.js";
import { commands } from "./0010_commands.js";
import { inboxLanesMigration } from "./0011_inbox_lanes.js";
import { pullRequestFigures } from "./0012_pull_request_figures.js";
import { dashboardSessions } from "./0013_dashboard_sessions.js";
import { nextDueOrder } from "./0014_next_due_order.js";
import { performedSlaActionsMigration } from "./0015_performed_sla_actions.js";

/** Names sort in the order they run. */
export function migrationsFor(dialect: Dialect): Record<string, Migration> {
  return {
    "0001_initial": initial(dialect),
    "0002_checklists": checklists(dialect),
    "0003_assignment": assignment(dialect),
    "0004_digests": digests(dialect),
    "0005_scale": scale(dialect),
    "0006_action_priority_bigint": actionPriorityBigint(dialect),
    "0007_pruned_action_keys": prunedActionKeys(),
    "0008_claim_lanes": claimLanesMigration,
    "0009_turn": turnMigration(),
    "0010_commands": commands(dialect),
    "0011_inbox_lanes": inboxLanesMigration(dialect),
    "0012_pull_request_figures": pullRequestFigures(dialect),
    "0013_dashboard_sessions": dashboardSessions(dialect),
    "0014_next_due_order": nextDueOrder(dialect),
    "0015_performed_sla_actions": performedSlaActionsMigration,
  };
}
