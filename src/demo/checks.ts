// What the demo must have shown for it to pass: each step of the story, found among the facts
// read from the stand-ins. A missing step fails the demo (exit 1) with its name.
import type { Fact, FactKind } from "./facts.js";
import { ZONE } from "./scenario.js";

interface Expectation {
  what: string;
  holds(facts: readonly Fact[]): boolean;
}

const has =
  (kind: FactKind, pattern: RegExp = /./) =>
  (facts: readonly Fact[]) =>
    facts.some((f) => f.kind === kind && pattern.test(f.text));

/** A review request made at the moment of an escalation: the reassignment. */
const reassigned = (facts: readonly Fact[]) =>
  facts.some(
    (e) =>
      e.kind === "comment:escalation" &&
      facts.some((r) => r.kind === "review-request" && r.at.equals(e.at)),
  );

const PR = /acme\/api#42/.source;
const on = (text: string) => new RegExp(text.replace("PR", PR));

const EXPECTED: Expectation[] = [
  {
    what: "a reviewer requested from the pool",
    holds: has("review-request", on("review requested from @(eli|fatima|gus) on PR$")),
  },
  {
    what: "the assignment comment saying why",
    holds: has("comment:assignment", on('comment on PR: "Requested review from @')),
  },
  {
    what: "the review checklist with its AI-assisted section",
    holds: has(
      "comment:checklist",
      on('review checklist posted on PR: .*AI-assisted \\(label "ai-assisted"\\)'),
    ),
  },
  {
    what: 'the "Review checklist" check run',
    holds: has("check-run", /"Review checklist": in progress/),
  },
  {
    what: "nothing posted on the weekend",
    holds: (facts) =>
      facts.some((f) => f.kind === "quiet" && /weekend/.test(f.text)) &&
      !facts.some((f) => f.kind !== "quiet" && f.at.setZone(ZONE).weekday > 5),
  },
  {
    what: "the first-review reminder",
    holds: has("comment:reminder", on("reminder posted on PR \\(over 24h")),
  },
  {
    what: "the reminder's Slack DM to the reviewer",
    holds: has("slack:dm", on('\\(in their working hours\\): "Review reminder: PR')),
  },
  {
    what: "the escalation",
    holds: has("comment:escalation", on("escalation posted on PR \\(over 48h")),
  },
  {
    what: "the escalation alert in Slack",
    holds: has("slack:escalation", on('#eng-escalations: "Escalation: PR')),
  },
  {
    what: "a second reviewer requested on escalation",
    holds: reassigned,
  },
  {
    what: "the author nudged after changes requested went unanswered",
    holds: has("comment:nudge", /author nudge posted on acme\/api#43: "Your turn: .*@eli/),
  },
  {
    what: "the checklist check passing once every box is ticked",
    holds: has("check-run-update", /"Review checklist": success/),
  },
  {
    what: "the approval and the merge recorded by the app",
    holds: (facts) =>
      has("state", on("PR approved by @"))(facts) && has("state", on("PR merged$"))(facts),
  },
  {
    what: "the weekly digest of the week of the merge, counting 1 merged pull request",
    holds: has("slack:digest", /Mon 23 Nov . Sun 29 Nov 2026: [^"]*\b1 merged\b/),
  },
];

/** Each expected step and whether it happened. */
export function checkSteps(facts: readonly Fact[]): { what: string; happened: boolean }[] {
  return EXPECTED.map((e) => ({ what: e.what, happened: e.holds(facts) }));
}
