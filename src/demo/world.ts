// The demo's world: the stand-in GitHub and Slack, the real app on a throwaway SQLite file, and
// the simulated clock they share. It delivers signed webhooks as GitHub would, including the
// `review_requested` GitHub sends after the app requests a reviewer.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Logger } from "pino";
import { ManualClock } from "../runtime-clock.js";
import type { Runtime } from "../runtime.js";
import type { RunningApp } from "../server.js";
import type { EffectiveConfig } from "../sla/config-cache.js";
import { deliver } from "./deliver.js";
import { startLocalApp } from "./local-app.js";
import { pullRequestPayload, userJson } from "./payloads.js";
import {
  CONFIG_YAML,
  FULL_NAME,
  POOL_TEAM,
  REPO,
  SENIORS,
  START,
  WAITING_PULL,
} from "./scenario.js";
import { StandInGitHub } from "./stand-in-github.js";
import { StandInSlack } from "./stand-in-slack.js";

export class DemoError extends Error {
  override name = "DemoError";
}

/** Who the stand-in GitHub signs in to the dashboard. */
export const DASHBOARD_VIEWER = "demo-viewer";

export class DemoWorld {
  readonly github = new StandInGitHub();
  readonly slack = new StandInSlack();
  readonly clock = new ManualClock(START);
  /** Signed webhooks delivered to the app, and how many it accepted (HTTP 200). */
  readonly deliveries = { sent: 0, accepted: 0 };
  private readonly secret = randomBytes(20).toString("hex");
  private readonly dir = mkdtempSync(join(tmpdir(), "review-sla-demo-"));
  private app: RunningApp | null = null;
  private echoed = 0;

  /** The app's dashboard address (while the app runs). */
  get dashboardUrl(): string {
    if (!this.app) throw new DemoError("the app is not running");
    return `http://127.0.0.1:${this.app.port}/dashboard`;
  }

  get runtime(): Runtime {
    if (!this.app) throw new DemoError("the app is not running");
    return this.app.runtime;
  }

  /** The repository's config as the app loaded it (defaults until it has). */
  async teamConfig(): Promise<EffectiveConfig> {
    const repository = await this.runtime.options.store.repos.get(REPO.id);
    return this.runtime.configs.resolve(repository?.configJson ?? null);
  }

  /** Starts the stand-ins, arranges GitHub's state, then starts the app against them. */
  async open(log: Logger): Promise<void> {
    await Promise.all([this.github.start(), this.slack.start()]);
    this.arrange();
    this.app = await startLocalApp({
      githubHost: this.github.host,
      databaseUrl: `sqlite:${join(this.dir, "review-sla.db")}`,
      clock: this.clock,
      webhookSecret: this.secret,
      log,
      env: {
        SLACK_BOT_TOKEN: "xoxb-demo",
        SLACK_API_URL: this.slack.apiUrl,
        // The dashboard, signed in through the stand-in GitHub's OAuth.
        GITHUB_CLIENT_ID: this.github.oauth.clientId,
        GITHUB_CLIENT_SECRET: this.github.oauth.clientSecret,
        SESSION_SECRET: randomBytes(32).toString("hex"),
      },
    });
  }

  async close(): Promise<void> {
    try {
      await this.app?.stop();
      await Promise.all([this.github.stop(), this.slack.stop()]);
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }

  private arrange(): void {
    const { github } = this;
    github.installations = [
      {
        id: REPO.installationId,
        account: { login: REPO.owner, type: "Organization" },
        suspended_at: null,
      },
    ];
    github.addRepo({ ...REPO, files: { ".github/review-sla.yml": CONFIG_YAML } });
    github.oauth.addUser({
      login: DASHBOARD_VIEWER,
      id: 1,
      access: { [REPO.installationId]: [FULL_NAME] },
    });
    github.assignment.teams.set(POOL_TEAM, SENIORS);
    github.addPull(FULL_NAME, structuredClone(WAITING_PULL));
  }

  /** A signed delivery to the app; anything but 200 stops the demo. */
  async send(event: string, payload: unknown): Promise<void> {
    if (!this.app) throw new DemoError("the app is not running");
    this.deliveries.sent += 1;
    const { status } = await deliver(this.app.port, this.secret, { event, payload }).catch(
      (error: unknown) => {
        const cause = error instanceof Error ? (error.cause ?? error) : error;
        throw new DemoError(`could not deliver a ${event} webhook to the app: ${String(cause)}`);
      },
    );
    if (status !== 200)
      throw new DemoError(`the app answered ${status} to a signed ${event} webhook`);
    this.deliveries.accepted += 1;
  }

  /** Lets the worker finish, and tells the app about the review requests it made, as GitHub does. */
  async settle(): Promise<void> {
    await this.runtime.actionWorker.drain();
    const requests = this.github.assignment.reviewRequests();
    while (this.echoed < requests.length) {
      const request = requests[this.echoed];
      this.echoed += 1;
      const number = Number(/\/pulls\/(\d+)\//.exec(request?.path ?? "")?.[1]);
      const pull = this.github.pulls.get(FULL_NAME)?.find((p) => p.number === number);
      if (!pull) continue;
      const now = this.clock.now().toISO() ?? "";
      pull.updated_at = now;
      for (const login of request?.reviewers ?? []) {
        pull.events = [
          ...(pull.events ?? []),
          { event: "review_requested", created_at: now, requested_reviewer: { login } },
        ];
        const extra = { requested_reviewer: userJson(login) };
        await this.send(
          "pull_request",
          pullRequestPayload("review_requested", REPO, pull, "review-sla[bot]", extra),
        );
      }
      await this.runtime.actionWorker.drain();
    }
  }
}
