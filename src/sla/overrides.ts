// Per-PR SLA durations: the defaults, unless an override matches the PR's labels or size.
import type { Duration } from "luxon";
import type { PullRequestState } from "./pull-request.js";

export interface SlaOverride {
  labels?: readonly string[] | undefined;
  min_changed_lines?: number | undefined;
  max_changed_lines?: number | undefined;
  first_review?: Duration | undefined;
  resolution?: Duration | undefined;
}

export interface SlaDurations {
  first_review: Duration;
  resolution: Duration;
  overrides: readonly SlaOverride[];
}

function overrideMatches(pr: PullRequestState, override: SlaOverride): boolean {
  const lines = pr.additions + pr.deletions;
  if (override.labels && override.labels.length > 0) {
    const wanted = new Set(override.labels.map((l) => l.toLowerCase()));
    if (!pr.labels.some((l) => wanted.has(l.toLowerCase()))) return false;
  }
  if (override.min_changed_lines !== undefined && lines < override.min_changed_lines) return false;
  if (override.max_changed_lines !== undefined && lines > override.max_changed_lines) return false;
  return true;
}

/** The first matching override wins, key by key; unmatched keys keep the defaults. */
export function slaFor(
  pr: PullRequestState,
  sla: SlaDurations,
): { firstReview: Duration; resolution: Duration } {
  const match = sla.overrides.find((o) => overrideMatches(pr, o));
  return {
    firstReview: match?.first_review ?? sla.first_review,
    resolution: match?.resolution ?? sla.resolution,
  };
}
