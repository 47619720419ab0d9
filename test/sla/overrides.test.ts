import { Duration } from "luxon";
import { slaFor } from "../../src/sla/overrides.js";
import type { SlaDurations, SlaOverride } from "../../src/sla/overrides.js";
import { aPullRequest } from "../helpers/pull-requests.js";

const hours = (n: number) => Duration.fromObject({ hours: n });

/** Defaults of 24 h to a first review and 48 h to resolution, plus the given overrides. */
function durations(...overrides: SlaOverride[]): SlaDurations {
  return { first_review: hours(24), resolution: hours(48), overrides };
}

function slaHours(sla: ReturnType<typeof slaFor>) {
  return [sla.firstReview.as("hours"), sla.resolution.as("hours")];
}

const hotfix: SlaOverride = { labels: ["hotfix"], first_review: hours(4), resolution: hours(8) };
const small: SlaOverride = { max_changed_lines: 20, first_review: hours(2) };
const large: SlaOverride = { min_changed_lines: 500, resolution: hours(96) };

describe("slaFor", () => {
  it.each([
    {
      name: "a PR no override matches keeps the default SLAs",
      pr: aPullRequest({ additions: 100, deletions: 0 }),
      sla: durations(hotfix, small, large),
      expected: [24, 48],
    },
    {
      name: "a label override applies whatever the label's case",
      pr: aPullRequest({ labels: ["HotFix"] }),
      sla: durations(hotfix),
      expected: [4, 8],
    },
    {
      name: "a label override applies when any one of its labels is present",
      pr: aPullRequest({ labels: ["incident"] }),
      sla: durations({ labels: ["hotfix", "incident"], first_review: hours(1) }),
      expected: [1, 48],
    },
    {
      name: "the durations an override leaves out keep the defaults",
      pr: aPullRequest({ additions: 5, deletions: 5 }),
      sla: durations(small),
      expected: [2, 48],
    },
    {
      name: "changed lines count additions and deletions together",
      pr: aPullRequest({ additions: 15, deletions: 6 }),
      sla: durations(small),
      expected: [24, 48],
    },
    {
      name: "max_changed_lines includes its bound",
      pr: aPullRequest({ additions: 20, deletions: 0 }),
      sla: durations(small),
      expected: [2, 48],
    },
    {
      name: "min_changed_lines includes its bound",
      pr: aPullRequest({ additions: 250, deletions: 250 }),
      sla: durations(large),
      expected: [24, 96],
    },
    {
      name: "an override applies only when all its conditions hold",
      pr: aPullRequest({ labels: ["hotfix"], additions: 300, deletions: 0 }),
      sla: durations({ labels: ["hotfix"], max_changed_lines: 50, first_review: hours(1) }),
      expected: [24, 48],
    },
    {
      name: "the first matching override wins over later ones",
      pr: aPullRequest({ labels: ["hotfix"], additions: 5, deletions: 0 }),
      sla: durations(small, hotfix),
      expected: [2, 48],
    },
    {
      name: "a later matching override does not fill in what the first match left out",
      pr: aPullRequest({ labels: ["hotfix"], additions: 5, deletions: 0 }),
      sla: durations(small, { labels: ["hotfix"], resolution: hours(8) }),
      expected: [2, 48],
    },
  ])("$name", ({ pr, sla, expected }) => {
    expect(slaHours(slaFor(pr, sla))).toEqual(expected);
  });
});
