// End to end: the weekly digest from the real app (server, store, sweep, action worker) on SQLite
// and Postgres to a stand-in Slack on 127.0.0.1: sent once at Monday 09:00, retried after a 500,
// held back until a 429's Retry-After, never sent twice after a restart, and no ping from a
// hostile title. Each test opens its own app with one PR waiting since 23 November.
import { DateTime } from "luxon";
import { E2E_TARGET, e2ePerTest, onEveryDatabase } from "../helpers/e2e.js";
import type { E2E } from "../helpers/e2e.js";
import { pullRequestPayload } from "../helpers/webhooks.js";

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

onEveryDatabase("the weekly digest end to end against a stand-in Slack", (database) => {
  const open = e2ePerTest(database);
  let e2e: E2E;
  const sweepAt = (iso: string) => e2e.runAt(berlin(iso));
  const posts = () => e2e.slack!.callsOf("chat.postMessage");

  beforeEach(async () => {
    e2e = await open({ start: opened, config: CONFIG, slack: true });
    const scenario = {
      ...E2E_TARGET,
      number: 7,
      id: 7007,
      author: "dana",
      createdAt: opened.toISO()!,
      reviewers: ["alice"],
      title: HOSTILE_TITLE,
    };
    expect(await e2e.deliver("pull_request", pullRequestPayload("opened", scenario))).toBe(200);
  });

  /** The first week's digest: a 500 at 09:00, sent by the sweep at 09:05. */
  async function firstDigestAfterA500(): Promise<void> {
    e2e.slack!.failNext("chat.postMessage", 500);
    await sweepAt("2026-11-30T09:00:00");
    await sweepAt("2026-11-30T09:05:00");
    expect(e2e.slack!.messagesIn("reviews")).toHaveLength(1);
  }

  it("sends nothing before Monday 09:00 in the team's zone", async () => {
    await sweepAt("2026-11-30T08:59:00");
    expect(posts()).toEqual([]);
  });

  it("retries a send that met a 500 on the next sweep, and sends it once", async () => {
    e2e.slack!.failNext("chat.postMessage", 500);
    await sweepAt("2026-11-30T09:00:00");
    expect(posts().map((call) => call.status)).toEqual([500]);
    expect(e2e.slack!.messages).toEqual([]);
    await sweepAt("2026-11-30T09:05:00");
    await sweepAt("2026-11-30T09:10:00");
    expect(posts().map((call) => call.status)).toEqual([500, 200]);
    expect(e2e.slack!.messagesIn("reviews")).toHaveLength(1);
    const sent = await e2e.app.runtime.options.store.digests.getSentDigest(
      "installation:42",
      berlin("2026-11-23T00:00:00"),
    );
    expect(sent?.messageTs).toBe(e2e.slack!.messages[0]?.ts);
  });

  it("reports the week, the breaching PR with its reviewer mentioned, and pings nobody", async () => {
    await firstDigestAfterA500();
    const [message] = e2e.slack!.messagesIn("reviews");
    const text = `${message?.text}\n${JSON.stringify(message?.blocks)}`;
    expect(text).toContain("Review digest: octo");
    expect(text).toContain(`<http://${e2e.github.host}/octo/api/pull/7|`);
    expect(text).toContain("octo/api#7>");
    expect(text).toContain("<@UALICE1>");
    expect(text).not.toMatch(/<!(channel|here|everyone)/);
    expect(text).not.toMatch(/@(channel|here)\b/);
    expect(text).not.toContain("<https://evil");
  });

  it("does not send the week again after a restart on the same database", async () => {
    await firstDigestAfterA500();
    await e2e.restart();
    await sweepAt("2026-11-30T10:00:00");
    expect(posts()).toHaveLength(2);
    expect(e2e.slack!.messagesIn("reviews")).toHaveLength(1);
  });

  it("waits for a 429's Retry-After before trying again", async () => {
    await firstDigestAfterA500();
    e2e.slack!.failNext("chat.postMessage", 429, 1, { "retry-after": "120" });
    await sweepAt("2026-12-07T09:00:00");
    expect(posts().map((call) => call.status)).toEqual([500, 200, 429]);
    await sweepAt("2026-12-07T09:01:00");
    expect(posts()).toHaveLength(3);
    await sweepAt("2026-12-07T09:02:01");
    expect(posts().map((call) => call.status)).toEqual([500, 200, 429, 200]);
    expect(e2e.slack!.messagesIn("reviews")).toHaveLength(2);
  });
});
