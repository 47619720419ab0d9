// How the command line answers mistakes: one line on stderr naming what to fix, exit 2 for
// usage errors, and a stack trace only when asked for.
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { VERSION } from "../../src/version.js";
import { privateKey } from "../helpers/app.js";
import { runCli } from "../helpers/cli.js";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "review-sla-cli-errors-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A local port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  await new Promise((done) => server.close(done));
  return port;
}

describe("review-sla usage", () => {
  it("prints its version and per-command help on stdout", async () => {
    expect((await runCli(["--version"], {}, dir)).stdout.trim()).toBe(VERSION);
    const help = await runCli(["config", "check", "--help"], {}, dir);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage: review-sla config check [options] <file>");
    const helpSweep = await runCli(["help", "sweep"], {}, dir);
    expect(helpSweep.stdout).toContain("--dry-run");
    expect(helpSweep.stdout).not.toContain("--preview");
  });

  it.each([
    [["sweep", "--preview"], "unknown option '--preview'"],
    [["digest", "--dry-run"], "unknown option '--dry-run'"],
    [["backfill", "octo/api", "extra"], "too many arguments for 'backfill'"],
    [["sweep", "--at"], "option '--at <iso>' argument missing"],
    [["frobnicate"], "unknown command 'frobnicate'"],
  ])("rejects %j in one line with exit 2", async (args, message) => {
    const run = await runCli(args, {}, dir);
    expect(run.code).toBe(2);
    expect(run.stderr.startsWith(`review-sla: ${message}`)).toBe(true);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stdout).toBe("");
  });
});

describe("review-sla known failures", () => {
  const db = () => `sqlite:${join(dir, "e.db")}`;

  it("names APP_ID and PRIVATE_KEY when the key is not a key, without a stack", async () => {
    const run = await runCli(
      ["backfill"],
      { APP_ID: "1", PRIVATE_KEY: "garbage", DATABASE_URL: db() },
      dir,
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("check APP_ID and PRIVATE_KEY");
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("names DATABASE_URL when the database does not answer", async () => {
    const port = await closedPort();
    const env = { DATABASE_URL: `postgres://u:pw@127.0.0.1:${port}/x` };
    const run = await runCli(["migrate"], env, dir);
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toMatch(
      /^review-sla: cannot open the database postgres:\/\/u:\*\*\*@.*check DATABASE_URL\.$/,
    );
    expect(run.stderr).not.toContain(":pw@");
  });

  it("says GitHub is unreachable within seconds, and shows the stack with --debug", async () => {
    const port = await closedPort();
    const env = {
      APP_ID: "1",
      PRIVATE_KEY: privateKey(),
      DATABASE_URL: db(),
      GHE_HOST: `127.0.0.1:${port}`,
      GHE_PROTOCOL: "http",
    };
    const started = performance.now();
    const run = await runCli(["backfill"], env, dir);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(
      `review-sla: cannot reach GitHub at http://127.0.0.1:${port}/api/v3 (ECONNREFUSED): check GHE_HOST/GHE_PROTOCOL and the network.`,
    );
    const debug = await runCli(["backfill", "--debug"], env, dir);
    expect(debug.stderr).toMatch(/\n\s+at /);
  });

  it("keeps logs off stdout", async () => {
    const run = await runCli(["migrate"], { DATABASE_URL: db(), LOG_LEVEL: "info" }, dir);
    expect(run.stdout.trim()).toMatch(/^Migrations applied: /);
  });
});
