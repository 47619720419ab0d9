// Mistakes a schema cannot see: settings that are each valid but contradict one another, or
// name something that does not exist. Pure: a parsed config in, problems out.
import { resolveSections } from "./checklist-sections.js";
import { formatDuration } from "./duration.js";
import type { RepoConfig } from "./schema.js";

export interface SemanticProblem {
  path: (string | number)[];
  expected: string;
  found: string;
  fix: string;
}

function unknownRequiredIds(config: RepoConfig): SemanticProblem[] {
  const sections = resolveSections(config.checklist);
  const known = new Set(sections.flatMap((s) => [s.id, ...s.items.map((item) => item.id)]));
  const sectionIds = sections.map((s) => s.id).join(", ");
  return config.checklist.required.flatMap((id, index) =>
    known.has(id)
      ? []
      : [
          {
            path: ["checklist", "required", index],
            expected: "the id of a checklist section or item",
            found: `"${id}", which no section or item has`,
            fix: `use a section id (${sectionIds}) or an item id such as "${sections[0]?.items[0]?.id ?? ""}"`,
          },
        ],
  );
}

function reassignWithoutAssignment(config: RepoConfig): SemanticProblem[] {
  if (!config.escalation.reassign || config.assignment.enabled) return [];
  return [
    {
      path: ["escalation", "reassign"],
      expected: "assignment.enabled: true (reassignment picks from assignment.pool)",
      found: "reassign: true with assignment disabled",
      fix: "set assignment.enabled: true with a pool, or remove escalation.reassign",
    },
  ];
}

function firstReviewAfterResolution(config: RepoConfig): SemanticProblem[] {
  const { first_review: firstReview, resolution } = config.sla;
  if (firstReview.toMillis() <= resolution.toMillis()) return [];
  return [
    {
      path: ["sla", "first_review"],
      expected: `at most sla.resolution (${formatDuration(resolution)})`,
      found: formatDuration(firstReview),
      fix: "shorten sla.first_review or lengthen sla.resolution: the reminder must come before the escalation",
    },
  ];
}

function emptyPool(config: RepoConfig): SemanticProblem[] {
  if (!config.assignment.enabled || config.assignment.pool.length > 0) return [];
  return [
    {
      path: ["assignment", "pool"],
      expected: "at least one login or team when assignment is enabled",
      found: "an empty pool",
      fix: 'add reviewers, e.g. pool: ["@acme/reviewers"], or set assignment.enabled: false',
    },
  ];
}

/** Every semantic problem of a config that passed the schema; empty when it is coherent. */
export function semanticProblems(config: RepoConfig): SemanticProblem[] {
  return [
    ...unknownRequiredIds(config),
    ...reassignWithoutAssignment(config),
    ...firstReviewAfterResolution(config),
    ...emptyPool(config),
  ];
}
