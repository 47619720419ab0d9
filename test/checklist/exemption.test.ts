import { checklistExemption } from "../../src/checklist/exemption.js";
import type { ChecklistTarget } from "../../src/checklist/exemption.js";
import { configSchema } from "../../src/config/schema.js";

function config(input: Record<string, unknown> = {}) {
  return configSchema.parse(input);
}

function pr(overrides: Partial<ChecklistTarget> = {}): ChecklistTarget {
  return { open: true, draft: false, author: "dana", labels: [], ...overrides };
}

describe("checklistExemption", () => {
  it("lets an open, ready pull request have a checklist", () => {
    expect(checklistExemption(pr(), config())).toBeNull();
  });

  it("gives paused pull requests a checklist: the pause is about the clock, not review", () => {
    expect(checklistExemption(pr({ labels: ["on-hold"] }), config())).toBeNull();
  });

  it.each([
    [{ draft: true }, {}, "pull request is a draft"],
    [{ open: false }, {}, "pull request is closed"],
    [{ labels: ["Skip-Review-SLA"] }, {}, "pull request has a skip label (skip_labels)"],
    [{ author: "dependabot[bot]" }, {}, "author is exempt (skip_authors)"],
    [{ author: "intern" }, { skip_authors: ["intern"] }, "author is exempt (skip_authors)"],
    [{}, { checklist: { enabled: false } }, "checklist disabled by config"],
    [{}, { checklist: { when: "never" } }, "checklist disabled by config"],
  ])("skips %j with config %j", (target, input, reason) => {
    expect(checklistExemption(pr(target), config(input))).toBe(reason);
  });

  it("keeps coding agents out of the default bot wildcard, but honours their exact login", () => {
    const agent = pr({ author: "copilot-swe-agent[bot]" });
    expect(checklistExemption(agent, config())).toBeNull();
    expect(checklistExemption(agent, config({ skip_authors: ["copilot-swe-agent[bot]"] }))).toBe(
      "author is exempt (skip_authors)",
    );
  });
});
