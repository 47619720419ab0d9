// The databases a store suite runs on: a fresh SQLite file, and a fresh schema on the local
// Postgres (skipped, with a message, when none answers; failing in CI).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dropTestSchema, postgresTestUrl, withFreshSchema } from "../../helpers/postgres.js";
import type { StoreTarget } from "./context.js";

const sqlite: StoreTarget = {
  name: "SQLite",
  freshUrl: async () => `sqlite:${join(await mkdtemp(join(tmpdir(), "review-sla-")), "test.db")}`,
  dispose: (url) => rm(join(url.slice("sqlite:".length), ".."), { recursive: true, force: true }),
};

const postgresUrl = await postgresTestUrl();
const postgres: StoreTarget = {
  name: "Postgres",
  freshUrl: () => Promise.resolve(withFreshSchema(postgresUrl ?? "postgres://unreachable/")),
  dispose: dropTestSchema,
};

/** Declares `suite` once per database, named "<title> on SQLite" / "on Postgres". */
export function onEveryStore(title: string, suite: (target: StoreTarget) => void): void {
  describe.each([sqlite])(`${title} on $name`, suite);
  (postgresUrl === null ? describe.skip : describe).each([postgres])(`${title} on $name`, suite);
}
