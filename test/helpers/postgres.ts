// Gives tests a Postgres database of their own (a fresh schema), or says clearly why they skip.
import { MIGRATION_LOCK } from "../../src/store/migrate.js";
import { randomBytes } from "node:crypto";
import pg from "pg";

const DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/test";
const CONNECT_TIMEOUT_MS = 2000;

/** `TEST_DATABASE_URL` (or the local default) with its password hidden, for messages. */
function redacted(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== "") parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparsable TEST_DATABASE_URL)";
  }
}

async function answers(url: string): Promise<string | null> {
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });
  try {
    await client.connect();
    await client.query("select 1");
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * A Postgres URL with a fresh `?schema=t_<random>`, or null (with one warning) when no server
 * answers. In CI (`CI=true`) an unreachable server fails instead: the suite must not go quiet.
 */
export async function postgresTestUrl(): Promise<string | null> {
  const base = process.env.TEST_DATABASE_URL || DEFAULT_URL;
  const problem = await answers(base);
  if (problem !== null) {
    const reason = `${redacted(base)} does not answer (${problem}). Start Postgres or set TEST_DATABASE_URL.`;
    if (process.env.CI === "true") throw new Error(`Postgres is required in CI: ${reason}`);
    console.warn(`Postgres tests skipped: ${reason}`);
    return null;
  }
  return withFreshSchema(base);
}

/** Another unique schema on the same server as `url`. */
export function withFreshSchema(url: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set("schema", `t_${randomBytes(6).toString("hex")}`);
  return parsed.toString();
}

/** Drops the schema a test URL points at, with everything in it. */
export async function dropTestSchema(url: string): Promise<void> {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get("schema");
  if (schema === null || !/^t_[0-9a-f]+$/.test(schema)) {
    throw new Error(`Refusing to drop "${schema ?? ""}": not a test schema.`);
  }
  parsed.searchParams.delete("schema");
  const client = new pg.Client({ connectionString: parsed.toString() });
  await client.connect();
  try {
    // Never while another test process migrates: Kysely's migrator reads every schema's tables.
    await client.query("select pg_advisory_lock(hashtext($1))", [MIGRATION_LOCK]);
    await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
}
