// The author pushed to a pull request (`pull_request.synchronize`): record the push, and when it
// answers "changes requested", ask those reviewers again (`sla.rerequest_after_push`).
import type { DateTime } from "luxon";
import { enqueue } from "../../outbox/enqueue.js";
import type { ConfigCache } from "../../sla/config-cache.js";
import { whoseTurn } from "../../sla/turn.js";
import type { Store } from "../../store/store.js";

export async function recordAuthorPush(
  tx: Store,
  configs: ConfigCache,
  pullRequestId: number,
  at: DateTime,
): Promise<void> {
  const pr = await tx.pulls.get(pullRequestId);
  if (!pr) return;
  const repository = await tx.repos.get(pr.repositoryId);
  const { config, calendar } = configs.resolve(repository?.configJson ?? null);
  // The turn before this push: only a push that answers requested changes asks again.
  const turn = whoseTurn(pr, config, calendar);
  await tx.pulls.recordPush(pullRequestId, at);
  if (!config.sla.rerequest_after_push || turn.why !== "changes-requested" || !turn.cycle) return;
  const author = pr.author.toLowerCase();
  const reviewers = turn.cycle.changesRequestedBy.filter((l) => l.toLowerCase() !== author);
  if (reviewers.length === 0) return;
  await enqueue(
    tx,
    "rerequest",
    {
      owner: pr.owner,
      repo: pr.repo,
      number: pr.number,
      reviewers,
      repositoryId: pr.repositoryId,
      cycle: turn.cycle.index,
    },
    { installationId: pr.installationId, pullRequestId, dueAt: at },
  );
}
