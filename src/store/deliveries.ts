// The deliveries aggregate: webhook delivery ids already applied (so a redelivery changes
// nothing) and the failed deliveries this app asked GitHub to redeliver.
import type { Kysely } from "kysely";
import type { DateTime } from "luxon";
import { toTime } from "./codec.js";
import type { Database } from "./schema.js";

type Db = Kysely<Database>;

export interface DeliveryStore {
  /** True the first time a delivery id is seen, false for a redelivery. */
  record(id: string, event: string, receivedAt: DateTime): Promise<boolean>;
  /** True the first time a failed webhook delivery is asked to be redelivered. */
  recordRedelivery(deliveryId: string, at: DateTime): Promise<boolean>;
}

export function deliveryStore(db: Db): DeliveryStore {
  return {
    record: (id, event, receivedAt) => recordDelivery(db, id, event, receivedAt),
    recordRedelivery: (deliveryId, at) => recordRedelivery(db, deliveryId, at),
  };
}

async function recordDelivery(
  db: Db,
  id: string,
  event: string,
  receivedAt: DateTime,
): Promise<boolean> {
  const inserted = await db
    .insertInto("webhook_deliveries")
    .values({ id, event, received_at: toTime(receivedAt) })
    .onConflict((oc) => oc.column("id").doNothing())
    .returning("id")
    .executeTakeFirst();
  return inserted !== undefined;
}

async function recordRedelivery(db: Db, deliveryId: string, at: DateTime): Promise<boolean> {
  const result = await db
    .insertInto("redeliveries")
    .values({ delivery_id: deliveryId, requested_at: toTime(at) })
    .onConflict((oc) => oc.column("delivery_id").doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}
