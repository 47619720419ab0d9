// The author's nudge follows them into Slack: one DM per nudge, in the author's own hours.
import { DateTime, Duration } from "luxon";
import { teamCalendar } from "../../src/config/calendar.js";
import { validateConfig } from "../../src/config/validate.js";
import { plannedActions } from "../../src/sla/policy.js";
import { slackFollowUpActions } from "../../src/slack/follow-ups.js";
import { renderNudgeDm } from "../../src/slack/messages.js";
import { aPullRequest, request, review } from "../helpers/pull-requests.js";

const berlin = (iso: string) => DateTime.fromISO(iso, { zone: "Europe/Berlin" }).toUTC();

describe("author nudges as Slack DMs", () => {
  const { config } = validateConfig({
    timezone: "Europe/Berlin",
    clock: "workdays",
    people: { dana: { timezone: "America/New_York", slack: "UDANA01" } },
  });
  const opened = berlin("2026-11-23T10:00:00");
  const changes = berlin("2026-11-23T11:00:00");
  const pr = {
    ...aPullRequest({
      createdAt: opened,
      requests: [request("alice", opened, { satisfiedAt: changes })],
      reviews: [review("alice", "changes_requested", changes)],
    }),
    id: 1,
    nextDueAt: null,
    updatedAt: changes,
  };

  it("DMs the author with the nudge at the start of the author's working hours", () => {
    const [nudge] = plannedActions(pr, config, teamCalendar(config));
    expect(nudge?.kind).toBe("nudge");
    const dms = slackFollowUpActions(pr, nudge!, config, { directMessages: true });
    expect(dms.map((a) => [a.kind, a.key, a.payload])).toEqual([
      [
        "nudge-dm",
        "nudge:10/5:c1:author_response:dm:dana",
        { nudgeKey: "nudge:10/5:c1:author_response", login: "dana" },
      ],
    ]);
    // Due Tuesday 11:00 in Berlin = 05:00 in New York: the DM waits for 09:00 there.
    expect(dms[0]?.dueAt.setZone("America/New_York").toISO()).toBe("2026-11-24T09:00:00.000-05:00");
    expect(slackFollowUpActions(pr, nudge!, config, { directMessages: false })).toEqual([]);
  });

  it("tells the author what the turn asks of them", () => {
    const link = {
      owner: "octo",
      id: 5005,
      repo: "api",
      number: 5,
      title: "Change",
      url: "https://github.com/octo/api/pull/5",
    };
    const hours = { hours: 24 };
    const answer = renderNudgeDm({
      pr: link,
      sla: Duration.fromObject(hours),
      clock: "calendar",
      threshold: "author_response",
    });
    expect(answer.text).toBe("Your turn: changes were requested on octo/api#5.");
    const merge = renderNudgeDm({
      pr: link,
      sla: Duration.fromObject(hours),
      clock: "calendar",
      threshold: "merge",
    });
    expect(merge.text).toBe("Ready to merge? octo/api#5 is approved.");
  });
});
