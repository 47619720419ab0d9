// The database a benchmark runs on: a SQLite file in a temporary folder, or a fresh schema on a
// Postgres server (`--db postgres`, `BENCH_DATABASE_URL`), dropped when the benchmark ends.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dropTestSchema, withFreshSchema } from "../test/helpers/postgres.js";

export interface BenchDatabase {
  name: "SQLite" | "Postgres";
  /** A new, empty database. */
  fresh(): string;
  /** Drops every database `fresh` made. */
  disposeAll(): Promise<void>;
}

const DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/test";

export function benchDatabase(kind: string): BenchDatabase {
  if (kind === "postgres") {
    const base = process.env.BENCH_DATABASE_URL || DEFAULT_POSTGRES;
    const made: string[] = [];
    return {
      name: "Postgres",
      fresh: () => {
        const url = withFreshSchema(base);
        made.push(url);
        return url;
      },
      disposeAll: async () => {
        for (const url of made.splice(0)) await dropTestSchema(url);
      },
    };
  }
  if (kind !== "sqlite") throw new Error(`--db expects sqlite or postgres, found "${kind}"`);
  const dirs: string[] = [];
  return {
    name: "SQLite",
    fresh: () => {
      const dir = mkdtempSync(join(tmpdir(), "review-sla-bench-"));
      dirs.push(dir);
      return `sqlite:${join(dir, "bench.db")}`;
    },
    disposeAll: () => {
      for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    },
  };
}
