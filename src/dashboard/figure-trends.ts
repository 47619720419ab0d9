// The weekly trends from each PR's maintained figures: the same rows as `weeklyTrends`, without
// measuring working time again. A PR counts for an SLA in the week its deadline ran out, in its
// first-review and cycle-time spreads in the weeks of its first review and of its merge.
import { Duration } from "luxon";
import type { Compliance } from "../digest/report.js";
import type { DigestPeriod } from "../digest/period.js";
import { percentage } from "../digest/statistics.js";
import { within } from "../digest/working-time.js";
import type { PullRequestFigures, SlaFigure } from "./pr-figures.js";
import { spread } from "./trends.js";
import type { ActionKind, PerformedAction, WeekTrend } from "./trends.js";

export interface FigureTrendInput {
  /** Oldest first (see `dashboardWeeks`). */
  weeks: readonly DigestPeriod[];
  /** Figures of the scope's PRs open at some point since the first week began. */
  figures: readonly PullRequestFigures[];
  actions: readonly PerformedAction[];
}

/** The deadline ran out in the week: less than the SLA elapsed at its start, all by its end. */
function dueIn(sla: SlaFigure | null, week: DigestPeriod): sla is SlaFigure {
  return sla !== null && sla.dueAt > week.start && sla.dueAt <= week.end;
}

function compliance(
  figures: readonly PullRequestFigures[],
  sla: (f: PullRequestFigures) => SlaFigure | null,
  week: DigestPeriod,
): Compliance {
  let met = 0;
  let missed = 0;
  for (const f of figures) {
    const figure = sla(f);
    if (!f.counted || !dueIn(figure, week)) continue;
    if (figure.outcome === "met") met += 1;
    if (figure.outcome === "missed") missed += 1;
  }
  return { met, missed, percent: percentage(met, met + missed) };
}

type Measured = "firstReview" | "cycle";

function durations(figures: readonly PullRequestFigures[], what: Measured, week: DigestPeriod) {
  const out: Duration[] = [];
  for (const f of figures) {
    const at = what === "firstReview" ? f.firstReviewAt : f.mergedAt;
    const ms = what === "firstReview" ? f.firstReviewMs : f.cycleMs;
    if (ms !== null && within(at, week)) out.push(Duration.fromMillis(ms));
  }
  return out;
}

function split(
  groups: Record<"all" | "ai" | "other", readonly PullRequestFigures[]>,
  what: Measured,
  week: DigestPeriod,
) {
  return {
    all: spread(durations(groups.all, what, week)),
    ai: spread(durations(groups.ai, what, week)),
    other: spread(durations(groups.other, what, week)),
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
    const counted = (kind: ActionKind) =>
      input.actions.filter((a) => a.kind === kind && within(a.performedAt, week)).length;
    return {
      week,
      firstReviewCompliance: compliance(all, (f) => f.firstReviewSla, week),
      resolutionCompliance: compliance(all, (f) => f.resolutionSla, week),
      firstReview: split(groups, "firstReview", week),
      cycleTime: split(groups, "cycle", week),
      actions: {
        reminder: counted("reminder"),
        escalation: counted("escalation"),
        nudge: counted("nudge"),
      },
    };
  });
}
