// The `review-sla` command as operators run it: the built CLI in a child process.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DateTime } from "luxon";
import { createStore } from "../../src/store/kysely-store.js";
import { freePort, privateKey } from "../helpers/app.js";
import { runCli, spawnCli } from "../helpers/cli.js";
import { StandInGitHub } from "../../src/demo/stand-in-github.js";
import { seedRepository, seedWaitingPulls } from "../helpers/seed.js";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "review-sla-cli-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("review-sla config check", () => {
  it("accepts a valid file", async () => {
    const file = join(dir, "ok.yml");
    writeFileSync(file, "timezone: Europe/Berlin\nsla:\n  first_review: 8h\n");
    const run = await runCli(["config", "check", file], {}, dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("valid");
  });

  it("exits 1 and names each problem with its place", async () => {
    const file = join(dir, "bad.yml");
    writeFileSync(file, "timezone: Mars/Olympus\nsla:\n  frist_review: 8h\n");
    const run = await runCli(["config", "check", file], {}, dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("timezone");
    expect(run.stdout).toContain("sla.frist_review");
    expect(run.stdout).toContain("did you mean");
  });
});

describe("review-sla start", () => {
  it("refuses to start in production without WEBHOOK_SECRET, naming it", async () => {
    const run = await runCli(
      ["start"],
      {
        NODE_ENV: "production",
        APP_ID: "1",
        PRIVATE_KEY: privateKey(),
        DATABASE_URL: `sqlite:${join(dir, "a.db")}`,
      },
      dir,
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("WEBHOOK_SECRET");
  });

  it("serves /healthz and stops cleanly on SIGTERM", async () => {
    const port = await freePort();
    const env: Record<string, string> = {
      NODE_ENV: "production",
      APP_ID: "1",
      PRIVATE_KEY: privateKey(),
      WEBHOOK_SECRET: "s3cret",
      HOST: "127.0.0.1",
      PORT: String(port),
      DATABASE_URL: `sqlite:${join(dir, "start.db")}`,
      GHE_HOST: "127.0.0.1:9",
      GHE_PROTOCOL: "http",
      LOG_LEVEL: "info",
    };
    const child = spawnCli(["start"], env, dir);
    let output = "";
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((done) => child.on("exit", done));
    let health: { status: number; body: unknown } | null = null;
    for (let i = 0; i < 100 && !health; i += 1) {
      try {
        const response = await fetch(`http://127.0.0.1:${port}/healthz`);
        health = { status: response.status, body: await response.json() };
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    expect(health).toEqual({
      status: 200,
      body: expect.objectContaining({ status: "ok", database: "ok" }),
    });
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(output).toContain("app.stopped");
    expect(output).not.toContain("s3cret");
  });
});

describe("review-sla sweep", () => {
  it("prints what it would do with --dry-run, then does it once", async () => {
    const github = new StandInGitHub();
    await github.start();
    github.addRepo({ id: 10, owner: "octo", name: "api" });
    const db = join(dir, "sweep.db");
    const store = await createStore(`sqlite:${db}`);
    const t0 = DateTime.fromISO("2026-11-23T09:00:00Z", { zone: "utc" });
    const repo = { installationId: 1, repositoryId: 10, owner: "octo" };
    await seedRepository(store, repo, t0);
    await seedWaitingPulls(store, repo, { count: 1, firstId: 100, createdAt: () => t0 });
    // Work the sweep did not find itself, but performs before exiting too.
    await store.outbox.enqueue({
      key: "refresh-config:10@test",
      installationId: 1,
      pullRequestId: null,
      kind: "refresh-config",
      payload: { repositoryId: 10 },
      dueAt: t0,
      priority: 0,
    });
    await store.close();
    const env = {
      APP_ID: "1",
      PRIVATE_KEY: privateKey(),
      DATABASE_URL: `sqlite:${db}`,
      GHE_HOST: github.host,
      GHE_PROTOCOL: "http",
    };
    const dry = await runCli(["sweep", "--at", "2026-11-24T10:00:00Z", "--dry-run"], env, dir);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain("reminder octo/api#1");
    expect(dry.stdout).toContain("would be performed");
    expect(github.apiCalls()).toEqual([]);
    const real = await runCli(["sweep", "--at", "2026-11-24T10:00:00Z"], env, dir);
    expect(real.stdout).toMatch(/reminder octo\/api#1 .*posted \(comment \d+\)/);
    expect(real.stdout).toContain("also performed: 1");
    expect(real.stdout).toContain("refresh-config refresh-config:10@test -> done");
    const again = await runCli(["sweep", "--at", "2026-11-24T10:00:00Z"], env, dir);
    expect(again.stdout).toContain("nothing due");
    expect(github.postedComments()).toHaveLength(1);
    await github.stop();
  });

  it("explains a malformed --at", async () => {
    const run = await runCli(
      ["sweep", "--at", "tomorrow"],
      { APP_ID: "1", PRIVATE_KEY: privateKey(), DATABASE_URL: `sqlite:${join(dir, "x.db")}` },
      dir,
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("--at expects an ISO 8601 time");
  });
});
