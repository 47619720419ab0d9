// The assignment aggregate: the cache of GitHub team members, and the plan an
// assignment action made, so a retry finishes the same choice instead of picking again.
import type { Kysely } from "kysely";
import type { DateTime } from "luxon";
import { fromJson, fromTime, toJson, toTime } from "./codec.js";
import type { Database } from "./schema.js";

type Db = Kysely<Database>;

export interface AssignmentStore {
  /** A team's members ("org/slug", any case) as last read from GitHub, or null if never read. */
  getTeamMembers(
    installationId: number,
    team: string,
  ): Promise<{ logins: string[]; fetchedAt: DateTime } | null>;
  /** Replaces a team's cached members (an empty list caches "nobody"). */
  saveTeamMembers(
    installationId: number,
    team: string,
    logins: readonly string[],
    at: DateTime,
  ): Promise<void>;
  /** The plan an assignment action saved on an earlier attempt, or null. */
  getPlan(actionKey: string): Promise<unknown>;
  savePlan(actionKey: string, plan: unknown, at: DateTime): Promise<void>;
}

/** Team names are stored as "org/slug" in lowercase: GitHub compares them case-insensitively. */
const teamKey = (team: string) => team.replace(/^@/, "").toLowerCase();

async function readTeam(db: Db, installationId: number, team: string) {
  const fetched = await db
    .selectFrom("team_fetches")
    .select("fetched_at")
    .where("installation_id", "=", installationId)
    .where("team", "=", teamKey(team))
    .executeTakeFirst();
  if (fetched === undefined) return null;
  const rows = await db
    .selectFrom("team_members")
    .select("login")
    .where("installation_id", "=", installationId)
    .where("team", "=", teamKey(team))
    .orderBy("login")
    .execute();
  return { logins: rows.map((row) => row.login), fetchedAt: fromTime(fetched.fetched_at) };
}

async function writeTeam(
  db: Db,
  installationId: number,
  team: string,
  logins: readonly string[],
  at: DateTime,
): Promise<void> {
  const key = teamKey(team);
  const fetchedAt = toTime(at);
  await db
    .deleteFrom("team_members")
    .where("installation_id", "=", installationId)
    .where("team", "=", key)
    .execute();
  const unique = [...new Set(logins)];
  if (unique.length > 0) {
    const rows = unique.map((login) => ({ installation_id: installationId, team: key, login }));
    await db
      .insertInto("team_members")
      .values(rows.map((row) => ({ ...row, fetched_at: fetchedAt })))
      .execute();
  }
  await db
    .insertInto("team_fetches")
    .values({ installation_id: installationId, team: key, fetched_at: fetchedAt })
    .onConflict((oc) =>
      oc.columns(["installation_id", "team"]).doUpdateSet({ fetched_at: fetchedAt }),
    )
    .execute();
}

export function assignmentStore(db: Db): AssignmentStore {
  return {
    getTeamMembers: (installationId, team) => readTeam(db, installationId, team),
    saveTeamMembers(installationId, team, logins, at) {
      const write = (tx: Db) => writeTeam(tx, installationId, team, logins, at);
      return db.isTransaction ? write(db) : db.transaction().execute(write);
    },
    async getPlan(actionKey) {
      const row = await db
        .selectFrom("assignment_plans")
        .select("plan")
        .where("action_key", "=", actionKey)
        .executeTakeFirst();
      return row === undefined ? null : fromJson(row.plan);
    },
    async savePlan(actionKey, plan, at) {
      const values = { plan: toJson(plan) ?? "null", updated_at: toTime(at) };
      await db
        .insertInto("assignment_plans")
        .values({ action_key: actionKey, ...values })
        .onConflict((oc) => oc.column("action_key").doUpdateSet(values))
        .execute();
    },
  };
}
