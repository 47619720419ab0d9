// On SQLite the next-due index holds a number (migration 0014_next_due_order): the sweep's idle
// check and its pages must name that very expression, or SQLite walks every open PR.
import { sql } from "kysely";
import type { Compilable } from "kysely";
import { DateTime } from "luxon";
import { nextDueBound, nextDueKey } from "../../src/store/due-order.js";
import { duePullRequests } from "../../src/store/due-pulls.js";
import { migratedSqliteEachTest, planOf as planIn } from "../helpers/sqlite-plans.js";

const AT = DateTime.fromISO("2026-11-25T12:00:00.000Z", { zone: "utc" });

const database = migratedSqliteEachTest();
const planOf = (query: Compilable) => planIn(database(), query);

test("reads due pull requests off the next-due index, for the idle check and for each page", async () => {
  const key = nextDueKey("sqlite");
  const idle = duePullRequests(database().db, "sqlite", AT)
    .select("p.id")
    .orderBy(key)
    .orderBy("p.id")
    .limit(1);
  const from = nextDueBound("sqlite", "2026-11-24T00:00:00.000Z");
  const page = duePullRequests(database().db, "sqlite", AT)
    .where(key, ">=", from)
    .where(sql<boolean>`(${key}, ${sql.ref("p.id")}) > (${from}, ${7})`)
    .selectAll("p")
    .orderBy(key)
    .orderBy("p.id")
    .limit(500);
  for (const query of [idle, page]) {
    const plan = await planOf(query);
    expect(plan[0]).toMatch(/^SEARCH p USING INDEX pull_requests_next_due \(<expr>/);
    expect(plan.join("\n")).not.toMatch(/SCAN p\b/);
  }
});

test("compares stored texts in the index's terms exactly as SQLite computes them", async () => {
  const texts = [
    "2026-11-25T12:00:00.000Z",
    "2026-11-25T12:00:00.001Z",
    "1970-01-01T00:00:00.000Z",
    "2038-01-19T03:14:07.999Z",
    "9999-12-31T23:59:59.999Z",
  ];
  for (const text of texts) {
    const row = await sql<{ at: number }>`select unixepoch(${text}, 'subsec') as at`.execute(
      database().db,
    );
    expect(row.rows[0]?.at).toBe(nextDueBound("sqlite", text));
  }
  expect(nextDueBound("postgres", texts[0]!)).toBe(texts[0]);
});
