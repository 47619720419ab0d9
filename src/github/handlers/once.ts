// Applies a webhook delivery exactly once: its id is recorded in the same transaction as its
// effects, so a redelivery (same X-GitHub-Delivery) changes nothing.
import type { Store } from "../../store/store.js";
import type { ShellDeps } from "../deps.js";

export type Applied<T> = { fresh: true; result: T } | { fresh: false };

export async function applyOnce<T>(
  deps: Pick<ShellDeps, "store" | "clock" | "log" | "wakeWorker">,
  delivery: { id: string; event: string },
  apply: (tx: Store) => Promise<T>,
): Promise<Applied<T>> {
  const now = deps.clock.now();
  const outcome = await deps.store.transaction(async (tx): Promise<Applied<T>> => {
    if (!(await tx.deliveries.record(delivery.id, delivery.event, now))) return { fresh: false };
    return { fresh: true, result: await apply(tx) };
  });
  if (outcome.fresh) deps.wakeWorker();
  else
    deps.log.info({ delivery: delivery.id, event: delivery.event }, "webhook.redelivery_ignored");
  return outcome;
}
