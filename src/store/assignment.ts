// Tables and queries for reviewer assignment: the cache of GitHub team members, and the plan an
// assignment action made, so a retry finishes the same choice instead of picking again.
import type { ColumnDefinitionBuilder, Kysely } from "kysely";
import type { DateTime } from "luxon";
import { fromJson, fromTime, toJson, toTime } from "./codec.js";
import type { Database, TimeText } from "./schema.js";

/** The tables of migration 0003, next to the shared ones (a type alias, as `withTables` wants). */
type AssignmentTables = {
  /** When a team's members were last read from GitHub (an empty team has no member rows). */
  team_fetches: { installation_id: number; team: string; fetched_at: TimeText };
  team_members: { installation_id: number; team: string; login: string; fetched_at: TimeText };
  /** The reviewers an assignment action chose (JSON), so a retry completes that same choice. */
  assignment_plans: { action_key: string; plan: string; updated_at: TimeText };
};

type Db = Kysely<Database & AssignmentTables>;

interface TimeColumn {
  type: "text";
  column: (column: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;
}

/** Migration 0003: `team_fetches` says when a team was read (even if empty), `team_members` who. */
export async function createAssignmentTables(db: Kysely<unknown>, time: TimeColumn): Promise<void> {
  const at = (c: ColumnDefinitionBuilder) => time.column(c.notNull());
  await db.schema
    .createTable("team_fetches")
    .addColumn("installation_id", "bigint", (c) => c.notNull())
    .addColumn("team", "text", (c) => c.notNull())
    .addColumn("fetched_at", time.type, at)
    .addPrimaryKeyConstraint("team_fetches_pk", ["installation_id", "team"])
    .execute();
  await db.schema
    .createTable("team_members")
    .addColumn("installation_id", "bigint", (c) => c.notNull())
    .addColumn("team", "text", (c) => c.notNull())
    .addColumn("login", "text", (c) => c.notNull())
    .addColumn("fetched_at", time.type, at)
    .addPrimaryKeyConstraint("team_members_pk", ["installation_id", "team", "login"])
    .execute();
  await db.schema
    .createTable("assignment_plans")
    .addColumn("action_key", "text", (c) => c.primaryKey())
    .addColumn("plan", "text", (c) => c.notNull())
    .addColumn("updated_at", time.type, at)
    .execute();
}

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

export function assignmentStore(base: Kysely<Database>): AssignmentStore {
  const db = base.withTables<AssignmentTables>();
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
