// End to end: the buttons on a reminder DM, through the real app on SQLite and Postgres against
// the stand-in GitHub and Slack. Clicks are signed as Slack signs them (v0 HMAC of the body);
// a forged or replayed-old click is refused with 401, a click from a Slack user nobody mapped
// gets an ephemeral explanation, and a claim updates the message in place, once.
import { DateTime } from "luxon";
import type { StandInSlack } from "../../src/demo/stand-in-slack.js";
import { requestedPull } from "../github/assignment-fixtures.js";
import { E2E_TARGET, e2ePerTest, onEveryDatabase } from "../helpers/e2e.js";
import type { E2E } from "../helpers/e2e.js";
import { clickBody as slackClick, postClick } from "../helpers/slack-clicks.js";
import { pullRequestPayload } from "../helpers/webhooks.js";

const SECRET = "test-signing-secret";
const CONFIG = `
timezone: Europe/Berlin
clock: workdays
checklist: { enabled: false }
people:
  alice: { slack: UALICE1 }
  gus: { slack: UGUS1 }
assignment:
  pool: [alice, gus]
`;
const berlin = (iso: string) => DateTime.fromISO(iso, { zone: "Europe/Berlin" }).toUTC();
const monday = berlin("2026-11-23T09:00:00");
const PR = { ...E2E_TARGET, number: 7, id: 7007, author: "dana", createdAt: monday.toISO()! };

onEveryDatabase("Slack buttons end to end", (database) => {
  const open = e2ePerTest(database);
  let e2e: E2E;
  let slack: StandInSlack;

  /** Monday: dana asks alice; Tuesday 09:00: the reminder, and alice's DM with its buttons. */
  beforeEach(async () => {
    e2e = await open({
      start: monday,
      config: CONFIG,
      slack: true,
      env: { SLACK_SIGNING_SECRET: SECRET },
    });
    slack = e2e.slack!;
    e2e.github.addPull("octo/api", requestedPull(7, "alice", monday.toISO()!));
    await e2e.deliver(
      "pull_request",
      pullRequestPayload("opened", { ...PR, reviewers: ["alice"] }),
    );
    await e2e.runAt(berlin("2026-11-24T09:00:00"));
    expect(slack.messagesIn("DUALICE1")).toHaveLength(1);
  });

  /** The body Slack posts when `userId` clicks `actionId` (with `value`) on alice's DM. */
  const clickBody = (userId: string, actionId: string, value: string) =>
    slackClick(slack, slack.messagesIn("DUALICE1")[0]!, userId, actionId, value);

  /** Posts `body` signed with `secret` at `at` (seconds), as Slack would; returns the status. */
  async function post(body: string, secret = SECRET, at = e2e.clock.now().toSeconds()) {
    const status = await postClick(e2e.app.port, body, secret, at);
    await e2e.app.runtime.actionWorker.drain();
    return status;
  }
  const prComments = () => (e2e.github.comments.get("octo/api#7") ?? []).map((c) => c.body);
  const ephemeral = () => slack.callsOf("response_url").map((c) => String(c.body.text));

  it("claims with I'm on it and updates the message in place, once", async () => {
    const body = clickBody("UALICE1", "review-sla:claim", "7007");
    const reminder = JSON.stringify(slack.messagesIn("DUALICE1")[0]?.blocks);
    expect(reminder).toContain("review-sla:claim");
    expect(await post(body)).toBe(200);
    const updates = slack.callsOf("chat.update");
    expect(updates).toHaveLength(1);
    // The reminder keeps its words and the PR link; the outcome is added; the buttons go.
    const blocks = JSON.stringify(updates[0]?.body.blocks);
    expect(blocks).toContain("*Review reminder*");
    expect(blocks).toContain("/octo/api/pull/7|octo/api#7>");
    expect(blocks).toContain(":white_check_mark: alice claimed this at 09:00");
    expect(blocks).not.toContain("review-sla:claim");
    expect(blocks).not.toContain('"actions"');
    expect(String(updates[0]?.body.text)).toMatch(
      /^Review reminder: .*\nalice claimed this at 09:00$/,
    );
    expect(prComments()).toContainEqual(expect.stringContaining("`alice` claimed this review."));
    // The same signed request again (a retry, or a replay within the 5 minutes) changes nothing.
    expect(await post(body)).toBe(200);
    expect(slack.callsOf("chat.update")).toHaveLength(1);
  });

  it("refuses a forged click and a replayed old one with 401", async () => {
    const body = clickBody("UALICE1", "review-sla:claim", "7007");
    expect(await post(body, "not-the-secret")).toBe(401);
    const sixMinutesAgo = e2e.clock.now().minus({ minutes: 6 }).toSeconds();
    expect(await post(body, SECRET, sixMinutesAgo)).toBe(401);
    expect(slack.callsOf("chat.update")).toEqual([]);
    expect(prComments().filter((c) => c.includes("claimed"))).toEqual([]);
  });

  it("explains to a Slack user it cannot map, and only to them", async () => {
    expect(await post(clickBody("UNOBODY", "review-sla:claim", "7007"))).toBe(200);
    expect(ephemeral()).toEqual([expect.stringContaining("does not know your GitHub login")]);
    expect(slack.callsOf("chat.update")).toEqual([]);
  });

  it("tells a mapped user who may not do it why, ephemerally", async () => {
    expect(await post(clickBody("UGUS1", "review-sla:reassign", "7007"))).toBe(200);
    expect(ephemeral()).toEqual([expect.stringContaining("only a requested reviewer")]);
    expect(slack.callsOf("chat.update")).toEqual([]);
  });

  it("snoozes from the menu until tomorrow's working start", async () => {
    expect(await post(clickBody("UALICE1", "review-sla:snooze", "snooze-tomorrow:7007"))).toBe(200);
    expect(slack.messagesIn("DUALICE1")[0]?.text).toContain(
      "alice snoozed this at 09:00 until Wed 25 Nov 09:00 (Europe/Berlin)",
    );
    expect(prComments()).toContainEqual(expect.stringContaining("until Wed 25 Nov 09:00"));
  });
});
