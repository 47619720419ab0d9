// `review-sla start` stops within 10 s of SIGTERM whatever GitHub does (here: never answers),
// leaving leased work to be retaken; a second SIGTERM exits at once. Runs the built CLI.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DateTime } from "luxon";
import { freePort } from "../../src/demo/local-app.js";
import { createStore } from "../../src/store/kysely-store.js";
import { privateKey } from "../helpers/app.js";
import { finished, spawnCli } from "../helpers/cli.js";
import { StandInGitHub } from "../../src/demo/stand-in-github.js";
import { dropTestSchema, postgresTestUrl, withFreshSchema } from "../helpers/postgres.js";
import { seedRepository, seedWaitingPulls } from "../helpers/seed.js";

const postgres = await postgresTestUrl();
const dir = mkdtempSync(join(tmpdir(), "review-sla-shutdown-"));
const schemas: string[] = [];

afterAll(async () => {
  for (const url of schemas) await dropTestSchema(url);
  rmSync(dir, { recursive: true, force: true });
});

async function seed(databaseUrl: string): Promise<void> {
  const store = await createStore(databaseUrl);
  const now = DateTime.utc();
  for (const id of [1, 2]) {
    const repo = { installationId: id, repositoryId: id * 10, owner: `org${id}` };
    await seedRepository(store, repo, now);
    await seedWaitingPulls(store, repo, {
      count: 3,
      firstId: id * 100,
      createdAt: () => now.minus({ hours: 30 }),
    });
  }
  await store.close();
}

/** A GitHub that takes every comment POST and never answers it; resolves at the first one. */
function hangingGitHub(github: StandInGitHub): Promise<void> {
  let arrived: () => void = () => undefined;
  const first = new Promise<void>((resolve) => (arrived = resolve));
  github.onRequest = ({ method, path }) => {
    if (method !== "POST" || !path.endsWith("/comments")) return;
    arrived();
    return new Promise<void>(() => undefined);
  };
  return first;
}

async function startHung(databaseUrl: string) {
  const github = new StandInGitHub();
  await github.start();
  for (const id of [1, 2]) github.addRepo({ id: id * 10, owner: `org${id}`, name: "api" });
  const posting = hangingGitHub(github);
  await seed(databaseUrl);
  const child = spawnCli(
    ["start"],
    {
      APP_ID: "1",
      PRIVATE_KEY: privateKey(),
      WEBHOOK_SECRET: "s",
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(await freePort()),
      DATABASE_URL: databaseUrl,
      GHE_HOST: github.host,
      GHE_PROTOCOL: "http",
      LOG_LEVEL: "info",
    },
    dir,
  );
  const exit = finished(child, "start", 30_000);
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    posting,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error("no comment POST within 15 s")), 15_000);
    }),
  ]).finally(() => clearTimeout(timer));
  return { github, child, exit };
}

const databases: [string, () => string | null][] = [
  ["SQLite", () => `sqlite:${join(dir, `app-${schemas.length}-${Date.now()}.db`)}`],
  ["Postgres", () => (postgres ? withFreshSchema(postgres) : null)],
];

describe.each(databases)("stopping a server whose GitHub hangs (%s)", (name, url) => {
  const maybe = name === "Postgres" && !postgres ? it.skip : it;

  maybe("exits within 10 s of SIGTERM and leaves every reminder to be retaken", async () => {
    const databaseUrl = url()!;
    if (name === "Postgres") schemas.push(databaseUrl);
    const { github, child, exit } = await startHung(databaseUrl);
    const signalled = Date.now();
    child.kill("SIGTERM");
    const run = await exit;
    await github.stop();
    expect(Date.now() - signalled).toBeLessThan(10_000);
    expect(run.code).toBe(0);
    const store = await createStore(databaseUrl);
    const reminders = await store.outbox.list({ kind: "reminder" });
    await store.close();
    expect(reminders).toHaveLength(6);
    expect(reminders.every((r) => r.status === "pending")).toBe(true);
  });

  maybe("exits at once on a second SIGTERM", async () => {
    const databaseUrl = url()!;
    if (name === "Postgres") schemas.push(databaseUrl);
    const { github, child, exit } = await startHung(databaseUrl);
    const stopping = new Promise<void>((resolve) => {
      const seen = (d: Buffer) => d.toString().includes("app.stopping") && resolve();
      child.stderr.on("data", seen);
      child.stdout.on("data", seen);
    });
    child.kill("SIGTERM");
    await stopping; // the first signal is being handled: a second is not merged into it
    const second = Date.now();
    child.kill("SIGTERM");
    const run = await exit;
    await github.stop();
    expect(Date.now() - second).toBeLessThan(1_500);
    expect(run.code).toBe(143);
  });
});
