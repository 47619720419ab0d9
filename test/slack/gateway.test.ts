// The Slack gateways against a stand-in Slack over HTTP: what they send, and how their failures
// reach the outbox's retry policy (429 waits for Retry-After, 5xx backs off, bad input gives up).
import { DateTime } from "luxon";
import { classifyFailure } from "../../src/outbox/failures.js";
import { SlackCallError } from "../../src/slack/gateway.js";
import type { SlackGateway } from "../../src/slack/gateway.js";
import { webApiGateway } from "../../src/slack/web-client.js";
import { incomingWebhookGateway } from "../../src/slack/webhook.js";
import { silentLog } from "../helpers/app.js";
import { StandInSlack } from "../../src/demo/stand-in-slack.js";

const message = { text: "hello", blocks: [{ type: "divider" as const }] };
const now = DateTime.fromISO("2026-11-30T08:00:00Z", { zone: "utc" });

let slack: StandInSlack;
let bot: SlackGateway;

beforeEach(async () => {
  slack = new StandInSlack();
  await slack.start();
  bot = webApiGateway({ token: "xoxb-test-token", apiUrl: slack.apiUrl, log: silentLog });
});

afterEach(() => slack.stop());

async function failureOf(call: Promise<unknown>) {
  const error: unknown = await call.then(
    () => new Error("expected the call to fail"),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SlackCallError);
  return { error, failure: classifyFailure(error, 1, now) };
}

describe("the bot-token gateway", () => {
  it("posts to a channel given as #name with the token in the header, not the body", async () => {
    const posted = await bot.postMessage("#reviews", message);
    expect(posted.ts).toMatch(/^\d+\.\d+$/);
    const [call] = slack.callsOf("chat.postMessage");
    expect(call?.authorization).toBe("Bearer xoxb-test-token");
    expect(call?.body).toMatchObject({ channel: "reviews", text: "hello" });
    expect(call?.body.blocks).toEqual(message.blocks);
    expect(JSON.stringify(call?.body)).not.toContain("xoxb-test-token");
  });

  it("passes channel IDs through unchanged", async () => {
    await bot.postMessage("C0123ABCD", message);
    expect(slack.callsOf("chat.postMessage")[0]?.body.channel).toBe("C0123ABCD");
  });

  it("refuses to post without a channel, as a failure not worth retrying", async () => {
    const { failure } = await failureOf(bot.postMessage(null, message));
    expect(failure.retryAt).toBeNull();
    expect(slack.calls).toEqual([]);
  });

  it("opens the DM with a user and posts there", async () => {
    const posted = await bot.postDirectMessage("UALICE1", message);
    expect(slack.callsOf("conversations.open")[0]?.body).toMatchObject({ users: "UALICE1" });
    expect(posted.channel).toBe("DUALICE1");
    expect(slack.messagesIn("DUALICE1")).toHaveLength(1);
  });

  it("looks users up by email, answering null for nobody", async () => {
    slack.users.set("dana@example.com", "UDANA01");
    expect(await bot.lookupUserByEmail("dana@example.com")).toBe("UDANA01");
    expect(await bot.lookupUserByEmail("nobody@example.com")).toBeNull();
  });

  it("makes one attempt on a 500, which the outbox retries with backoff", async () => {
    slack.failNext("chat.postMessage", 500);
    const { failure } = await failureOf(bot.postMessage("reviews", message));
    expect(slack.callsOf("chat.postMessage")).toHaveLength(1);
    expect(failure.retryAt?.toISO()).toBe(now.plus({ seconds: 30 }).toISO());
    expect(failure.pauseInstallationUntil).toBeNull();
  });

  it("honours a 429's Retry-After without pausing the GitHub installation", async () => {
    slack.failNext("chat.postMessage", 429, 1, { "retry-after": "120" });
    const { failure } = await failureOf(bot.postMessage("reviews", message));
    expect(slack.callsOf("chat.postMessage")).toHaveLength(1);
    expect(failure.retryAt?.toISO()).toBe(now.plus({ seconds: 120 }).toISO());
    expect(failure.pauseInstallationUntil).toBeNull();
  });

  it("gives up on a message Slack rejects, and retries a channel it cannot post to yet", async () => {
    slack.errorNext("chat.postMessage", "invalid_blocks");
    const rejected = await failureOf(bot.postMessage("reviews", message));
    expect(rejected.failure.retryAt).toBeNull();
    slack.errorNext("chat.postMessage", "not_in_channel");
    const notInvited = await failureOf(bot.postMessage("reviews", message));
    expect(notInvited.failure.retryAt).not.toBeNull();
  });
});

describe("the incoming-webhook gateway", () => {
  let webhook: SlackGateway;
  beforeEach(() => {
    webhook = incomingWebhookGateway({ url: slack.webhookUrl, log: silentLog });
  });

  it("posts the message to the webhook's own channel", async () => {
    const posted = await webhook.postMessage("#ignored", message);
    expect(posted).toEqual({ channel: null, ts: null });
    expect(slack.callsOf("webhook")[0]?.body).toMatchObject({ text: "hello" });
  });

  it("reports a 429 with its Retry-After, and a 500 as transient", async () => {
    slack.failNext("webhook", 429, 1, { "retry-after": "30" });
    const limited = await failureOf(webhook.postMessage(null, message));
    expect(limited.failure.retryAt?.toISO()).toBe(now.plus({ seconds: 30 }).toISO());
    slack.failNext("webhook", 500);
    const broken = await failureOf(webhook.postMessage(null, message));
    expect(broken.failure.retryAt).not.toBeNull();
    expect(slack.callsOf("webhook")).toHaveLength(2);
  });

  it("cannot send DMs or look users up", async () => {
    expect(webhook.canDirectMessage).toBe(false);
    await expect(webhook.postDirectMessage("UALICE1", message)).rejects.toThrow(/SLACK_BOT_TOKEN/);
    expect(await webhook.lookupUserByEmail("dana@example.com")).toBeNull();
  });
});
