// Queries for review checklists: the comment the app wrote on each pull request, the check run
// reporting its progress, and whether a person deleted it.
import type { Insertable, Kysely, Selectable } from "kysely";
import type { DateTime } from "luxon";
import { fromFlag, fromJsonStrings, fromTime, fromTimeOrNull, toFlag, toTime } from "./codec.js";
import type { ChecklistsTable, Database } from "./schema.js";

type Db = Kysely<Database>;

/** The check run that reports a checklist's progress on one commit. */
export interface ChecklistCheckRun {
  id: number;
  headSha: string;
  /** null while in progress: GitHub cannot move a completed run back, so that takes a new one. */
  conclusion: "success" | "neutral" | null;
  /** Hash of what the run shows, so an unchanged result is not sent again. */
  outputHash: string;
}

/** What the app last wrote in a pull request's checklist comment. */
export interface ChecklistComment {
  commentId: number;
  /** SHA-256 of the body written: the app's own edits come back as webhooks. */
  bodyHash: string;
  requiredItems: string[];
  aiAssisted: boolean;
  evidence: string[];
}

export interface ChecklistRow {
  pullRequestId: number;
  comment: ChecklistComment | null;
  checkRun: ChecklistCheckRun | null;
  /** A person deleted the comment: it is never posted again. */
  deletedAt: DateTime | null;
  updatedAt: DateTime;
}

export interface ChecklistStore {
  /** The checklist of a pull request, or null when it never had one. */
  get(pullRequestId: number): Promise<ChecklistRow | null>;
  /** The checklist whose comment this is, or null. */
  findByComment(commentId: number): Promise<ChecklistRow | null>;
  /** Records the comment written (creating the row); leaves the check run and deletion alone. */
  saveComment(pullRequestId: number, comment: ChecklistComment, at: DateTime): Promise<void>;
  /** Records the check run (creating the row when needed); leaves the comment alone. */
  saveCheckRun(pullRequestId: number, run: ChecklistCheckRun, at: DateTime): Promise<void>;
  /** Marks the checklist deleted if `commentId` is its comment; true when it was not already. */
  markDeleted(pullRequestId: number, commentId: number, at: DateTime): Promise<boolean>;
}

export function checklistStore(db: Db): ChecklistStore {
  return {
    get: (pullRequestId) => getChecklist(db, pullRequestId),
    findByComment: (commentId) => findChecklistByComment(db, commentId),
    saveComment: (pullRequestId, comment, at) =>
      saveChecklistComment(db, pullRequestId, comment, at),
    saveCheckRun: (pullRequestId, run, at) => saveChecklistCheckRun(db, pullRequestId, run, at),
    markDeleted: (pullRequestId, commentId, at) =>
      markChecklistDeleted(db, pullRequestId, commentId, at),
  };
}

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

async function getChecklist(db: Db, pullRequestId: number): Promise<ChecklistRow | null> {
  const row = await db
    .selectFrom("checklists")
    .selectAll()
    .where("pull_request_id", "=", pullRequestId)
    .executeTakeFirst();
  return row === undefined ? null : toChecklist(row);
}

async function findChecklistByComment(db: Db, commentId: number): Promise<ChecklistRow | null> {
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

function saveChecklistComment(
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

function saveChecklistCheckRun(
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

async function markChecklistDeleted(
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
