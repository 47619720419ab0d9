// Webhooks that concern the review checklist: pull-request events that may change it enqueue a
// `checklist` action; edits and deletions of the app's checklist comment refresh its check run.
import { applyOnce } from "./once.js";
import type { DateTime } from "luxon";
import type { Context } from "probot";
import { checklistExemption } from "../../checklist/exemption.js";
import type { RepoConfig } from "../../config/schema.js";
import { actionFor } from "../../outbox/catalogue.js";
import { enqueue, enqueueAll } from "../../outbox/enqueue.js";
import type { NewAction, Store } from "../../store/store.js";
import { bodyHash } from "../checklist-hash.js";
import type { ShellDeps } from "../deps.js";
import { installationIdOf } from "../payloads.js";

type PullRequestPayload = Context<"pull_request">["payload"];
export type ChecklistCommentPayload = Context<
  "issue_comment.edited" | "issue_comment.deleted"
>["payload"];

const CHECKLIST_MARKER = "<!-- review-sla:checklist";
const ALWAYS = new Set(["opened", "reopened", "ready_for_review", "synchronize"]);

function hasLabelIn(name: string, labels: readonly string[]): boolean {
  return labels.some((label) => label.toLowerCase() === name.toLowerCase());
}

/** Whether this event can change the checklist: new files, new AI evidence, an exemption lifted. */
function mayChangeChecklist(payload: PullRequestPayload, config: RepoConfig): boolean {
  if (ALWAYS.has(payload.action)) return true;
  if (payload.action === "edited") return payload.changes.body !== undefined;
  if (payload.action === "labeled" || payload.action === "unlabeled") {
    const name = payload.label?.name ?? "";
    return (
      hasLabelIn(name, config.checklist.ai_markers.labels) || hasLabelIn(name, config.skip_labels)
    );
  }
  return false;
}

export interface ChecklistEventTarget {
  installationId: number;
  repositoryId: number;
  now: DateTime;
}

/** The `checklist` action a pull_request event calls for (after the PR is stored), or null. */
export function checklistAction(
  payload: PullRequestPayload,
  config: RepoConfig,
  target: ChecklistEventTarget,
): NewAction | null {
  const pull = payload.pull_request;
  if (!mayChangeChecklist(payload, config)) return null;
  const pr = {
    open: pull.state === "open",
    draft: pull.draft ?? false,
    author: pull.user?.login ?? "ghost",
    labels: (pull.labels ?? []).map((label) => label.name),
  };
  if (checklistExemption(pr, config) !== null) return null;
  return actionFor(
    "checklist",
    {
      number: pull.number,
      event: payload.action,
      repositoryId: target.repositoryId,
      headSha: pull.head.sha,
      // updated_at tells a repeated event (a second reopen) from a redelivery of the same one.
      updatedAt: pull.updated_at,
    },
    { installationId: target.installationId, pullRequestId: pull.id, dueAt: target.now },
  );
}

/** The action a change to our checklist comment calls for, or null when it needs none. */
async function commentAction(
  tx: Store,
  payload: ChecklistCommentPayload,
  installationId: number,
  now: DateTime,
): Promise<NewAction | null> {
  const { comment } = payload;
  const row = await tx.checklists.findByComment(comment.id);
  if (!row?.comment || row.deletedAt) return null;
  if (payload.action === "deleted") {
    await tx.checklists.markDeleted(row.pullRequestId, comment.id, now);
  } else if (bodyHash(comment.body) === row.comment.bodyHash) {
    return null; // the app's own edit coming back
  }
  const version = payload.action === "deleted" ? "deleted" : comment.updated_at;
  return actionFor(
    "checklist-check",
    { commentId: comment.id, version },
    { installationId, pullRequestId: row.pullRequestId, dueAt: now },
  );
}

/** issue_comment.edited / .deleted: only the app's checklist comment on a pull request counts. */
export async function onChecklistComment(
  deps: ShellDeps,
  deliveryId: string,
  payload: ChecklistCommentPayload,
): Promise<boolean> {
  const installationId = installationIdOf(payload);
  const isChecklist =
    payload.issue.pull_request !== undefined && payload.comment.body.includes(CHECKLIST_MARKER);
  if (!installationId || !isChecklist) return false;
  const now = deps.clock.now();
  const event = `issue_comment.${payload.action}`;
  const outcome = await applyOnce(deps, { id: deliveryId, event }, async (tx) => {
    const action = await commentAction(tx, payload, installationId, now);
    return action !== null && (await enqueueAll(tx, [action])).size > 0;
  });
  const enqueued = outcome.fresh && outcome.result;
  deps.log.info({ delivery: deliveryId, event, enqueued }, "checklist.comment_event");
  return enqueued;
}

export type CheckRunRerequestedPayload = Context<"check_run.rerequested">["payload"];

/**
 * check_run.rerequested ("Re-run" in GitHub's UI) on the app's own "Review checklist" run:
 * re-read the checklist comment and bring the check run up to date.
 */
export async function onCheckRunRerequested(
  deps: ShellDeps,
  deliveryId: string,
  payload: CheckRunRerequestedPayload,
): Promise<boolean> {
  const installationId = installationIdOf(payload);
  const run = payload.check_run;
  const number = run.pull_requests[0]?.number;
  if (!installationId || payload.action !== "rerequested" || number === undefined) return false;
  const now = deps.clock.now();
  const event = "check_run.rerequested";
  const outcome = await applyOnce(deps, { id: deliveryId, event }, async (tx) => {
    const pr = await tx.pulls.find(payload.repository.id, number);
    const row = pr ? await tx.checklists.get(pr.id) : null;
    if (!pr || !row?.comment || row.deletedAt || row.checkRun?.id !== run.id) return false;
    return enqueue(
      tx,
      "checklist-check",
      { commentId: row.comment.commentId, version: `rerun:${deliveryId}` },
      { installationId, pullRequestId: pr.id, dueAt: now },
    );
  });
  const enqueued = outcome.fresh && outcome.result;
  deps.log.info({ delivery: deliveryId, event, enqueued }, "checklist.check_rerequested");
  return enqueued;
}
