// The digest and the dashboard count reminders, escalations and nudges performed in a period. On
// SQLite their queries must repeat the partial index's terms (migration 0015) to use it; without
// it they read every action stored, applied webhook payloads included.
import type { Compilable } from "kysely";
import { DateTime } from "luxon";
import { performedActionsQuery as dashboardQuery } from "../../src/store/dashboard.js";
import { performedActionsQuery as digestQuery } from "../../src/store/digests.js";
import { migratedSqliteEachTest, planOf as planIn } from "../helpers/sqlite-plans.js";

const WEEK = {
  from: DateTime.fromISO("2026-11-16T00:00:00Z", { zone: "utc" }),
  to: DateTime.fromISO("2026-11-23T00:00:00Z", { zone: "utc" }),
};

const database = migratedSqliteEachTest();
const planOf = async (query: Compilable) => (await planIn(database(), query)).join("\n");

test("the digest reads one installation's performed SLA actions off the partial index", async () => {
  const plan = await planOf(
    digestQuery(database().db, 7, ["reminder", "escalation", "nudge"], WEEK),
  );
  expect(plan).toMatch(
    /SEARCH actions USING INDEX actions_sla_performed \(installation_id=\? AND performed_at>\? AND performed_at<\?\)/,
  );
});

test("the dashboard walks the partial index, not the actions table", async () => {
  const kinds = ["reminder", "escalation", "reminder-dm", "nudge"];
  const plan = await planOf(dashboardQuery(database().db, [10, 11], kinds, WEEK, null));
  expect(plan).toMatch(/USING INDEX actions_sla_performed/);
  expect(plan).not.toMatch(/SCAN a\n|SCAN a$/);
});

test("a kind the index does not hold reads as before, and still answers", async () => {
  const plan = await planOf(digestQuery(database().db, 7, ["reminder", "checklist"], WEEK));
  expect(plan).not.toMatch(/actions_sla_performed/);
  await expect(
    digestQuery(database().db, 7, ["reminder", "checklist"], WEEK).execute(),
  ).resolves.toEqual([]);
});
