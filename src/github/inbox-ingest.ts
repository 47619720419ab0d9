// Applying deliveries as they are recorded. When a delivery's lane has nothing waiting and no
// worker holds it, its handler runs in the very transaction that records it, and the inbox row
// is stored as done: the state is applied before GitHub gets its answer, with no worker hop.
// Anything else is recorded pending, as before, and the worker applies it in arrival order.
import { enqueueAll } from "../outbox/enqueue.js";
import type { OrderedLanes } from "../outbox/worker.js";
import type { NewAction } from "../store/store.js";
import type { ShellDeps } from "./deps.js";
import { boundToTransaction } from "./handlers/once.js";
import { handlerOf } from "./inbox.js";
import type { InboxEntry } from "./inbox.js";

/** Records a batch of deliveries (with their inbox actions); returns the keys that were new. */
export type RecordDeliveries = (
  deliveries: readonly { entry: InboxEntry; action: NewAction }[],
) => Promise<Set<string>>;

/** Records deliveries pending, for the worker to apply (the path when applying at once is off). */
export function recordPending(deps: Pick<ShellDeps, "store" | "wakeWorker">): RecordDeliveries {
  return async (deliveries) => {
    const inserted = await enqueueAll(
      deps.store,
      deliveries.map((d) => d.action),
    );
    if (inserted.size > 0) deps.wakeWorker();
    return inserted;
  };
}

export interface ApplyAtIngestOptions {
  lanes: OrderedLanes;
  /** Recorded as the applied rows' lease owner: which process applied them. */
  owner: string;
  /**
   * A batch larger than this is only recorded (default 32): deliveries are arriving faster than
   * they are applied, so GitHub's answers must not wait for the applying; the worker catches up.
   */
  maxApply?: number;
  /**
   * Postgres: how long applying may wait for a row another transaction holds (default 2,000 ms);
   * past it the batch is rolled back and recorded pending, so the answer is not held up.
   */
  lockTimeoutMs?: number;
  /** Called with how many deliveries were applied at once (metrics). */
  onApplied?: (count: number) => void;
}

/**
 * Which deliveries of a batch may be applied in the recording transaction: those in an idle lane,
 * up to the first barrier delivery (it waits for every older delivery, and holds every newer one).
 */
function candidates(
  deliveries: readonly { action: NewAction }[],
  barrier: number | undefined,
): { action: NewAction; index: number }[] {
  const taken: { action: NewAction; index: number }[] = [];
  for (const [index, { action }] of deliveries.entries()) {
    if (action.installationId === barrier) break;
    taken.push({ action, index });
  }
  return taken;
}

/**
 * Records a batch in one transaction and applies, in arrival order, the deliveries whose lane is
 * idle (`OutboxStore.idleLanes`). If that transaction fails (a handler's error, a lost race), it
 * is rolled back whole and the batch is recorded pending: the worker applies each delivery with
 * its retries, so nothing is lost and nothing is applied twice.
 */
export function applyAtIngest(deps: ShellDeps, options: ApplyAtIngestOptions): RecordDeliveries {
  const { barrier } = options.lanes;
  const pending = recordPending(deps);
  const maxApply = options.maxApply ?? 32;
  return async (deliveries) => {
    if (deliveries.length > maxApply) return pending(deliveries);
    let wake = false;
    let applied = 0;
    try {
      const inserted = await deps.store.transaction(async (raw) => {
        const bound = boundToTransaction(deps, raw);
        const tx = bound.deps.store;
        const taken = candidates(deliveries, barrier);
        const lanes = taken.map(({ action }) => action.installationId);
        const idle = await tx.outbox.idleLanes({
          lanes,
          ...(barrier === undefined ? {} : { barrier }),
          ...(options.lockTimeoutMs === undefined ? {} : { lockTimeoutMs: options.lockTimeoutMs }),
        });
        const results = new Map<string, { applied: boolean }>();
        for (const { action, index } of taken) {
          if (!idle.has(action.installationId)) continue;
          const entry = deliveries[index]?.entry;
          const apply = entry ? handlerOf(entry) : null;
          if (!apply) deps.log.warn({ event: entry?.event }, "webhook.unhandled");
          results.set(action.key, { applied: apply ? await apply(bound.deps) : false });
        }
        applied = results.size;
        const recorded = await tx.outbox.enqueueMany(
          deliveries.map((d) => d.action),
          { at: deps.clock.now(), results, owner: options.owner },
        );
        // What the handlers enqueued, and what was recorded pending, is for the worker.
        wake = bound.woke() || [...recorded].some((key) => !results.has(key));
        return recorded;
      });
      if (wake) deps.wakeWorker();
      if (applied > 0) options.onApplied?.(applied);
      return inserted;
    } catch (error) {
      deps.log.warn(
        { err: error, deliveries: deliveries.length },
        "webhook.apply_at_ingest_failed",
      );
      return pending(deliveries);
    }
  };
}
