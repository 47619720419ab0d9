// issue_comment.created: a `/review-sla …` command on a pull request becomes one `pr-command`
// action, keyed by the comment's id, so a redelivered webhook performs nothing twice. Edits and
// deletions of a command change nothing (they go to the checklist handler, which ignores them).
import type { Context } from "probot";
import { parseCommand } from "../../commands/parse.js";
import { enqueue } from "../../outbox/enqueue.js";
import type { ShellDeps } from "../deps.js";
import { installationIdOf } from "../payloads.js";
import { applyOnce } from "./once.js";
import { onChecklistComment } from "./checklist.js";
import type { ChecklistCommentPayload } from "./checklist.js";

export type CommentCreatedPayload = Context<"issue_comment.created">["payload"];
type IssueCommentPayload = CommentCreatedPayload | ChecklistCommentPayload;

export function isNewComment(payload: object): boolean {
  return "action" in payload && payload.action === "created";
}

/** Whether a new comment's text reads as a command (what the inbox records of new comments). */
export function isCommandComment(payload: object): boolean {
  if (!("comment" in payload) || typeof payload.comment !== "object" || payload.comment === null)
    return false;
  const body = "body" in payload.comment ? payload.comment.body : null;
  return typeof body === "string" && parseCommand(body) !== null;
}

/** A person's `/review-sla` comment on a pull request; bots (this app too) are never obeyed. */
export async function onCommandComment(
  deps: ShellDeps,
  deliveryId: string,
  payload: CommentCreatedPayload,
): Promise<boolean> {
  const installationId = installationIdOf(payload);
  const { comment, issue, repository } = payload;
  if (!installationId || issue.pull_request === undefined) return false;
  if (comment.user?.type === "Bot" || !comment.user?.login) return false;
  const parsed = parseCommand(comment.body);
  if (parsed === null) return false;
  const event = "issue_comment.created";
  const outcome = await applyOnce(deps, { id: deliveryId, event }, async (tx) => {
    const pr = await tx.pulls.find(repository.id, issue.number);
    return enqueue(
      tx,
      "pr-command",
      {
        owner: repository.owner.login,
        repo: repository.name,
        number: issue.number,
        login: comment.user?.login ?? "",
        command: parsed.ok ? parsed.command : null,
        problem: parsed.ok ? null : parsed.problem,
        source: { type: "comment", commentId: comment.id },
        ref: `comment:${comment.id}`,
      },
      { installationId, pullRequestId: pr?.id ?? null, dueAt: deps.clock.now() },
    );
  });
  const enqueued = outcome.fresh && outcome.result;
  deps.log.info({ delivery: deliveryId, comment: comment.id, enqueued }, "command.received");
  return enqueued;
}

/** Every issue_comment event: new comments may be commands; edits and deletions concern the checklist. */
export function onIssueComment(
  deps: ShellDeps,
  deliveryId: string,
  payload: IssueCommentPayload,
): Promise<boolean> {
  return payload.action === "created"
    ? onCommandComment(deps, deliveryId, payload)
    : onChecklistComment(deps, deliveryId, payload);
}
