// The digest and the dashboard count reminders, escalations and nudges performed in a period. On
// SQLite their queries must repeat the partial index's terms (migration 0015) to use it; without
// it they read every action stored, applied webhook payloads included.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CompiledQuery } from "kysely";
import type { Compilable } from "kysely";
import { DateTime } from "luxon";
import { performedActionsQuery as dashboardQuery } from "../../src/store/dashboard.js";
import { openDatabase } from "../../src/store/database.js";
import type { OpenedDatabase } from "../../src/store/database.js";
import { performedActionsQuery as digestQuery } from "../../src/store/digests.js";
import { migrateToLatest } from "../../src/store/migrate.js";

const WEEK = {
  from: DateTime.fromISO("2026-11-16T00:00:00Z", { zone: "utc" }),
  to: DateTime.fromISO("2026-11-23T00:00:00Z", { zone: "utc" }),
};

let folder: string;
let opened: OpenedDatabase;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), "review-sla-performed-"));
  opened = openDatabase(`sqlite:${join(folder, "app.db")}`);
  await migrateToLatest(opened.db, "sqlite");
});
afterEach(async () => {
  await opened.db.destroy();
  await rm(folder, { recursive: true, force: true });
});

async function planOf(query: Compilable): Promise<string> {
  const { sql: text, parameters } = query.compile();
  const explained = CompiledQuery.raw(`explain query plan ${text}`, [...parameters]);
  const result = await opened.db.executeQuery<{ detail: string }>(explained);
  return result.rows.map((row) => row.detail).join("\n");
}

test("the digest reads one installation's performed SLA actions off the partial index", async () => {
  const plan = await planOf(digestQuery(opened.db, 7, ["reminder", "escalation", "nudge"], WEEK));
  expect(plan).toMatch(
    /SEARCH actions USING INDEX actions_sla_performed \(installation_id=\? AND performed_at>\? AND performed_at<\?\)/,
  );
});

test("the dashboard walks the partial index, not the actions table", async () => {
  const kinds = ["reminder", "escalation", "reminder-dm", "nudge"];
  const plan = await planOf(dashboardQuery(opened.db, [10, 11], kinds, WEEK, null));
  expect(plan).toMatch(/USING INDEX actions_sla_performed/);
  expect(plan).not.toMatch(/SCAN a\n|SCAN a$/);
});

test("a kind the index does not hold reads as before, and still answers", async () => {
  const plan = await planOf(digestQuery(opened.db, 7, ["reminder", "checklist"], WEEK));
  expect(plan).not.toMatch(/actions_sla_performed/);
  await expect(
    digestQuery(opened.db, 7, ["reminder", "checklist"], WEEK).execute(),
  ).resolves.toEqual([]);
});
