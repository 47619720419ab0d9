// End to end: reminder DMs and escalation alerts from the real app to a stand-in Slack. A reviewer
// in Los Angeles whose reminder falls due at 03:00 their time gets the DM at their 09:00; the
// escalation is posted to escalation.slack_channel once; a hostile title pings nobody.
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
  alice: { timezone: America/Los_Angeles, slack: UALICE1 }
escalation:
  to: ["@octo/leads"]
  slack_channel: "#escalations"
`;
const HOSTILE_TITLE = "<!here> fix <@U0ADMIN> @channel";
const berlin = (iso: string) => DateTime.fromISO(iso, { zone: "Europe/Berlin" }).toUTC();
const losAngeles = (iso: string) => DateTime.fromISO(iso, { zone: "America/Los_Angeles" }).toUTC();
// Monday 23 November 2026, 12:00 in Berlin: 03:00 in Los Angeles.
const opened = berlin("2026-11-23T12:00:00");

describe("reminder DMs and escalation alerts end to end against a stand-in Slack", () => {
  let dir: string;
  let github: FakeGitHub;
  let slack: FakeSlack;
  let app: RunningApp;
  const clock = new ManualClock(opened);

  async function runAt(at: DateTime) {
    clock.set(at);
    await app.runtime.sweepOnce({ at });
    await app.runtime.actionWorker.drain();
  }

  const dms = () => slack.messagesIn("DUALICE1");

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "review-sla-slack-dm-"));
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
    app = await startTestApp({
      githubHost: github.host,
      databaseUrl: `sqlite:${join(dir, "app.db")}`,
      clock,
      env: { SLACK_BOT_TOKEN: "xoxb-test", SLACK_API_URL: slack.apiUrl },
    });
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

  it("posts the reminder comment when due but holds the DM outside the reviewer's hours", async () => {
    // Tuesday 12:00 in Berlin, 03:00 in Los Angeles.
    await runAt(berlin("2026-11-24T12:00:00"));
    expect(github.postedComments().map((c) => (c.body as { body: string }).body)).toEqual(
      expect.arrayContaining([expect.stringContaining("review-sla:reminder")]),
    );
    expect(slack.calls).toEqual([]);
    await runAt(losAngeles("2026-11-24T08:59:00"));
    expect(slack.calls).toEqual([]);
  });

  it("sends the DM at the start of the reviewer's working day, once", async () => {
    await runAt(losAngeles("2026-11-24T09:00:00"));
    expect(slack.callsOf("conversations.open").map((c) => c.body.users)).toEqual(["UALICE1"]);
    expect(dms()).toHaveLength(1);
    expect(dms()[0]?.text).toContain("octo/api#7");
    await runAt(losAngeles("2026-11-24T10:00:00"));
    expect(dms()).toHaveLength(1);
  });

  it("posts the escalation to escalation.slack_channel once, mentioning the mapped reviewer", async () => {
    await runAt(berlin("2026-11-25T12:00:00"));
    await runAt(berlin("2026-11-25T13:00:00"));
    const alerts = slack.messagesIn("escalations");
    expect(alerts).toHaveLength(1);
    const text = JSON.stringify(alerts[0]?.blocks);
    expect(text).toContain("Waiting on <@UALICE1>");
    expect(text).toContain("escalated to octo/leads");
  });

  it("lets no hostile title ping anyone", () => {
    const everything = slack.messages.map((m) => `${m.text}${JSON.stringify(m.blocks)}`).join();
    expect(everything).not.toMatch(/<!(here|channel|everyone)/);
    expect(everything).not.toContain("<@U0ADMIN>");
    expect(everything).not.toMatch(/@(here|channel)\b/);
  });
});
