// Applies the webhook inbox several deliveries to a transaction: consecutive deliveries of one
// repository share a commit, and on Postgres different repositories are applied side by side.
// Arrival order holds per repository; a delivery without one (installation events) waits for
// everything before it and holds up everything after it.
import { payloadSchema } from "../outbox/catalogue.js";
import type { LaneApplier, LaneLease } from "../outbox/worker.js";
import type { ActionRow } from "../store/store.js";
import type { ShellDeps } from "./deps.js";
import { boundToTransaction } from "./handlers/once.js";
import { handlerOf, payloadRepositoryId } from "./inbox.js";

export interface InboxBatchOptions {
  /** Deliveries of one repository per transaction (default 10: short enough for SQLite's writer). */
  perTransaction?: number;
  /** Repositories applied side by side (default 4; SQLite's one connection runs them in turn). */
  repositories?: number;
}

interface Delivery {
  row: ActionRow;
  repositoryId: number;
  apply: (deps: ShellDeps) => Promise<boolean>;
}

/** A delivery that may share a transaction: a handled event about one repository. */
function batchable(row: ActionRow): Delivery | null {
  const parsed = payloadSchema("webhook").safeParse(row.payload);
  if (!parsed.success) return null;
  const apply = handlerOf(parsed.data);
  const id = payloadRepositoryId(parsed.data.payload);
  if (!apply || id === null) return null;
  return { row, repositoryId: id, apply };
}

/** The deliveries of each repository, in arrival order. */
function byRepository(segment: readonly Delivery[]): Delivery[][] {
  const groups = new Map<number, Delivery[]>();
  for (const delivery of segment) {
    const group = groups.get(delivery.repositoryId);
    if (group) group.push(delivery);
    else groups.set(delivery.repositoryId, [delivery]);
  }
  return [...groups.values()];
}

/** Runs `work` over `items` with at most `limit` at a time. */
async function eachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
) {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++] as T);
  });
  await Promise.all(lanes);
}

export function inboxBatchApplier(deps: ShellDeps, options: InboxBatchOptions = {}): LaneApplier {
  const perTransaction = options.perTransaction ?? 10;
  const repositories = options.repositories ?? 4;

  /** One transaction: each delivery's handler, then the rows marked done. False if it failed. */
  async function commit(chunk: readonly Delivery[], lease: LaneLease): Promise<boolean> {
    let wake = false;
    try {
      await deps.store.transaction(async (tx) => {
        // One repository's rows, read by the first delivery, serve the whole chunk.
        const bound = boundToTransaction(deps, tx);
        const done: { id: number; result: unknown }[] = [];
        for (const { row, apply } of chunk)
          done.push({ id: row.id, result: { applied: await apply(bound.deps) } });
        await tx.outbox.completeMany(done, lease.owner, lease.now());
        wake = bound.woke();
      });
    } catch (error) {
      // Nothing of the chunk was kept: each delivery is applied again on its own, with retries.
      deps.log.warn({ err: error, deliveries: chunk.length }, "webhook.batch_failed");
      return false;
    }
    // What the handlers enqueued is visible only now.
    if (wake) deps.wakeWorker();
    return true;
  }

  return async (rows, lease, one) => {
    const applied: ActionRow[] = [];
    /** One repository's deliveries: chunk by chunk; after a failed chunk, the rest one by one. */
    const repository = async (group: readonly Delivery[]) => {
      for (let at = 0; at < group.length; at += perTransaction) {
        const chunk = group.slice(at, at + perTransaction);
        if (!lease.stopping() && (await commit(chunk, lease))) {
          applied.push(...chunk.map((d) => d.row));
          continue;
        }
        for (const { row } of group.slice(at)) await one(row);
        return;
      }
    };
    for (let i = 0; i < rows.length;) {
      const segment: Delivery[] = [];
      for (let d = batchable(rows[i] as ActionRow); d && i < rows.length;) {
        segment.push(d);
        i += 1;
        d = i < rows.length ? batchable(rows[i] as ActionRow) : null;
      }
      if (segment.length === 0) {
        await one(rows[i] as ActionRow);
        i += 1;
        continue;
      }
      await eachLimited(byRepository(segment), repositories, repository);
    }
    return applied;
  };
}
