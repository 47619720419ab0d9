// One end-to-end setup for the tests that run the real app: a stand-in GitHub (and Slack), the
// app on a temporary SQLite file, a manual clock, and the steps every such test takes.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DateTime } from "luxon";
import { ManualClock } from "../../src/runtime-clock.js";
import type { RunningApp } from "../../src/server.js";
import type { SweepReport } from "../../src/scheduler/sweep.js";
import { startTestApp, WEBHOOK_SECRET } from "./app.js";
import { FakeGitHub } from "./fake-github.js";
import { FakeSlack } from "./fake-slack.js";
import { deliver } from "./webhooks.js";
import type { PullScenario } from "./webhooks.js";

/** The installation and repository every end-to-end test works in. */
export const E2E_TARGET: Pick<PullScenario, "installationId" | "repo"> = {
  installationId: 42,
  repo: { id: 501, owner: "octo", name: "api" },
};

export interface E2EOptions {
  start: DateTime;
  /** `.github/review-sla.yml` of octo/api; none when omitted. */
  config?: string;
  /** Start a stand-in Slack and give the app a bot token for it. */
  slack?: boolean;
  /** The app's database (a Postgres test schema); a temporary SQLite file when omitted. */
  databaseUrl?: string;
}

export class E2E {
  readonly clock: ManualClock;
  readonly github = new FakeGitHub();
  readonly slack: FakeSlack | null;
  app!: RunningApp;
  private readonly dir = mkdtempSync(join(tmpdir(), "review-sla-e2e-"));

  private constructor(private readonly options: E2EOptions) {
    this.clock = new ManualClock(options.start);
    this.slack = options.slack ? new FakeSlack() : null;
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
      databaseUrl: this.options.databaseUrl ?? `sqlite:${join(this.dir, "app.db")}`,
      clock: this.clock,
      env: this.slack ? { SLACK_BOT_TOKEN: "xoxb-test", SLACK_API_URL: this.slack.apiUrl } : {},
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
    await this.app.stop();
    await Promise.all([this.github.stop(), this.slack?.stop()]);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
