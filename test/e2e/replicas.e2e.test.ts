// Several replicas on one Postgres behave like one: each action once, each sweep once; and a
// worker killed between posting and recording does not post twice after a restart (on SQLite
// and Postgres alike).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DateTime } from "luxon";
import { StandInGitHub } from "../../src/demo/stand-in-github.js";
import { createStore } from "../../src/store/kysely-store.js";
import { privateKey } from "../helpers/app.js";
import { finished, runCli, spawnCli } from "../helpers/cli.js";
import { onEveryDatabase, onPostgres } from "../helpers/e2e.js";
import { waitFor } from "../helpers/replicas.js";
import type { E2EDatabase } from "../helpers/e2e.js";
import { seedRepository, seedWaitingPulls } from "../helpers/seed.js";

const t0 = DateTime.fromISO("2026-11-23T09:00:00Z", { zone: "utc" });
const repo = { installationId: 1, repositoryId: 10, owner: "octo" };

let dir: string;
let github: StandInGitHub;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "review-sla-replicas-"));
  github = new StandInGitHub();
  await github.start();
  github.addRepo({ id: 10, owner: "octo", name: "api" });
});

afterEach(async () => {
  await github.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A fresh database for one test, dropped after it. */
function freshDatabase(database: E2EDatabase): () => string {
  let url = "";
  beforeEach(() => {
    url = database.freshUrl(dir);
  });
  afterEach(() => database.dispose(url));
  return () => url;
}

function env(databaseUrl: string): Record<string, string> {
  return {
    APP_ID: "1",
    PRIVATE_KEY: privateKey(),
    DATABASE_URL: databaseUrl,
    GHE_HOST: github.host,
    GHE_PROTOCOL: "http",
  };
}

async function seed(databaseUrl: string, count: number): Promise<void> {
  const store = await createStore(databaseUrl);
  await seedRepository(store, repo, t0);
  await seedWaitingPulls(store, repo, {
    count,
    firstId: 1000,
    createdAt: (i) => t0.plus({ minutes: i }),
  });
  await store.close();
}

function commentsPerPull(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const request of github.postedComments())
    counts.set(request.path, (counts.get(request.path) ?? 0) + 1);
  return counts;
}

onPostgres("two replicas on one database", (database) => {
  const url = freshDatabase(database);

  it("perform every due action exactly once when both sweep and work at the same time", async () => {
    // Probot's throttle spaces each process's comments 3 s apart: a few PRs are enough.
    await seed(url(), 6);
    const at = t0.plus({ days: 1, hours: 2 }).toISO()!;
    const runs = await Promise.all([
      runCli(["sweep", "--at", at], env(url()), dir, 60_000),
      runCli(["sweep", "--at", at], env(url()), dir, 60_000),
    ]);
    for (const run of runs) expect(run.code).toBe(0);
    const counts = commentsPerPull();
    expect(counts.size).toBe(6);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    const again = await runCli(["sweep", "--at", at], env(url()), dir, 60_000);
    expect(again.stdout).toContain("nothing due");
    expect(github.postedComments()).toHaveLength(6);
  }, 90_000);
});

onEveryDatabase("a worker killed mid-action", (database) => {
  const url = freshDatabase(database);

  it("does not post twice after restart when it died after GitHub stored the comment", async () => {
    await seed(url(), 1);
    github.hangNext("POST", /\/issues\/\d+\/comments$/);
    // Leases run on real time, whatever --at says: a one-second lease lets the restart retake it.
    const child = spawnCli(
      ["sweep", "--at", t0.plus({ days: 1, hours: 1 }).toISO()!],
      { ...env(url()), ACTION_LEASE_SECONDS: "1" },
      dir,
    );
    const exit = finished(child, "sweep (to be killed)", 30_000);
    await waitFor(() => github.postedComments().length > 0, 20_000, "the comment to be posted");
    expect(github.postedComments()).toHaveLength(1);
    child.kill("SIGKILL");
    expect((await exit).signal).toBe("SIGKILL");
    // Once the lease has expired, a new process finds GitHub's copy by its marker.
    const leases = await createStore(url());
    await waitFor(
      async () => {
        const [held] = await leases.outbox.list({ kind: "reminder" });
        const expires = held?.leaseExpiresAt ?? null;
        return expires !== null && expires < DateTime.utc();
      },
      10_000,
      "the killed sweep's lease to expire",
    );
    await leases.close();
    const restart = await runCli(
      ["sweep", "--at", t0.plus({ days: 1, hours: 1, minutes: 10 }).toISO()!],
      env(url()),
      dir,
    );
    expect(restart.code).toBe(0);
    expect(github.postedComments()).toHaveLength(1);
    const store = await createStore(url());
    const [action] = await store.outbox.list({ kind: "reminder" });
    expect(action).toMatchObject({
      status: "done",
      attempts: 2,
      result: expect.objectContaining({ recovered: true }),
    });
    await store.close();
  }, 60_000);
});
