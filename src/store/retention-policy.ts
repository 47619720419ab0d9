// How long finished work is kept (RETENTION_* settings), and one retention pass over every table
// that would otherwise grow forever: many short batches, each its own statement or transaction.
import type { DateTime } from "luxon";
import type { Store } from "./store.js";

export interface RetentionPolicy {
  /** Applied webhook payloads (`webhook` actions, done). */
  webhookPayloadDays: number;
  /** Webhook delivery ids and redelivery requests. Keep ≥ 7: GitHub redelivers up to 7 days. */
  deliveryDays: number;
  /** Finished actions that can no longer be planned again (see `UNBOUND_PRUNABLE_KINDS`). */
  actionDays: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = {
  webhookPayloadDays: 7,
  deliveryDays: 30,
  actionDays: 30,
};

/**
 * Kinds of action that belong to no pull request and whose key can never be planned again once
 * old: `webhook:<delivery>`, `sync-installation:<installation>:<delivery>` and imports keyed by a
 * delivery, a reconcile round or a start time (GitHub redelivers for days, not weeks; a delivery
 * id's own record guards the handler); `reconcile:<repo>:<round>` (rounds only move forward);
 * `refresh-config:<repo>@<sha>` (reloading a config twice is harmless); `digest:<scope>:<week>`
 * (the `digests` table records what was sent, and the schedule only looks at the latest week).
 * Any other kind without a pull request is kept.
 */
export const UNBOUND_PRUNABLE_KINDS = [
  "webhook",
  "sync-installation",
  "import-repository",
  "reconcile-repository",
  "refresh-config",
  "digest",
] as const;

export interface RetentionReport {
  webhookPayloads: number;
  actions: number;
  deliveries: number;
  assignmentPlans: number;
}

/** Runs `step` until it deletes less than a full batch, or `maxBatches` batches were run. */
async function drain(
  step: (limit: number) => Promise<number>,
  batchSize: number,
  maxBatches: number,
): Promise<number> {
  let total = 0;
  for (let batch = 0; batch < maxBatches; batch += 1) {
    const deleted = await step(batchSize);
    total += deleted;
    if (deleted < batchSize) break;
  }
  return total;
}

/**
 * One retention pass as of `now`. A large backlog is worked off over several passes: each step
 * stops after `maxBatches` batches of `batchSize` rows.
 */
export async function pruneExpired(
  store: Store,
  policy: RetentionPolicy,
  now: DateTime,
  options: { batchSize?: number; maxBatches?: number } = {},
): Promise<RetentionReport> {
  const batchSize = options.batchSize ?? 500;
  const maxBatches = options.maxBatches ?? 100;
  const run = (step: (limit: number) => Promise<number>) => drain(step, batchSize, maxBatches);
  const payloadsBefore = now.minus({ days: policy.webhookPayloadDays });
  const actionsBefore = now.minus({ days: policy.actionDays });
  const deliveriesBefore = now.minus({ days: policy.deliveryDays });
  const retention = store.retention;
  const webhookPayloads = await run((n) => retention.pruneDone("webhook", payloadsBefore, n));
  const closed = await run((n) => retention.pruneClosedPullRequests(actionsBefore, n));
  const unbound = await run((n) =>
    retention.pruneUnbound(UNBOUND_PRUNABLE_KINDS, actionsBefore, n),
  );
  const deliveries = await run((n) => retention.pruneDeliveries(deliveriesBefore, n));
  const assignmentPlans = await run((n) => retention.prunePlans(actionsBefore, n));
  return { webhookPayloads, actions: closed + unbound, deliveries, assignmentPlans };
}
