// One end-to-end setup for the tests that run the real app: a stand-in GitHub (and Slack), the
// app on a fresh SQLite file or Postgres schema, a manual clock, and the steps every such test takes.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DateTime } from "luxon";
import { StandInGitHub } from "../../src/demo/stand-in-github.js";
import { StandInSlack } from "../../src/demo/stand-in-slack.js";
import { ManualClock } from "../../src/runtime-clock.js";
import type { RunningApp } from "../../src/server.js";
import type { SweepReport } from "../../src/scheduler/sweep.js";
import { startTestApp, WEBHOOK_SECRET } from "./app.js";
import { dropTestSchema, postgresTestUrl, withFreshSchema } from "./postgres.js";
import { deliver } from "./webhooks.js";
import type { PullScenario } from "./webhooks.js";

/** The installation and repository every end-to-end test works in. */
export const E2E_TARGET: Pick<PullScenario, "installationId" | "repo"> = {
  installationId: 42,
  repo: { id: 501, owner: "octo", name: "api" },
};

/** A database an end-to-end test can run the app on: each app gets an empty one of its own. */
export interface E2EDatabase {
  readonly name: "SQLite" | "Postgres";
  /** A fresh database URL; `dir` is a scratch folder the test removes afterwards. */
  freshUrl(dir: string): string;
  dispose(url: string): Promise<void>;
}

export const SQLITE: E2EDatabase = {
  name: "SQLite",
  freshUrl: (dir) => `sqlite:${join(dir, "app.db")}`,
  dispose: () => Promise.resolve(),
};

// Asked once per test file, before suites are declared: null (with one warning) without a
// server; in CI (`CI=true`) an unreachable server throws, so the suite fails instead of skipping.
const postgresUrl = await postgresTestUrl();

/** A fresh schema on the test Postgres per app, dropped when the app's test ends; null without one. */
export const POSTGRES: E2EDatabase | null =
  postgresUrl === null
    ? null
    : { name: "Postgres", freshUrl: () => withFreshSchema(postgresUrl), dispose: dropTestSchema };

/** Declares `suite` once per database, as "<title> on SQLite" and "<title> on Postgres". */
export function onEveryDatabase(title: string, suite: (database: E2EDatabase) => void): void {
  describe.each([SQLITE])(`${title} on $name`, suite);
  // Without Postgres the suite still shows up, as skipped (postgresTestUrl said why).
  onPostgres(title, suite);
}

/** Declares `suite` on Postgres only (what needs several processes on one database). */
export function onPostgres(title: string, suite: (database: E2EDatabase) => void): void {
  const postgres = POSTGRES ?? { ...SQLITE, name: "Postgres" as const };
  (POSTGRES === null ? describe.skip : describe).each([postgres])(`${title} on $name`, suite);
}

export interface E2EOptions {
  start: DateTime;
  /** `.github/review-sla.yml` of octo/api; none when omitted. */
  config?: string;
  /** Start a stand-in Slack and give the app a bot token for it. */
  slack?: boolean;
  /** Where the app keeps its state (default: SQLite). */
  database?: E2EDatabase;
  /**
   * More settings for the app, as environment variables (e.g. SLACK_SIGNING_SECRET), or a function
   * of the stand-in GitHub (e.g. the dashboard's OAuth client, which names its address).
   */
  env?: Record<string, string> | ((github: StandInGitHub) => Record<string, string>);
}

export class E2E {
  readonly clock: ManualClock;
  readonly github = new StandInGitHub();
  readonly slack: StandInSlack | null;
  readonly database: E2EDatabase;
  app!: RunningApp;
  private readonly dir = mkdtempSync(join(tmpdir(), "review-sla-e2e-"));
  private readonly databaseUrl: string;
  private readonly env: E2EOptions["env"];

  private constructor(options: E2EOptions) {
    this.env = options.env;
    this.clock = new ManualClock(options.start);
    this.slack = options.slack ? new StandInSlack() : null;
    this.database = options.database ?? SQLITE;
    this.databaseUrl = this.database.freshUrl(this.dir);
  }

  static async start(options: E2EOptions): Promise<E2E> {
    const e2e = new E2E(options);
    await Promise.all([e2e.github.start(), e2e.slack?.start()]);
    const { installationId, repo } = E2E_TARGET;
    e2e.github.installations = [
      {
        id: installationId,
        account: { login: repo.owner, type: "Organization" },
        suspended_at: null,
      },
    ];
    e2e.github.addRepo({
      ...repo,
      files: options.config ? { ".github/review-sla.yml": options.config } : {},
    });
    await e2e.startApp();
    return e2e;
  }

  private async startApp(): Promise<void> {
    this.app = await startTestApp({
      githubHost: this.github.host,
      databaseUrl: this.databaseUrl,
      clock: this.clock,
      env: {
        ...(this.slack ? { SLACK_BOT_TOKEN: "xoxb-test", SLACK_API_URL: this.slack.apiUrl } : {}),
        ...(typeof this.env === "function" ? this.env(this.github) : this.env),
      },
    });
  }

  /** A signed delivery to the app; the worker applies it (and what it enqueues) before returning. */
  async deliver(event: string, payload: unknown, id?: string): Promise<number> {
    const { status } = await deliver(this.app.port, WEBHOOK_SECRET, {
      event,
      payload,
      ...(id ? { id } : {}),
    });
    await this.app.runtime.actionWorker.drain();
    return status;
  }

  /** Moves the clock to `at`, sweeps as of then and performs everything due. */
  async runAt(at: DateTime): Promise<SweepReport | null> {
    this.clock.set(at);
    const report = await this.app.runtime.sweepOnce({ at });
    await this.app.runtime.actionWorker.drain();
    return report;
  }

  /** Stops the app and starts it again on the same database. */
  async restart(): Promise<void> {
    await this.app.stop();
    await this.startApp();
  }

  async stop(): Promise<void> {
    try {
      await this.app.stop();
      await Promise.all([this.github.stop(), this.slack?.stop()]);
    } finally {
      await this.database.dispose(this.databaseUrl);
      rmSync(this.dir, { recursive: true, force: true });
    }
  }
}

/**
 * For tests that stand alone: returns a `start` that opens an app on `database` for the current
 * test only; every app it opened is stopped (and its database dropped) after that test.
 */
export function e2ePerTest(
  database: E2EDatabase,
): (options: Omit<E2EOptions, "database">) => Promise<E2E> {
  const open: E2E[] = [];
  afterEach(async () => {
    const stopping = open.splice(0);
    await Promise.all(stopping.map((e2e) => e2e.stop()));
  });
  return async (options) => {
    const e2e = await E2E.start({ ...options, database });
    open.push(e2e);
    return e2e;
  };
}
