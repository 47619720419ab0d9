// Shared builders for the assignment tests: a parsed config and a pick input with defaults.
import { assignmentConfigSchema, type AssignmentConfig } from "../../src/config/assignment.js";
import type { ReviewerLoad } from "../../src/assignment/load.js";
import type { PickInput } from "../../src/assignment/pick.js";

export function assignmentConfig(raw: Record<string, unknown> = {}): AssignmentConfig {
  return assignmentConfigSchema.parse({ enabled: true, ...raw });
}

/** Loads where everyone's load equals their open-review count, unless given in full. */
export function loadsOf(
  open: Record<string, number | Partial<ReviewerLoad>>,
): Map<string, ReviewerLoad> {
  const loads = new Map<string, ReviewerLoad>();
  for (const [login, value] of Object.entries(open)) {
    const given = typeof value === "number" ? { openReviews: value, load: value } : value;
    loads.set(login, {
      openReviews: 0,
      weightedOpen: 0,
      recentReviews: 0,
      weightedRecent: 0,
      load: 0,
      ...given,
    });
  }
  return loads;
}

export function pickInput(overrides: Partial<PickInput> = {}): PickInput {
  return {
    candidates: ["dana", "eli", "fay"],
    poolName: "@acme/senior-reviewers",
    count: 1,
    author: "zoe",
    coAuthors: [],
    alreadyRequested: [],
    excludeAlso: [],
    loads: new Map(),
    away: new Set(),
    busy: new Set(),
    outsideWorkingHours: new Set(),
    codeowners: new Set(),
    config: assignmentConfig(),
    tieBreakSeed: "acme/app#1",
    ...overrides,
  };
}
