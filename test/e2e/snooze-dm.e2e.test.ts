// End to end: a reminder DM held for the reviewer's working hours is held further by a snooze
// given meanwhile, and sent once the snooze ends. On SQLite and Postgres.
import { DateTime } from "luxon";
import { E2E_TARGET, e2ePerTest, onEveryDatabase } from "../helpers/e2e.js";
import { issueCommentPayload } from "../helpers/issue-comments.js";
import { pullRequestPayload } from "../helpers/webhooks.js";

const CONFIG = `
timezone: Europe/Berlin
clock: workdays
checklist: { enabled: false }
people:
  alice: { timezone: America/Los_Angeles, slack: UALICE1 }
`;
const berlin = (iso: string) => DateTime.fromISO(iso, { zone: "Europe/Berlin" }).toUTC();
const losAngeles = (iso: string) => DateTime.fromISO(iso, { zone: "America/Los_Angeles" }).toUTC();
const monday = berlin("2026-11-23T12:00:00");
const PR = { ...E2E_TARGET, number: 7, id: 7007, author: "dana", createdAt: monday.toISO()! };

onEveryDatabase("a snooze holds a pending reminder DM", (database) => {
  const open = e2ePerTest(database);

  it("sends the DM after the snooze ends, not at the reviewer's next working hour", async () => {
    const e2e = await open({ start: monday, config: CONFIG, slack: true });
    await e2e.deliver(
      "pull_request",
      pullRequestPayload("opened", { ...PR, reviewers: ["alice"] }),
    );
    // Tuesday 12:00 in Berlin: the reminder comment; alice's DM waits for 09:00 in Los Angeles.
    await e2e.runAt(berlin("2026-11-24T12:00:00"));
    const comment = { id: 501, body: "/review-sla snooze 1d", updatedAt: e2e.clock.now().toISO()! };
    const payload = issueCommentPayload("created", {
      ...PR,
      comment,
      commenter: { login: "dana" },
    });
    await e2e.deliver("issue_comment", payload);
    await e2e.runAt(losAngeles("2026-11-24T09:00:00"));
    expect(e2e.slack!.messagesIn("DUALICE1")).toEqual([]);
    // The snooze ends Wednesday 12:00 in Berlin (03:00 in Los Angeles, outside alice's hours).
    await e2e.runAt(losAngeles("2026-11-25T09:00:00"));
    expect(e2e.slack!.messagesIn("DUALICE1")).toHaveLength(1);
  });
});
