// PR commands performed, one row each (keyed by comment id or Slack click): what makes a command
// happen once, and what the digest counts.
import type { Kysely } from "kysely";
import type { DateTime } from "luxon";
import { toTime } from "./codec.js";
import type { Database } from "./schema.js";

export interface PerformedCommand {
  key: string;
  installationId: number;
  pullRequestId: number;
  command: string;
  login: string;
  detail: string | null;
  performedAt: DateTime;
}

export interface CommandStore {
  /** Records a performed command; false when its key was already recorded. */
  record(command: PerformedCommand): Promise<boolean>;
  /** How many commands of each kind the installations given performed in [from, to). */
  countBetween(
    installationIds: readonly number[],
    from: DateTime,
    to: DateTime,
  ): Promise<Map<string, number>>;
  /**
   * The GitHub login a Slack user was found for by an earlier email lookup (the identity cache
   * the DMs fill), or null.
   */
  loginForSlackUser(slackUserId: string): Promise<string | null>;
}

export function commandStore(db: Kysely<Database>): CommandStore {
  return {
    async record(command) {
      const result = await db
        .insertInto("pr_commands")
        .values({
          key: command.key,
          installation_id: command.installationId,
          pull_request_id: command.pullRequestId,
          command: command.command,
          login: command.login,
          detail: command.detail,
          performed_at: toTime(command.performedAt),
        })
        .onConflict((oc) => oc.column("key").doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async countBetween(installationIds, from, to) {
      const counts = new Map<string, number>();
      if (installationIds.length === 0) return counts;
      const rows = await db
        .selectFrom("pr_commands")
        .select(["command", (eb) => eb.fn.countAll<number>().as("count")])
        .where("installation_id", "in", [...installationIds])
        .where("performed_at", ">=", toTime(from))
        .where("performed_at", "<", toTime(to))
        .groupBy("command")
        .execute();
      for (const row of rows) counts.set(row.command, Number(row.count));
      return counts;
    },
    async loginForSlackUser(slackUserId) {
      const row = await db
        .selectFrom("slack_identities")
        .select("login")
        .where("slack_user_id", "=", slackUserId)
        .orderBy("checked_at", "desc")
        .executeTakeFirst();
      return row?.login ?? null;
    },
  };
}
