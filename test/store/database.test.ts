// Opening the database from DATABASE_URL, and the SQLite-only lease of a lock.
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { ManualClock } from "../../src/runtime-clock.js";
import { openDatabase } from "../../src/store/database.js";
import { createStore } from "../../src/store/kysely-store.js";
import { SQLITE_LOCK_LEASE_MINUTES } from "../../src/store/locks.js";
import { T0 } from "./contract/context.js";

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), "review-sla-db-"));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

test("rejects an unsupported DATABASE_URL, naming the accepted forms but not the password", () => {
  const open = () => openDatabase("mysql://app:s3cret@db.example/app");
  expect(open).toThrow(/"mysql".*sqlite:<path>.*postgres:\/\//s);
  expect(open).not.toThrow(/s3cret/);
});

test("creates the SQLite file's folder and turns on WAL, the busy timeout and foreign keys", async () => {
  const path = join(folder, "nested", "app.db");
  const { db, dialect, describe } = openDatabase(`sqlite:${path}`);
  try {
    expect([dialect, describe]).toEqual(["sqlite", `sqlite ${path}`]);
    const pragma = async (name: string) =>
      Object.values(
        (await sql.raw<Record<string, unknown>>(`pragma ${name}`).execute(db)).rows[0] ?? {},
      );
    expect(await pragma("journal_mode")).toEqual(["wal"]);
    expect(await pragma("busy_timeout")).toEqual([5000]);
    expect(await pragma("foreign_keys")).toEqual([1]);
    expect((await stat(path)).isFile()).toBe(true);
  } finally {
    await db.destroy();
  }
});

test("opens an in-memory SQLite database", async () => {
  const store = await createStore("sqlite::memory:");
  try {
    await store.ping();
    expect(store.describe).toBe("sqlite (in memory)");
  } finally {
    await store.close();
  }
});

test("describes a Postgres database without its password", async () => {
  for (const scheme of ["postgres", "postgresql"]) {
    const opened = openDatabase(`${scheme}://app:s3cret@db.example:5432/reviews?schema=tenant_1`);
    expect(opened.dialect).toBe("postgres");
    expect(opened.describe).toBe("postgres app@db.example:5432/reviews (schema tenant_1)");
    await opened.db.destroy();
  }
});

test("rejects a Postgres schema name that is not a plain identifier", () => {
  expect(() => openDatabase('postgres://db.example/reviews?schema=x";drop')).toThrow(
    /invalid schema/,
  );
});

test("on SQLite, a lock its holder never released is taken over once its lease has expired", async () => {
  const url = `sqlite:${join(folder, "locks.db")}`;
  const holderClock = new ManualClock(T0);
  const laterClock = new ManualClock(T0.plus({ minutes: SQLITE_LOCK_LEASE_MINUTES - 1 }));
  const holder = await createStore(url, { clock: holderClock });
  const later = await createStore(url, { clock: laterClock });
  try {
    const outcome = await holder.withLock("sweep", async () => {
      const early = await later.withLock("sweep", () => Promise.resolve("early"));
      laterClock.advance({ minutes: 1 });
      const expired = await later.withLock("sweep", () => Promise.resolve("taken over"));
      return [early, expired];
    });
    expect(outcome).toEqual({
      acquired: true,
      result: [{ acquired: false }, { acquired: true, result: "taken over" }],
    });
  } finally {
    await Promise.all([holder.close(), later.close()]);
  }
});
