// The "Review checklist" check run: one per head commit, kept in step with the ticks in the
// checklist comment, and the action that refreshes it when a person edits that comment.
import type { Action, Executor } from "../../outbox/catalogue.js";
import { checkRunOutput, checklistProgress } from "../../checklist/parse.js";
import type { ChecklistCheckRun } from "../../store/store.js";
import type { CheckRunState } from "../checklist-client.js";
import type { InstallationGitHub } from "../client.js";
import { bodyHash } from "../checklist-hash.js";
import type { ShellDeps } from "../deps.js";

export const CHECK_RUN_NAME = "Review checklist";

/** What the check run shows for a checklist comment's body. */
export function progressState(body: string, requiredItems: readonly string[]): CheckRunState {
  return checkRunOutput(checklistProgress(body, new Set(requiredItems)));
}

const DELETED_STATE: CheckRunState = {
  title: "Checklist comment deleted",
  summary:
    "Someone deleted the review checklist comment, so review-sla no longer posts or tracks a " +
    "checklist on this pull request. This check stays neutral.",
  conclusion: "neutral",
};

export interface CheckTarget {
  pullRequestId: number;
  owner: string;
  repo: string;
  headSha: string;
}

/** Creates or updates the head commit's check run; a completed run is never reopened. */
export async function syncCheckRun(
  deps: Pick<ShellDeps, "store" | "clock">,
  github: InstallationGitHub,
  target: CheckTarget,
  state: CheckRunState,
  previous: ChecklistCheckRun | null,
): Promise<"created" | "updated" | "unchanged"> {
  const outputHash = bodyHash(JSON.stringify(state));
  const record = (id: number) =>
    deps.store.checklists.saveCheckRun(
      target.pullRequestId,
      { id, headSha: target.headSha, conclusion: state.conclusion, outputHash },
      deps.clock.now(),
    );
  if (previous && previous.headSha === target.headSha) {
    if (previous.outputHash === outputHash) return "unchanged";
    // GitHub keeps a completed run completed: going back to "in progress" needs a new run.
    if (previous.conclusion === null || state.conclusion !== null) {
      await github.updateCheckRun(target.owner, target.repo, previous.id, state);
      await record(previous.id);
      return "updated";
    }
  }
  const { id } = await github.startCheckRun(
    { owner: target.owner, repo: target.repo, headSha: target.headSha, name: CHECK_RUN_NAME },
    state,
  );
  await record(id);
  return "created";
}

/** Records that a person deleted the checklist comment, and turns its check run neutral. */
export async function retireChecklist(
  deps: Pick<ShellDeps, "store" | "clock">,
  github: InstallationGitHub,
  target: CheckTarget,
  commentId: number | null,
  previousRun: ChecklistCheckRun | null,
): Promise<{ skipped: string; checkRun: string }> {
  if (commentId !== null) {
    await deps.store.checklists.markDeleted(target.pullRequestId, commentId, deps.clock.now());
  }
  const checkRun = await syncCheckRun(deps, github, target, DELETED_STATE, previousRun);
  return { skipped: "checklist comment was deleted by a person", checkRun };
}

/** Re-reads the comment a person edited (or deleted) and brings the check run up to date. */
async function refreshFromComment(
  deps: ShellDeps,
  action: Action<"checklist-check">,
  pullRequestId: number,
): Promise<unknown> {
  const { commentId } = action.payload;
  const pr = await deps.store.pulls.get(pullRequestId);
  const row = await deps.store.checklists.get(pullRequestId);
  if (!pr?.open) return { skipped: "pull request closed or unknown" };
  if (!row?.comment || row.comment.commentId !== commentId) {
    return { skipped: "not the pull request's checklist comment" };
  }
  const github = await deps.github(action.installationId);
  const target = { pullRequestId, owner: pr.owner, repo: pr.repo, headSha: pr.headSha };
  const found = row.deletedAt ? null : await github.getComment(pr.owner, pr.repo, commentId);
  if (!found) return retireChecklist(deps, github, target, commentId, row.checkRun);
  const state = progressState(found.body, row.comment.requiredItems);
  const checkRun = await syncCheckRun(deps, github, target, state, row.checkRun);
  return { checkRun, title: state.title };
}

export function checklistCheckExecutor(deps: ShellDeps): Executor<"checklist-check"> {
  return async (action, log) => {
    const pullRequestId = action.pullRequestId;
    if (pullRequestId === null) throw new Error(`action ${action.key} has no pull request`);
    const outcome = await deps.store.withLock(`checklist:${pullRequestId}`, () =>
      refreshFromComment(deps, action, pullRequestId),
    );
    if (!outcome.acquired) {
      throw new Error(`checklist of pull request ${pullRequestId} is busy in another worker`);
    }
    log.info({ pr: pullRequestId, result: outcome.result }, "checklist.check_refreshed");
    return outcome.result;
  };
}
