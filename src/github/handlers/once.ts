// Applies a webhook delivery exactly once: its id is recorded in the same transaction as its
// effects, so a redelivery (same X-GitHub-Delivery) changes nothing.
import { cachedRepoStore } from "../../store/repos.js";
import type { Store } from "../../store/store.js";
import type { ShellDeps } from "../deps.js";

export type Applied<T> = { fresh: true; result: T } | { fresh: false };

const scopes = new WeakSet<Store>();

/**
 * `tx` with its repository and installation rows read at most once (until a write to them): every
 * step of a delivery, and every delivery of a batch, asks for the same repository.
 */
export function deliveryScope(tx: Store): Store {
  if (scopes.has(tx)) return tx;
  // The other aggregates stay those of `tx` (bound to its transaction) through the prototype.
  const scope = Object.create(tx, { repos: { value: cachedRepoStore(tx.repos) } }) as Store;
  scopes.add(scope);
  return scope;
}

/**
 * `deps` bound to transaction `raw` (with its repository cache), for applying deliveries in it:
 * their wake-ups of the worker are held, and `woke()` says whether any came, to wake it once the
 * transaction has committed (what they enqueued is visible only then).
 */
export function boundToTransaction(
  deps: ShellDeps,
  raw: Store,
): { deps: ShellDeps; woke: () => boolean } {
  let wake = false;
  const store = deliveryScope(raw);
  return { deps: { ...deps, store, wakeWorker: () => void (wake = true) }, woke: () => wake };
}

export async function applyOnce<T>(
  deps: Pick<ShellDeps, "store" | "clock" | "log" | "wakeWorker">,
  delivery: { id: string; event: string },
  apply: (tx: Store) => Promise<T>,
): Promise<Applied<T>> {
  const now = deps.clock.now();
  const outcome = await deps.store.transaction(async (raw): Promise<Applied<T>> => {
    const tx = deliveryScope(raw);
    if (!(await tx.deliveries.record(delivery.id, delivery.event, now))) return { fresh: false };
    return { fresh: true, result: await apply(tx) };
  });
  if (outcome.fresh) deps.wakeWorker();
  else
    deps.log.info({ delivery: delivery.id, event: delivery.event }, "webhook.redelivery_ignored");
  return outcome;
}
