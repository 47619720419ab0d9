// End to end: reminder DMs and escalation alerts from the real app to a stand-in Slack. A reviewer
// in Los Angeles whose reminder falls due at 03:00 their time gets the DM at their 09:00; the
// escalation is posted to escalation.slack_channel once; a hostile title pings nobody. On SQLite
// and Postgres; each test opens its own app and replays the days before the one it checks.
import { DateTime } from "luxon";
import type { StandInSlack } from "../../src/demo/stand-in-slack.js";
import { E2E_TARGET, e2ePerTest, onEveryDatabase } from "../helpers/e2e.js";
import type { E2E } from "../helpers/e2e.js";
import { pullRequestPayload } from "../helpers/webhooks.js";

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

onEveryDatabase(
  "reminder DMs and escalation alerts end to end against a stand-in Slack",
  (database) => {
    const open = e2ePerTest(database);
    let e2e: E2E;
    let slack: StandInSlack;
    const runAt = (at: DateTime) => e2e.runAt(at);
    const dms = () => slack.messagesIn("DUALICE1");

    beforeEach(async () => {
      e2e = await open({ start: opened, config: CONFIG, slack: true });
      slack = e2e.slack!;
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

    /** Tuesday: the reminder falls due at 03:00 in Los Angeles; the DM goes out at 09:00 there. */
    async function remindedWithDm(): Promise<void> {
      await runAt(berlin("2026-11-24T12:00:00"));
      await runAt(losAngeles("2026-11-24T09:00:00"));
      expect(dms()).toHaveLength(1);
    }

    /** Wednesday: the escalation, and its Slack alert. */
    async function escalated(): Promise<void> {
      await runAt(berlin("2026-11-25T12:00:00"));
      expect(slack.messagesIn("escalations")).toHaveLength(1);
    }

    it("posts the reminder comment when due but holds the DM outside the reviewer's hours", async () => {
      // Tuesday 12:00 in Berlin, 03:00 in Los Angeles.
      await runAt(berlin("2026-11-24T12:00:00"));
      expect(e2e.github.postedComments().map((c) => (c.body as { body: string }).body)).toEqual(
        expect.arrayContaining([expect.stringContaining("review-sla:reminder")]),
      );
      expect(slack.calls).toEqual([]);
      await runAt(losAngeles("2026-11-24T08:59:00"));
      expect(slack.calls).toEqual([]);
    });

    it("sends the DM at the start of the reviewer's working day, once", async () => {
      await runAt(berlin("2026-11-24T12:00:00"));
      await runAt(losAngeles("2026-11-24T09:00:00"));
      expect(slack.callsOf("conversations.open").map((c) => c.body.users)).toEqual(["UALICE1"]);
      expect(dms()).toHaveLength(1);
      expect(dms()[0]?.text).toContain("octo/api#7");
      await runAt(losAngeles("2026-11-24T10:00:00"));
      expect(dms()).toHaveLength(1);
    });

    it("posts the escalation to escalation.slack_channel once, mentioning the mapped reviewer", async () => {
      await remindedWithDm();
      await runAt(berlin("2026-11-25T12:00:00"));
      await runAt(berlin("2026-11-25T13:00:00"));
      const alerts = slack.messagesIn("escalations");
      expect(alerts).toHaveLength(1);
      const text = JSON.stringify(alerts[0]?.blocks);
      expect(text).toContain("Waiting on <@UALICE1>");
      expect(text).toContain("escalated to octo/leads");
    });

    it("lets no hostile title ping anyone", async () => {
      await remindedWithDm();
      await escalated();
      const everything = slack.messages.map((m) => `${m.text}${JSON.stringify(m.blocks)}`).join();
      expect(everything).not.toMatch(/<!(here|channel|everyone)/);
      expect(everything).not.toContain("<@U0ADMIN>");
      expect(everything).not.toMatch(/@(here|channel)\b/);
    });
  },
);
