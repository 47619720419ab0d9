// After a webhook changed a PR, records the "Review SLA" check run's next write when whose turn
// it is (or the head commit) changed: the transition's key makes every other call a no-op.
import type { DateTime } from "luxon";
import { enqueue } from "../../outbox/enqueue.js";
import type { ConfigCache } from "../../sla/config-cache.js";
import { turnTransition, whoseTurn } from "../../sla/turn.js";
import type { Store } from "../../store/store.js";

export async function enqueueTurnCheck(
  tx: Store,
  configs: ConfigCache,
  pullRequestId: number,
  now: DateTime,
): Promise<void> {
  const pr = await tx.pulls.get(pullRequestId);
  if (!pr) return;
  const repository = await tx.repos.get(pr.repositoryId);
  if (!repository || repository.removedAt) return;
  const { config, calendar } = configs.resolve(repository.configJson);
  if (config.sla.check === "off") return;
  const turn = whoseTurn(pr, config, calendar);
  await enqueue(
    tx,
    "sla-check",
    {
      owner: pr.owner,
      repo: pr.repo,
      number: pr.number,
      repositoryId: pr.repositoryId,
      transition: turnTransition(pr.headSha, turn),
    },
    { installationId: pr.installationId, pullRequestId, dueAt: now },
  );
}
