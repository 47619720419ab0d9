import { actionButtons, readClick } from "../../src/slack/buttons.js";

describe("Slack buttons", () => {
  const block = actionButtons(7007, "https://github.com/octo/api/pull/7");

  it("offers I'm on it, Snooze, Reassign and Open PR, in that order", () => {
    expect(
      block.elements.map((e) => (e.type === "button" ? e.text.text : e.placeholder.text)),
    ).toEqual(["I'm on it", "Snooze", "Reassign", "Open PR"]);
  });

  it("reads each of its own elements back as the click it stands for", () => {
    const clicks = block.elements.flatMap((e) =>
      e.type === "button"
        ? [readClick(e.action_id, e.value)]
        : e.options.map((o) => readClick(e.action_id, o.value)),
    );
    expect(clicks).toEqual([
      { button: "claim", pullRequestId: 7007 },
      { button: "snooze-2h", pullRequestId: 7007 },
      { button: "snooze-tomorrow", pullRequestId: 7007 },
      { button: "snooze-1d", pullRequestId: 7007 },
      { button: "reassign", pullRequestId: 7007 },
      { button: "open" },
    ]);
  });

  it.each([
    ["another app's action", "other:claim", "1"],
    ["a value that is no id", "review-sla:claim", "1; drop"],
    ["an unknown snooze span", "review-sla:snooze", "snooze-9y:1"],
    ["an unknown action", "review-sla:merge", "1"],
  ])("ignores %s", (_name, actionId, value) => {
    expect(readClick(actionId, value)).toBeNull();
  });
});
