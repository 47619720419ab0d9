// The demo's verdict: a step counts only when its exact content was seen.
import { DateTime } from "luxon";
import { checkSteps } from "../../src/demo/checks.js";
import type { Fact } from "../../src/demo/facts.js";

const at = DateTime.fromISO("2026-11-30T08:00:00Z", { zone: "utc" });
const digest = (text: string): Fact => ({ at, kind: "slack:digest", text });
const digestStep = (facts: Fact[]) =>
  checkSteps(facts).find((s) => s.what.startsWith("the weekly digest"))?.happened;

describe("demo checks", () => {
  it("does not count the earlier, empty digest as the digest of the week of the merge", () => {
    const early = digest(
      '→ weekly digest posted to #eng-reviews: "Review digest for acme, Mon 16 Nov – Sun 22 Nov 2026: 2 opened, 0 merged, 0 breaching an SLA now."',
    );
    expect(digestStep([early])).toBe(false);
  });

  it("counts the digest of the week of the merge with its one merged pull request", () => {
    const late = digest(
      '→ weekly digest posted to #eng-reviews: "Review digest for acme, Mon 23 Nov – Sun 29 Nov 2026: 1 opened, 1 merged, 0 breaching an SLA now."',
    );
    expect(digestStep([late])).toBe(true);
  });

  it("does not count a reminder on another pull request", () => {
    const other: Fact = {
      at,
      kind: "comment:reminder",
      text: "→ reminder posted on acme/web#42 (over 24h on working days)",
    };
    const step = checkSteps([other]).find((s) => s.what === "the first-review reminder");
    expect(step?.happened).toBe(false);
  });
});
