// Periodic reconciliation: finds repositories whose open pull requests changed without us
// hearing (a conditional request; an unchanged answer costs no rate limit) and re-imports them,
// which repairs PRs closed or reviewed while webhooks were lost. Also asks GitHub to redeliver
// webhooks that failed on our side.
import type { DateTime } from "luxon";
import type { Logger } from "pino";
import type { ActionRow } from "../../store/store.js";
import type { ShellDeps } from "../deps.js";
import { importAction } from "./import.js";

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
      const inserted = await deps.store.outbox.enqueue({
        key: `reconcile:${repository.id}:${round}`,
        installationId: installation.id,
        pullRequestId: null,
        kind: "reconcile-repository",
        payload: { repositoryId: repository.id },
        dueAt: now,
        // After everything time-critical.
        priority: Number.MAX_SAFE_INTEGER,
      });
      if (inserted) scheduled += 1;
    }
  }
  deps.wakeWorker();
  return scheduled;
}

export function reconcileExecutor(deps: ShellDeps) {
  return async (action: ActionRow, log: Logger): Promise<unknown> => {
    const repositoryId = (action.payload as { repositoryId?: unknown } | null)?.repositoryId;
    if (typeof repositoryId !== "number")
      throw new Error(`action ${action.key} lacks repositoryId`);
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
      await deps.store.outbox.enqueue(
        importAction(
          action.installationId,
          repositoryId,
          `import:${repositoryId}:${action.key}`,
          now,
        ),
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
