// Queries for review checklists: the comment the app wrote on each pull request, the check run
// reporting its progress, and whether a person deleted it.
import type { Insertable, Kysely, Selectable } from "kysely";
import type { DateTime } from "luxon";
import { fromFlag, fromJsonStrings, fromTime, fromTimeOrNull, toFlag, toTime } from "./codec.js";
import type { ChecklistsTable, Database } from "./schema.js";
import type { ChecklistCheckRun, ChecklistComment, ChecklistRow } from "./store.js";

type Db = Kysely<Database>;

const CONCLUSIONS = ["success", "neutral"] as const;

function conclusionOf(text: string | null): ChecklistCheckRun["conclusion"] {
  if (text === null) return null;
  const found = CONCLUSIONS.find((c) => c === text);
  if (found === undefined) {
    throw new Error(`The database holds an unknown check run conclusion: "${text}".`);
  }
  return found;
}

function toChecklist(row: Selectable<ChecklistsTable>): ChecklistRow {
  const comment: ChecklistComment | null =
    row.comment_id === null
      ? null
      : {
          commentId: row.comment_id,
          bodyHash: row.body_hash ?? "",
          requiredItems: fromJsonStrings(row.required_items),
          aiAssisted: fromFlag(row.ai_assisted),
          evidence: fromJsonStrings(row.evidence),
        };
  const checkRun: ChecklistCheckRun | null =
    row.check_run_id === null || row.head_sha === null
      ? null
      : {
          id: row.check_run_id,
          headSha: row.head_sha,
          conclusion: conclusionOf(row.check_run_conclusion),
          outputHash: row.check_run_hash ?? "",
        };
  return {
    pullRequestId: row.pull_request_id,
    comment,
    checkRun,
    deletedAt: fromTimeOrNull(row.deleted_at),
    updatedAt: fromTime(row.updated_at),
  };
}

export async function getChecklist(db: Db, pullRequestId: number): Promise<ChecklistRow | null> {
  const row = await db
    .selectFrom("checklists")
    .selectAll()
    .where("pull_request_id", "=", pullRequestId)
    .executeTakeFirst();
  return row === undefined ? null : toChecklist(row);
}

export async function findChecklistByComment(
  db: Db,
  commentId: number,
): Promise<ChecklistRow | null> {
  const row = await db
    .selectFrom("checklists")
    .selectAll()
    .where("comment_id", "=", commentId)
    .executeTakeFirst();
  return row === undefined ? null : toChecklist(row);
}

/** Inserts the row or updates just these columns: the comment and the check run are separate. */
async function upsertChecklist(
  db: Db,
  pullRequestId: number,
  columns: Omit<Insertable<ChecklistsTable>, "pull_request_id">,
): Promise<void> {
  await db
    .insertInto("checklists")
    .values({ pull_request_id: pullRequestId, ...columns })
    .onConflict((oc) => oc.column("pull_request_id").doUpdateSet(columns))
    .execute();
}

export function saveChecklistComment(
  db: Db,
  pullRequestId: number,
  comment: ChecklistComment,
  at: DateTime,
): Promise<void> {
  return upsertChecklist(db, pullRequestId, {
    comment_id: comment.commentId,
    body_hash: comment.bodyHash,
    required_items: JSON.stringify(comment.requiredItems),
    ai_assisted: toFlag(comment.aiAssisted),
    evidence: JSON.stringify(comment.evidence),
    updated_at: toTime(at),
  });
}

export function saveChecklistCheckRun(
  db: Db,
  pullRequestId: number,
  run: ChecklistCheckRun,
  at: DateTime,
): Promise<void> {
  return upsertChecklist(db, pullRequestId, {
    check_run_id: run.id,
    head_sha: run.headSha,
    check_run_conclusion: run.conclusion,
    check_run_hash: run.outputHash,
    updated_at: toTime(at),
  });
}

export async function markChecklistDeleted(
  db: Db,
  pullRequestId: number,
  commentId: number,
  at: DateTime,
): Promise<boolean> {
  const updated = await db
    .updateTable("checklists")
    .set({ deleted_at: toTime(at), updated_at: toTime(at) })
    .where("pull_request_id", "=", pullRequestId)
    .where("comment_id", "=", commentId)
    .where("deleted_at", "is", null)
    .returning("pull_request_id")
    .executeTakeFirst();
  return updated !== undefined;
}

export async function setPullRequestAiAssisted(
  db: Db,
  pullRequestId: number,
  aiAssisted: boolean,
): Promise<void> {
  await db
    .updateTable("pull_requests")
    .set({ ai_assisted: toFlag(aiAssisted) })
    .where("id", "=", pullRequestId)
    .execute();
}
