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

const EXPECTED: Expectation[] = [
  { what: "a reviewer requested from the pool", holds: has("review-request") },
  {
    what: "the assignment comment saying why",
    holds: has("comment:assignment", /Requested review from/),
  },
  {
    what: "the review checklist with its AI-assisted section",
    holds: has("comment:checklist", /AI-assisted/),
  },
  { what: 'the "Review checklist" check run', holds: has("check-run", /Review checklist/) },
  {
    what: "nothing posted on the weekend",
    holds: (facts) =>
      facts.some((f) => f.kind === "quiet" && /weekend/.test(f.text)) &&
      !facts.some((f) => f.kind !== "quiet" && f.at.setZone(ZONE).weekday > 5),
  },
  { what: "the first-review reminder", holds: has("comment:reminder") },
  { what: "the reminder's Slack DM to the reviewer", holds: has("slack:dm") },
  { what: "the escalation", holds: has("comment:escalation") },
  { what: "the escalation alert in Slack", holds: has("slack:escalation") },
  {
    what: "a second reviewer requested on escalation",
    holds: reassigned,
  },
  {
    what: "the checklist check passing once every box is ticked",
    holds: has("check-run-update", /success/),
  },
  {
    what: "the approval and the merge recorded by the app",
    holds: (facts) => has("state", /approved by @/)(facts) && has("state", / merged$/)(facts),
  },
  { what: "the weekly digest in Slack", holds: has("slack:digest") },
];

/** Each expected step and whether it happened. */
export function checkSteps(facts: readonly Fact[]): { what: string; happened: boolean }[] {
  return EXPECTED.map((e) => ({ what: e.what, happened: e.holds(facts) }));
}
