import { checklistExemption } from "../../src/checklist/exemption.js";
import { configSchema } from "../../src/config/schema.js";
import { aPullRequest } from "../helpers/pull-requests.js";

function config(input: Record<string, unknown> = {}) {
  return configSchema.parse(input);
}

describe("checklistExemption", () => {
  it("lets an open, ready pull request have a checklist", () => {
    expect(checklistExemption(aPullRequest(), config())).toBeNull();
  });

  it("gives paused pull requests a checklist: the pause is about the clock, not review", () => {
    expect(checklistExemption(aPullRequest({ labels: ["on-hold"] }), config())).toBeNull();
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
    expect(checklistExemption(aPullRequest(target), config(input))).toBe(reason);
  });

  it("keeps coding agents out of the default bot wildcard, but honours their exact login", () => {
    const agent = aPullRequest({ author: "copilot-swe-agent[bot]" });
    expect(checklistExemption(agent, config())).toBeNull();
    expect(checklistExemption(agent, config({ skip_authors: ["copilot-swe-agent[bot]"] }))).toBe(
      "author is exempt (skip_authors)",
    );
  });
});
