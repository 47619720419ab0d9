// The author pushed to a pull request (`pull_request.synchronize`): record the push, and when it
// answers "changes requested", ask those reviewers again (`sla.rerequest_after_push`).
import type { DateTime } from "luxon";
import { actionFor } from "../../outbox/catalogue.js";
import type { EffectiveConfig } from "../../sla/config-cache.js";
import { whoseTurn } from "../../sla/turn.js";
import type { NewAction, Store, StoredPullRequest } from "../../store/store.js";

/**
 * Records the push on `pr` (as stored just before it) and returns the `rerequest` action it calls
 * for, or null.
 */
export async function recordAuthorPush(
  tx: Store,
  pr: StoredPullRequest,
  { config, calendar }: EffectiveConfig,
  at: DateTime,
): Promise<NewAction | null> {
  // The turn before this push: only a push that answers requested changes asks again.
  const turn = whoseTurn(pr, config, calendar);
  await tx.pulls.recordPush(pr.id, at);
  if (!config.sla.rerequest_after_push || turn.why !== "changes-requested" || !turn.cycle) {
    return null;
  }
  const author = pr.author.toLowerCase();
  const reviewers = turn.cycle.changesRequestedBy.filter((l) => l.toLowerCase() !== author);
  if (reviewers.length === 0) return null;
  return actionFor(
    "rerequest",
    {
      owner: pr.owner,
      repo: pr.repo,
      number: pr.number,
      reviewers,
      repositoryId: pr.repositoryId,
      cycle: turn.cycle.index,
    },
    { installationId: pr.installationId, pullRequestId: pr.id, dueAt: at },
  );
}
