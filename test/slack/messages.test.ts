// Reminder DMs and escalation alerts: hostile titles and logins can neither ping nor link.
import { Duration } from "luxon";
import { renderEscalationAlert, renderReminderDm } from "../../src/slack/messages.js";

const HOSTILE = "<!channel> <!here|here> @everyone <https://evil.example|click> & *bold*";
const pr = {
  id: 7007,
  owner: "octo",
  repo: "api",
  number: 7,
  title: HOSTILE,
  url: "https://github.com/octo/api/pull/7",
};
const sla = Duration.fromObject({ hours: 24 });

function everyText(message: { text: string; blocks: unknown }): string {
  return `${message.text}\n${JSON.stringify(message.blocks)}`;
}

describe("renderReminderDm", () => {
  it("links the pull request and says how long it has waited", () => {
    const message = renderReminderDm({ pr, sla, clock: "workdays" });
    expect(everyText(message)).toContain("<https://github.com/octo/api/pull/7|octo/api#7>");
    expect(everyText(message)).toContain("more than 24h (working days)");
  });

  it("pings nobody and links nowhere from a hostile title", () => {
    const text = everyText(renderReminderDm({ pr, sla, clock: "calendar" }));
    expect(text).not.toMatch(/<!(channel|here|everyone)/);
    expect(text).not.toMatch(/@(channel|here|everyone)/);
    expect(text).not.toContain("<https://evil");
    expect(text).toContain("&lt;\u200b!channel&gt;");
  });
});

describe("renderEscalationAlert", () => {
  it("mentions mapped reviewers and names the others and the targets as text", () => {
    const message = renderEscalationAlert({
      pr,
      sla: Duration.fromObject({ hours: 48 }),
      clock: "working-hours",
      waitingOn: [
        { login: "alice", slackUserId: "UALICE1" },
        { login: "bob", slackUserId: null },
      ],
      targets: ["octo/leads"],
    });
    const text = everyText(message);
    expect(text).toContain("Waiting on <@UALICE1>, bob · escalated to octo/leads.");
    expect(text).toContain("more than 48h (working hours)");
  });

  it("turns a hostile login into inert text", () => {
    const text = everyText(
      renderEscalationAlert({
        pr: { ...pr, title: "fine" },
        sla,
        clock: "calendar",
        waitingOn: [{ login: "<!channel>", slackUserId: null }],
        targets: ["<@U123>"],
      }),
    );
    expect(text).not.toContain("<!channel>");
    expect(text).not.toContain("<@U123>");
  });
});
