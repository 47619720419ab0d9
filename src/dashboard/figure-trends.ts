// The weekly trends from each PR's maintained figures: the same rows as `weeklyTrends`, without
// measuring working time again. A PR counts for an SLA in the week its deadline ran out, in its
// first-review and cycle-time spreads in the weeks of its first review and of its merge.
import type { Compliance } from "../digest/report.js";
import type { DigestPeriod } from "../digest/period.js";
import { percentage } from "../digest/statistics.js";
import { within } from "../digest/working-time.js";
import type { TrendFigures } from "./pr-figures.js";
import { spreadOfMs } from "./trends.js";
import type { ActionKind, PerformedAction, WeekTrend } from "./trends.js";

export interface FigureTrendInput {
  /** Oldest first (see `dashboardWeeks`). */
  weeks: readonly DigestPeriod[];
  /** Figures of the scope's PRs open at some point since the first week began. */
  figures: readonly TrendFigures[];
  actions: readonly PerformedAction[];
}

interface WeekMs {
  start: number;
  end: number;
}

const inWeek = (at: number | null, week: WeekMs) =>
  at !== null && at >= week.start && at < week.end;

type Sla = "firstReview" | "resolution";

/**
 * Met and missed SLAs whose deadline ran out in the week: less than the SLA had elapsed at its
 * start and all of it by its end, so the deadline lies in (start, end].
 */
function compliance(figures: readonly TrendFigures[], sla: Sla, week: WeekMs): Compliance {
  let met = 0;
  let missed = 0;
  for (const f of figures) {
    const dueAt = sla === "firstReview" ? f.firstReviewDueAt : f.resolutionDueAt;
    if (!f.counted || dueAt === null || dueAt <= week.start || dueAt > week.end) continue;
    const outcome = sla === "firstReview" ? f.firstReviewOutcome : f.resolutionOutcome;
    if (outcome === "met") met += 1;
    if (outcome === "missed") missed += 1;
  }
  return { met, missed, percent: percentage(met, met + missed) };
}

type Measured = "firstReview" | "cycle";

function durations(figures: readonly TrendFigures[], what: Measured, week: WeekMs): number[] {
  const out: number[] = [];
  for (const f of figures) {
    const at = what === "firstReview" ? f.firstReviewAt : f.mergedAt;
    const ms = what === "firstReview" ? f.firstReviewMs : f.cycleMs;
    if (ms !== null && inWeek(at, week)) out.push(ms);
  }
  return out;
}

function split(
  groups: Record<"all" | "ai" | "other", readonly TrendFigures[]>,
  what: Measured,
  week: WeekMs,
) {
  return {
    all: spreadOfMs(durations(groups.all, what, week)),
    ai: spreadOfMs(durations(groups.ai, what, week)),
    other: spreadOfMs(durations(groups.other, what, week)),
  };
}

/** One row per week, oldest first. */
export function trendsFromFigures(input: FigureTrendInput): WeekTrend[] {
  const all = input.figures;
  const groups = {
    all,
    ai: all.filter((f) => f.aiAssisted),
    other: all.filter((f) => !f.aiAssisted),
  };
  return input.weeks.map((week) => {
    const ms = { start: week.start.toMillis(), end: week.end.toMillis() };
    const counted = (kind: ActionKind) =>
      input.actions.filter((a) => a.kind === kind && within(a.performedAt, week)).length;
    return {
      week,
      firstReviewCompliance: compliance(all, "firstReview", ms),
      resolutionCompliance: compliance(all, "resolution", ms),
      firstReview: split(groups, "firstReview", ms),
      cycleTime: split(groups, "cycle", ms),
      actions: {
        reminder: counted("reminder"),
        escalation: counted("escalation"),
        nudge: counted("nudge"),
      },
    };
  });
}
