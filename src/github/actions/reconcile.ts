// Periodic reconciliation: finds repositories whose open pull requests changed without us
// hearing (a conditional request; an unchanged answer costs no rate limit) and re-imports them,
// which repairs PRs closed or reviewed while webhooks were lost. Also asks GitHub to redeliver
// webhooks that failed on our side.
import type { DateTime } from "luxon";
import { importRun } from "../../outbox/catalogue.js";
import type { Executor } from "../../outbox/catalogue.js";
import { enqueue } from "../../outbox/enqueue.js";
import type { ShellDeps } from "../deps.js";

/** App-level GitHub calls (the app's own JWT, not an installation token). */
export interface AppGitHub {
  /** Recent webhook deliveries, newest first, back to `since`. */
  listDeliveries(
    since: DateTime,
  ): Promise<
    { id: number; guid: string; statusCode: number; redelivery: boolean; deliveredAt: DateTime }[]
  >;
  redeliver(id: number): Promise<void>;
}

/** Enqueues one reconcile action per tracked repository of every active installation. */
export async function scheduleReconciliation(deps: ShellDeps, round: string): Promise<number> {
  const now = deps.clock.now();
  let scheduled = 0;
  for (const installation of await deps.store.repos.listInstallations()) {
    if (installation.deletedAt || installation.suspendedAt) continue;
    for (const repository of await deps.store.repos.list(installation.id)) {
      const inserted = await enqueue(
        deps.store,
        "reconcile-repository",
        { repositoryId: repository.id, round },
        // After everything time-critical.
        { installationId: installation.id, dueAt: now, priority: Number.MAX_SAFE_INTEGER },
      );
      if (inserted) scheduled += 1;
    }
  }
  deps.wakeWorker();
  return scheduled;
}

export function reconcileExecutor(deps: ShellDeps): Executor<"reconcile-repository"> {
  return async (action, log) => {
    const { repositoryId } = action.payload;
    const repository = await deps.store.repos.get(repositoryId);
    if (!repository || repository.removedAt) return { skipped: "repository not tracked" };
    const github = await deps.github(action.installationId);
    const sync = await deps.store.repos.getSync(repositoryId);
    const { changed, etag } = await github.openPullsChanged(
      repository.owner,
      repository.name,
      sync.etag,
    );
    const now = deps.clock.now();
    if (changed) {
      await enqueue(
        deps.store,
        "import-repository",
        { repositoryId, run: importRun(repositoryId, action.key) },
        { installationId: action.installationId, dueAt: now },
      );
      deps.wakeWorker();
    }
    await deps.store.repos.setSync(repositoryId, etag, now);
    log.info({ repo: `${repository.owner}/${repository.name}`, changed }, "reconcile.checked");
    return { changed };
  };
}

/** Redelivers, once each, recent webhook deliveries our server failed (5xx or no answer). */
export async function redeliverFailed(
  deps: Pick<ShellDeps, "store" | "clock" | "log">,
  app: AppGitHub,
  since: DateTime,
): Promise<number> {
  let count = 0;
  for (const delivery of await app.listDeliveries(since)) {
    const failedHere = delivery.statusCode === 0 || delivery.statusCode >= 500;
    if (!failedHere || delivery.redelivery) continue;
    if (!(await deps.store.deliveries.recordRedelivery(delivery.guid, deps.clock.now()))) continue;
    await app.redeliver(delivery.id);
    deps.log.info(
      { delivery: delivery.guid, status: delivery.statusCode },
      "webhook.redelivery_requested",
    );
    count += 1;
  }
  return count;
}
