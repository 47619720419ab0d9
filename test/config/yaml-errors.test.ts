import { checkConfigText } from "../../src/config/validate.js";
import { unclosedBracketBefore } from "../../src/config/yaml-errors.js";

describe("YAML syntax errors", () => {
  it("are reported on the line of the bracket that was never closed", () => {
    const text = [
      "timezone: Europe/Berlin",
      "sla:",
      "  first_review: 24h",
      "  ignore_reviewers: [bot1, bot2",
      "checklist:",
      "  enabled: true",
      "",
    ].join("\n");
    const { ok, messages } = checkConfigText(text, "review-sla.yml");
    expect(ok).toBe(false);
    expect(messages[0]).toMatch(/^review-sla\.yml:4:21: Flow sequence/);
  });

  it("keep the parser's own position for other mistakes", () => {
    const { messages } = checkConfigText(
      "sla:\n  first_review: 24h\n first: [a]\n  x: y\n",
      "c.yml",
    );
    expect(messages[0]).toMatch(/^c\.yml:[34]:/);
  });

  it.each([
    ["a: [1, 2]\nb: [3", 13],
    ["a: {x: [1]}\nb: {y: 1", 15],
    ["a: '[' \nb: [1", 11],
    ["a: 1 # [ not a bracket\nb: [2", 26],
    ["a: [1]\nb: 2", undefined],
  ])("finds the unclosed bracket in %j", (text, offset) => {
    expect(unclosedBracketBefore(text, text.length)).toBe(offset);
  });
});
