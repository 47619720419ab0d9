import { exemptionOf, matchesLogin } from "../../src/sla/exemptions.js";
import type { ExemptionRules } from "../../src/sla/exemptions.js";
import { aPullRequest } from "../helpers/pull-requests.js";

/** The shipped defaults: pause on `on-hold`, skip on `skip-review-sla`, skip every bot. */
const rules: ExemptionRules = {
  pause_labels: ["on-hold"],
  skip_labels: ["skip-review-sla"],
  skip_authors: ["*[bot]"],
};

describe("exemptionOf", () => {
  it.each([
    { name: "an open, ready PR by a person is not exempt", pr: aPullRequest(), why: null },
    { name: "a closed PR is left alone", pr: aPullRequest({ open: false }), why: "closed" },
    {
      name: "a merged PR is left alone as closed",
      pr: aPullRequest({ open: false, merged: true }),
      why: "closed",
    },
    { name: "a draft is left alone", pr: aPullRequest({ draft: true }), why: "draft" },
    {
      name: "a bot's PR is skipped by the default author pattern",
      pr: aPullRequest({ author: "dependabot[bot]", authorIsBot: true }),
      why: "skipped-author",
    },
    {
      name: "a skip label exempts the PR whatever its case",
      pr: aPullRequest({ labels: ["Skip-Review-SLA"] }),
      why: "skipped-label",
    },
    {
      name: "a pause label pauses the PR whatever its case",
      pr: aPullRequest({ labels: ["enhancement", "ON-HOLD"] }),
      why: "paused",
    },
    {
      name: "a label that merely contains a pause label does not pause",
      pr: aPullRequest({ labels: ["on-hold-until-friday"] }),
      why: null,
    },
    {
      name: "a closed draft counts as closed",
      pr: aPullRequest({ open: false, draft: true }),
      why: "closed",
    },
    {
      name: "a draft with a skip label counts as a draft",
      pr: aPullRequest({ draft: true, labels: ["skip-review-sla"] }),
      why: "draft",
    },
    {
      name: "a skipped label wins over a pause label: the PR is out of the SLA, not waiting",
      pr: aPullRequest({ labels: ["on-hold", "skip-review-sla"] }),
      why: "skipped-label",
    },
    {
      name: "a skipped author wins over labels",
      pr: aPullRequest({ author: "renovate[bot]", labels: ["on-hold"] }),
      why: "skipped-author",
    },
  ])("$name", ({ pr, why }) => {
    expect(exemptionOf(pr, rules)).toBe(why);
  });

  it("holds nobody exempt by author or label when the lists are empty", () => {
    const none: ExemptionRules = { pause_labels: [], skip_labels: [], skip_authors: [] };
    const pr = aPullRequest({ author: "dependabot[bot]", labels: ["on-hold"] });
    expect(exemptionOf(pr, none)).toBeNull();
  });
});

describe("matchesLogin", () => {
  it.each([
    { login: "dependabot[bot]", patterns: ["*[bot]"], matches: true },
    { login: "Renovate[BOT]", patterns: ["*[bot]"], matches: true },
    { login: "robot", patterns: ["*[bot]"], matches: false },
    { login: "bot", patterns: ["*[bot]"], matches: false },
    { login: "Dana", patterns: ["dana"], matches: true },
    { login: "dana-ops", patterns: ["dana"], matches: false },
    { login: "release-bot", patterns: ["release-*"], matches: true },
    { login: "pre-release-bot", patterns: ["release-*"], matches: false },
    { login: "svc.deploy", patterns: ["svc.*"], matches: true },
    { login: "svcXdeploy", patterns: ["svc.*"], matches: false },
    { login: "alice", patterns: ["bob", "*ice"], matches: true },
    { login: "alice", patterns: [], matches: false },
  ])(
    "$login against $patterns: $matches (`*` is the only wildcard, case does not matter)",
    ({ login, patterns, matches }) => {
      expect(matchesLogin(login, patterns)).toBe(matches);
    },
  );
});
