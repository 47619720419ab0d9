// `review-sla sweep --at <later>` beside a running server: simulated time decides what is due,
// but leases stay on the real clock, so the sweep never takes over an action the server holds.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sweepCommand } from "../../src/cli/sweep.js";
import { startLocalApp, throwawayPrivateKey } from "../../src/demo/local-app.js";
import { systemClock } from "../../src/runtime-clock.js";
import { loadSettings } from "../../src/settings.js";
import { silentLog, WEBHOOK_SECRET } from "../helpers/app.js";
import { StandInGitHub } from "../../src/demo/stand-in-github.js";
import { dropTestSchema, postgresTestUrl } from "../helpers/postgres.js";
import { seedRepository, seedWaitingPulls } from "../helpers/seed.js";

const postgres = await postgresTestUrl();
const repo = { installationId: 7, repositoryId: 70, owner: "octo" };
const dir = mkdtempSync(join(tmpdir(), "review-sla-sweep-at-"));

afterAll(async () => {
  if (postgres) await dropTestSchema(postgres);
  rmSync(dir, { recursive: true, force: true });
});

/** Resolves when a comment POST arrives; the POST then waits until `release()`. */
function holdFirstComment(github: StandInGitHub) {
  let release: () => void = () => undefined;
  let arrived: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const seen = new Promise<void>((resolve) => (arrived = resolve));
  let held = false;
  github.onRequest = async (request) => {
    if (held || request.method !== "POST" || !request.path.endsWith("/comments")) return;
    held = true;
    arrived();
    await gate;
  };
  return { seen, release };
}

const databases: [string, () => string | null][] = [
  ["SQLite", () => `sqlite:${join(dir, "app.db")}`],
  ["Postgres", () => postgres],
];

describe.each(databases)("sweep --at beside a running server (%s)", (_name, url) => {
  const maybe = url() === null ? it.skip : it;

  maybe("posts the reminder the server is performing exactly once", async () => {
    const databaseUrl = url()!;
    const github = new StandInGitHub();
    await github.start();
    github.addRepo({ id: 70, owner: "octo", name: "api" });
    const app = await startLocalApp({
      githubHost: github.host,
      databaseUrl,
      clock: systemClock,
      webhookSecret: WEBHOOK_SECRET,
      log: silentLog,
    });
    try {
      const now = systemClock.now();
      const store = app.runtime.options.store;
      await seedRepository(store, repo, now);
      await seedWaitingPulls(store, repo, {
        count: 1,
        firstId: 700,
        createdAt: () => now.minus({ hours: 25 }),
      });
      const hold = holdFirstComment(github);
      await app.runtime.sweepOnce();
      const performing = app.runtime.actionWorker.drain();
      await hold.seen;
      const settings = loadSettings({
        APP_ID: "1",
        PRIVATE_KEY: throwawayPrivateKey(),
        DATABASE_URL: databaseUrl,
        GHE_HOST: github.host,
        GHE_PROTOCOL: "http",
        NODE_ENV: "test",
      });
      const lines: string[] = [];
      const at = now.plus({ hours: 1 }).toISO()!;
      await sweepCommand(
        { settings, log: silentLog, out: (l) => lines.push(l) },
        { at, dryRun: false },
      );
      hold.release();
      await performing;
      expect(github.postedComments()).toHaveLength(1);
      const [reminder] = await store.outbox.list({ kind: "reminder" });
      expect(reminder).toMatchObject({ status: "done", attempts: 1 });
    } finally {
      await app.stop();
      await github.stop();
    }
  });
});
