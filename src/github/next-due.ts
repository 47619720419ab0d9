// Keeps each PR's `next_due_at` right, so a sweep only looks at PRs with something due.
import type { DateTime } from "luxon";
import type { ConfigCache } from "../sla/config-cache.js";
import { plannedActions } from "../sla/policy.js";
import type { Store, StoredPullRequest } from "../store/store.js";

export interface NextDueDeps {
  store: Store;
  configs: ConfigCache;
}

/** The earliest due time among the PR's planned actions not yet recorded, or null. */
export async function computeNextDue(
  deps: NextDueDeps,
  pr: StoredPullRequest,
): Promise<DateTime | null> {
  const repository = await deps.store.repos.get(pr.repositoryId);
  if (!repository || repository.removedAt) return null;
  const { config, calendar } = deps.configs.resolve(repository.configJson);
  const planned = plannedActions(pr, config, calendar);
  const done = await deps.store.outbox.recordedKeys(
    pr.id,
    planned.map((a) => a.key),
  );
  const pending = planned.filter((a) => !done.has(a.key));
  if (pending.length === 0) return null;
  return pending.map((a) => a.dueAt).reduce((a, b) => (b < a ? b : a));
}

export async function refreshNextDue(
  deps: NextDueDeps,
  pullRequestId: number,
): Promise<DateTime | null> {
  const pr = await deps.store.pulls.get(pullRequestId);
  return pr ? refreshNextDueOf(deps, pr) : null;
}

/** `refreshNextDue` for a PR already read (with its review history) in this transaction. */
export async function refreshNextDueOf(
  deps: NextDueDeps,
  pr: StoredPullRequest,
): Promise<DateTime | null> {
  const next = await computeNextDue(deps, pr);
  if ((next?.toMillis() ?? null) !== (pr.nextDueAt?.toMillis() ?? null)) {
    await deps.store.pulls.setNextDueAt(pr.id, next);
  }
  return next;
}
