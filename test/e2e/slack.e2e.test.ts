// End to end: the weekly digest from the real app (server, SQLite store, sweep, action worker)
// to a stand-in Slack on 127.0.0.1: sent once at Monday 09:00, retried after a 500, held back
// until a 429's Retry-After, never sent twice after a restart, and no ping from a hostile title.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DateTime } from "luxon";
import { ManualClock } from "../../src/runtime-clock.js";
import type { RunningApp } from "../../src/server.js";
import { startTestApp, WEBHOOK_SECRET } from "../helpers/app.js";
import { FakeGitHub } from "../helpers/fake-github.js";
import { FakeSlack } from "../helpers/fake-slack.js";
import { deliver, pullRequestPayload } from "../helpers/webhooks.js";

const CONFIG = `
timezone: Europe/Berlin
clock: workdays
people:
  alice: { slack: UALICE1 }
digest:
  slack_channel: "#reviews"
`;
const HOSTILE_TITLE = "<!channel> ship it @here <https://evil.example|now>";
const berlin = (iso: string) => DateTime.fromISO(iso, { zone: "Europe/Berlin" }).toUTC();
const opened = berlin("2026-11-23T09:00:00");

describe("the weekly digest end to end against a stand-in Slack", () => {
  let dir: string;
  let github: FakeGitHub;
  let slack: FakeSlack;
  let app: RunningApp;
  const clock = new ManualClock(opened);

  const start = async () => {
    app = await startTestApp({
      githubHost: github.host,
      databaseUrl: `sqlite:${join(dir, "app.db")}`,
      clock,
      env: { SLACK_BOT_TOKEN: "xoxb-test", SLACK_API_URL: slack.apiUrl },
    });
  };

  async function sweepAt(iso: string) {
    clock.set(berlin(iso));
    await app.runtime.sweepOnce({ at: clock.now() });
    await app.runtime.actionWorker.drain();
  }

  const posts = () => slack.callsOf("chat.postMessage");

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "review-sla-slack-"));
    github = new FakeGitHub();
    slack = new FakeSlack();
    await Promise.all([github.start(), slack.start()]);
    github.installations = [
      { id: 42, account: { login: "octo", type: "Organization" }, suspended_at: null },
    ];
    github.addRepo({
      id: 501,
      owner: "octo",
      name: "api",
      files: { ".github/review-sla.yml": CONFIG },
    });
    await start();
    const scenario = {
      installationId: 42,
      repo: { id: 501, owner: "octo", name: "api" },
      number: 7,
      id: 7007,
      author: "dana",
      createdAt: opened.toISO()!,
      reviewers: ["alice"],
      title: HOSTILE_TITLE,
    };
    const { status } = await deliver(app.port, WEBHOOK_SECRET, {
      event: "pull_request",
      payload: pullRequestPayload("opened", scenario),
    });
    expect(status).toBe(200);
    await app.runtime.actionWorker.drain();
  });

  afterAll(async () => {
    await app.stop();
    await Promise.all([github.stop(), slack.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it("sends nothing before Monday 09:00 in the team's zone", async () => {
    await sweepAt("2026-11-30T08:59:00");
    expect(posts()).toEqual([]);
  });

  it("retries a send that met a 500 on the next sweep, and sends it once", async () => {
    slack.failNext("chat.postMessage", 500);
    await sweepAt("2026-11-30T09:00:00");
    expect(posts().map((call) => call.status)).toEqual([500]);
    expect(slack.messages).toEqual([]);
    await sweepAt("2026-11-30T09:05:00");
    await sweepAt("2026-11-30T09:10:00");
    expect(posts().map((call) => call.status)).toEqual([500, 200]);
    expect(slack.messagesIn("reviews")).toHaveLength(1);
    const sent = await app.runtime.options.store.digests.getSentDigest(
      "installation:42",
      berlin("2026-11-23T00:00:00"),
    );
    expect(sent?.messageTs).toBe(slack.messages[0]?.ts);
  });

  it("reports the week, the breaching PR with its reviewer mentioned, and pings nobody", () => {
    const [message] = slack.messagesIn("reviews");
    const text = `${message?.text}\n${JSON.stringify(message?.blocks)}`;
    expect(text).toContain("Review digest: octo");
    expect(text).toContain(`<http://${github.host}/octo/api/pull/7|`);
    expect(text).toContain("octo/api#7>");
    expect(text).toContain("<@UALICE1>");
    expect(text).not.toMatch(/<!(channel|here|everyone)/);
    expect(text).not.toMatch(/@(channel|here)\b/);
    expect(text).not.toContain("<https://evil");
  });

  it("does not send the week again after a restart on the same database", async () => {
    await app.stop();
    await start();
    await sweepAt("2026-11-30T10:00:00");
    expect(posts()).toHaveLength(2);
    expect(slack.messagesIn("reviews")).toHaveLength(1);
  });

  it("waits for a 429's Retry-After before trying again", async () => {
    slack.failNext("chat.postMessage", 429, 1, { "retry-after": "120" });
    await sweepAt("2026-12-07T09:00:00");
    expect(posts().map((call) => call.status)).toEqual([500, 200, 429]);
    await sweepAt("2026-12-07T09:01:00");
    expect(posts()).toHaveLength(3);
    await sweepAt("2026-12-07T09:02:01");
    expect(posts().map((call) => call.status)).toEqual([500, 200, 429, 200]);
    expect(slack.messagesIn("reviews")).toHaveLength(2);
  });
});
