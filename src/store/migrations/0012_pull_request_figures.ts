// `0012_pull_request_figures`: each PR's dashboard figures (its first review, merge, SLA deadlines
// and outcomes, working-time durations in the team calendar), kept so a page reads aggregates
// instead of measuring every PR again. Triggers mark a PR's figures stale in the same statement
// that changes its state or its reviews; a background refresh and the page recompute marked rows.
import { sql } from "kysely";
import type { Kysely, Migration } from "kysely";
import type { Dialect } from "../schema.js";
import { columnTypes } from "./column-types.js";

/** The PR columns the figures depend on: an update of any other column marks nothing. */
const WATCHED = [
  "author",
  "draft",
  "open",
  "merged",
  "created_at",
  "ready_at",
  "closed_at",
  "merged_at",
  "labels",
  "ai_assisted",
  "repository_id",
].join(", ");

const MARK = (id: string, repository: string) =>
  `insert into pull_request_figure_marks (pull_request_id, repository_id, version)
   values (${id}, ${repository}, 1)
   on conflict (pull_request_id) do update set version = pull_request_figure_marks.version + 1`;

const REVIEW_REPOSITORY = (row: string) =>
  `coalesce((select repository_id from pull_requests where id = ${row}.pull_request_id), 0)`;

async function sqliteTriggers(db: Kysely<unknown>): Promise<void> {
  const statements = [
    `create trigger pull_request_figures_insert after insert on pull_requests begin
       ${MARK("new.id", "new.repository_id")}; end`,
    `create trigger pull_request_figures_update after update of ${WATCHED} on pull_requests begin
       ${MARK("new.id", "new.repository_id")}; end`,
    `create trigger pull_request_figures_delete after delete on pull_requests begin
       delete from pull_request_figures where pull_request_id = old.id;
       delete from pull_request_figure_marks where pull_request_id = old.id; end`,
    `create trigger pull_request_figures_review_insert after insert on reviews begin
       ${MARK("new.pull_request_id", REVIEW_REPOSITORY("new"))}; end`,
    `create trigger pull_request_figures_review_update after update on reviews begin
       ${MARK("new.pull_request_id", REVIEW_REPOSITORY("new"))}; end`,
    `create trigger pull_request_figures_review_delete after delete on reviews begin
       ${MARK("old.pull_request_id", REVIEW_REPOSITORY("old"))}; end`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}

async function postgresTriggers(db: Kysely<unknown>): Promise<void> {
  const statements = [
    `create function pull_request_figures_mark() returns trigger language plpgsql as $$
     begin
       if tg_op = 'DELETE' then
         delete from pull_request_figures where pull_request_id = old.id;
         delete from pull_request_figure_marks where pull_request_id = old.id;
       else
         ${MARK("new.id", "new.repository_id")};
       end if;
       return null;
     end $$`,
    `create function pull_request_figures_review_mark() returns trigger language plpgsql as $$
     begin
       if tg_op = 'DELETE' then
         ${MARK("old.pull_request_id", REVIEW_REPOSITORY("old"))};
       else
         ${MARK("new.pull_request_id", REVIEW_REPOSITORY("new"))};
       end if;
       return null;
     end $$`,
    `create trigger pull_request_figures_change after insert or delete or update of ${WATCHED}
       on pull_requests for each row execute function pull_request_figures_mark()`,
    `create trigger pull_request_figures_review after insert or update or delete
       on reviews for each row execute function pull_request_figures_review_mark()`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export function pullRequestFigures(dialect: Dialect): Migration {
  const types = columnTypes(dialect);
  const time = types.time;
  return {
    up: async (db: Kysely<unknown>) => {
      await db.schema
        .createTable("pull_request_figures")
        .addColumn("pull_request_id", types.id, (c) => c.primaryKey())
        .addColumn("repository_id", types.id, (c) => c.notNull())
        .addColumn("author", "text", (c) => c.notNull())
        .addColumn("created_at", time.type, (c) => time.column(c.notNull()))
        .addColumn("ready_at", time.type, (c) => time.column(c.notNull()))
        // closed_at, or far in the future while open: one indexed range finds a window's PRs.
        .addColumn("open_until", time.type, (c) => time.column(c.notNull()))
        .addColumn("first_review_at", time.type, time.column)
        .addColumn("merged_at", time.type, time.column)
        .addColumn("ai_assisted", "integer", (c) => c.notNull())
        .addColumn("counted", "integer", (c) => c.notNull())
        .addColumn("first_review_ms", "bigint")
        .addColumn("cycle_ms", "bigint")
        .addColumn("first_review_due_at", time.type, time.column)
        .addColumn("first_review_outcome", "text")
        .addColumn("resolution_due_at", time.type, time.column)
        .addColumn("resolution_outcome", "text")
        .addColumn("fingerprint", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("pull_request_figures_window")
        .on("pull_request_figures")
        .columns(["repository_id", "open_until"])
        .execute();
      await db.schema
        .createIndex("pull_request_figures_fingerprint")
        .on("pull_request_figures")
        .columns(["repository_id", "fingerprint"])
        .execute();
      // The page's open PRs and pending requests: without it, every PR of the scope is read.
      await db.schema
        .createIndex("pull_requests_repository_open")
        .on("pull_requests")
        .columns(["repository_id", "open"])
        .execute();
      await db.schema
        .createTable("pull_request_figure_marks")
        .addColumn("pull_request_id", types.id, (c) => c.primaryKey())
        .addColumn("repository_id", types.id, (c) => c.notNull())
        .addColumn("version", "integer", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("pull_request_figure_marks_repository")
        .on("pull_request_figure_marks")
        .column("repository_id")
        .execute();
      await sql`insert into pull_request_figure_marks (pull_request_id, repository_id, version)
        select id, repository_id, 1 from pull_requests`.execute(db);
      if (dialect === "postgres") await postgresTriggers(db);
      else await sqliteTriggers(db);
    },
  };
}
