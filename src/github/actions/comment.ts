// Posts reminder, escalation and nudge comments, exactly once: the outbox key guards the database,
// and the hidden marker in the comment guards against a crash between posting and recording.
import type { DateTime } from "luxon";
import type { Action, Executor } from "../../outbox/catalogue.js";
import { plannedActions } from "../../sla/policy.js";
import type { ActionRow } from "../../store/store.js";
import { enqueueReassignment } from "../assignment/triggers.js";
import type { ShellDeps } from "../deps.js";

/**
 * A comment queued before `/review-sla snooze` waits for the snooze to end. Read by
 * `classifyFailure` as a wait (429 + Retry-After) that holds this action only, not the installation.
 */
class HeldBySnooze extends Error {
  override name = "HeldBySnooze";
  readonly status = 429;
  readonly pausesInstallation = false;
  readonly response: { headers: Record<string, string> };

  constructor(until: DateTime, now: DateTime) {
    super(`the pull request is snoozed; retry at ${until.toISO() ?? "?"}`);
    const seconds = Math.max(1, Math.ceil(until.diff(now).as("seconds")));
    this.response = { headers: { "retry-after": String(seconds) } };
  }
}

/**
 * Why the action should no longer be performed, or null when it still should; throws
 * `HeldBySnooze` while its PR is snoozed, so the action is retried when the snooze ends.
 */
async function staleReason(deps: ShellDeps, action: ActionRow): Promise<string | null> {
  if (action.pullRequestId === null) return null;
  const pr = await deps.store.pulls.get(action.pullRequestId);
  if (!pr) return "pull request unknown";
  if (!pr.open) return "pull request closed";
  const repository = await deps.store.repos.get(pr.repositoryId);
  if (!repository || repository.removedAt) return "repository no longer tracked";
  const { config, calendar } = deps.configs.resolve(repository.configJson);
  const planned = plannedActions(pr, config, calendar).find((a) => a.key === action.key);
  if (!planned) return "no longer due (reviewed, paused, skipped or draft)";
  // The planned ping time already waits for the snooze's end, moved out of quiet hours.
  const now = deps.clock.now();
  const snoozed = pr.snoozedUntil ?? null;
  if (snoozed !== null && snoozed > now) {
    throw new HeldBySnooze(planned.dueAt > snoozed ? planned.dueAt : snoozed, now);
  }
  return null;
}

/** Reminders and escalations may bring in a reviewer; a nudge speaks to the author only. */
function mayReassign(
  action: Action<"reminder" | "escalation" | "nudge">,
): action is Action<"reminder" | "escalation"> {
  return action.kind !== "nudge";
}

export function slaCommentExecutor(deps: ShellDeps): Executor<"reminder" | "escalation" | "nudge"> {
  return async (action, log) => {
    const { owner, repo, number, body, superseded } = action.payload;
    if (superseded) return { skipped: "superseded by an escalation" };
    const stale = await staleReason(deps, action);
    if (stale) {
      log.info({ reason: stale }, `${action.kind}.skipped`);
      return { skipped: stale };
    }
    const github = await deps.github(action.installationId);
    if (action.attempts > 1) {
      // An earlier attempt may have posted before the process died: GitHub's copy settles it.
      const existing = await github.findComment(owner, repo, number, `key=${action.key} -->`);
      if (existing) {
        log.info({ comment: existing.id }, `${action.kind}.found_existing`);
        if (mayReassign(action)) await enqueueReassignment(deps, action, log);
        return { commentId: existing.id, recovered: true };
      }
    }
    await deps.takeContentSlot(action.installationId);
    const comment = await github.createComment(owner, repo, number, body);
    log.info({ comment: comment.id, pr: `${owner}/${repo}#${number}` }, `${action.kind}.posted`);
    // An escalation may bring in one more reviewer (escalation.reassign).
    if (mayReassign(action)) await enqueueReassignment(deps, action, log);
    return { commentId: comment.id, url: comment.url };
  };
}
