// After a webhook changed a PR, records the "Review SLA" check run's next write when whose turn
// it is (or the head commit) changed: the transition's key makes every other call a no-op.
import type { DateTime } from "luxon";
import { actionFor } from "../../outbox/catalogue.js";
import type { ConfigCache } from "../../sla/config-cache.js";
import { turnTransition, whoseTurn } from "../../sla/turn.js";
import type { NewAction, RepositoryRow, StoredPullRequest } from "../../store/store.js";

/** The `sla-check` action for the PR as it is now, or null (untracked repository, check off). */
export function turnCheckAction(
  pr: StoredPullRequest,
  repository: RepositoryRow | null,
  configs: ConfigCache,
  now: DateTime,
): NewAction | null {
  if (!repository || repository.removedAt) return null;
  const { config, calendar } = configs.resolve(repository.configJson);
  if (config.sla.check === "off") return null;
  const turn = whoseTurn(pr, config, calendar);
  return actionFor(
    "sla-check",
    {
      owner: pr.owner,
      repo: pr.repo,
      number: pr.number,
      repositoryId: pr.repositoryId,
      transition: turnTransition(pr.headSha, turn),
    },
    { installationId: pr.installationId, pullRequestId: pr.id, dueAt: now },
  );
}
