// Formatting shared by the Slack and Markdown renderings: durations in working hours, percents,
// changes against the previous week, the week's label, and the rows of the metric tables.
import type { DateTime, Duration } from "luxon";
import type { ClockMode } from "../clock/calendar.js";
import type { DigestPeriod } from "./period.js";
import type {
  BreachingPullRequest,
  Compliance,
  DigestReport,
  PeriodStats,
  ReviewerLoadRow,
} from "./report.js";

export const NO_VALUE = "—";

/** Headings of the two lists, and what each says when it is empty. */
export const BREACHES_LIST = {
  heading: "Breaching an SLA now",
  order: "oldest first",
  empty: "None: every open PR is within its SLAs.",
};
export const REVIEWER_LOAD_LIST = {
  heading: "Reviewer load",
  order: "most open requests first",
  empty: "No open requests and no reviews this week.",
};

const CLOCK_MODE_LABELS: Record<ClockMode, string> = {
  calendar: "calendar time",
  workdays: "working days",
  "working-hours": "working hours",
};

export function clockModeLabel(mode: ClockMode): string {
  return CLOCK_MODE_LABELS[mode];
}

/** "45m", "5h 30m", "27h": hours rather than days, since a working day is not 24 hours. */
export function formatDuration(duration: Duration | null): string {
  if (duration === null) return NO_VALUE;
  const minutes = Math.round(Math.abs(duration.toMillis()) / 60_000);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return hours < 10 && rest > 0 ? `${hours}h ${rest}m` : `${Math.round(minutes / 60)}h`;
}

/** Whole percent, rounded down so that 100% means every one. */
export function formatPercent(percent: number | null): string {
  return percent === null ? NO_VALUE : `${Math.floor(percent)}%`;
}

function arrow(change: number, magnitude: string): string {
  if (change === 0) return "±0";
  return `${change > 0 ? "▲" : "▼"}${magnitude}`;
}

/** The change of a count against last week: "▲3", "▼2", "±0". */
export function countChange(current: number, previous: number): string {
  return arrow(current - previous, String(Math.abs(current - previous)));
}

/** The change of a duration; empty when either week has no value. */
export function durationChange(current: Duration | null, previous: Duration | null): string {
  if (current === null || previous === null) return "";
  const change = current.minus(previous);
  const minutes = Math.round(change.toMillis() / 60_000);
  return arrow(minutes, formatDuration(change));
}

/** The change of a percentage in points, from the displayed (rounded-down) values. */
export function percentChange(current: number | null, previous: number | null): string {
  if (current === null || previous === null) return "";
  const change = Math.floor(current) - Math.floor(previous);
  return arrow(change, `${Math.abs(change)} pp`);
}

/** "Mon 3 Mar – Sun 9 Mar 2025": the week's days in `zone`. */
export function formatPeriod(period: DigestPeriod, zone: string): string {
  const first = period.start.setZone(zone).setLocale("en-GB");
  const last = period.end.setZone(zone).setLocale("en-GB").minus({ days: 1 });
  return `${first.toFormat("ccc d LLL")} – ${last.toFormat("ccc d LLL yyyy")}`;
}

/** "2025-03-10 09:00 CET" in `zone`. */
export function formatInstant(at: DateTime, zone: string): string {
  return at.setZone(zone).setLocale("en-GB").toFormat("yyyy-LL-dd HH:mm ZZZZ");
}

function formatCompliance(compliance: Compliance): string {
  if (compliance.percent === null) return NO_VALUE;
  const total = compliance.met + compliance.missed;
  return `${formatPercent(compliance.percent)} (${compliance.met} of ${total})`;
}

/** One line of a metric table: this week, last week, and the change. */
export interface MetricRow {
  label: string;
  current: string;
  previous: string;
  change: string;
}

export interface MetricGroup {
  title: string;
  rows: MetricRow[];
}

type Metric = [string, (stats: PeriodStats) => string, (c: PeriodStats, p: PeriodStats) => string];

function count(label: string, pick: (s: PeriodStats) => number): Metric {
  return [label, (s) => String(pick(s)), (c, p) => countChange(pick(c), pick(p))];
}

function duration(label: string, pick: (s: PeriodStats) => Duration | null): Metric {
  return [label, (s) => formatDuration(pick(s)), (c, p) => durationChange(pick(c), pick(p))];
}

/** "4h (3 PRs)": a median with the number of PRs it is taken over. */
function durationOf(
  label: string,
  pick: (s: PeriodStats) => Duration | null,
  n: (s: PeriodStats) => number,
): Metric {
  const value = (s: PeriodStats) =>
    n(s) === 0
      ? formatDuration(pick(s))
      : `${formatDuration(pick(s))} (${n(s)} PR${n(s) === 1 ? "" : "s"})`;
  return [label, value, (c, p) => durationChange(pick(c), pick(p))];
}

function percent(label: string, pick: (s: PeriodStats) => number | null): Metric {
  return [label, (s) => formatPercent(pick(s)), (c, p) => percentChange(pick(c), pick(p))];
}

function sla(label: string, pick: (s: PeriodStats) => Compliance): Metric {
  return [
    label,
    (s) => formatCompliance(pick(s)),
    (c, p) => percentChange(pick(c).percent, pick(p).percent),
  ];
}

const GROUPS: [string, Metric[]][] = [
  [
    "Activity",
    [
      count("Opened", (s) => s.opened),
      count("Merged", (s) => s.merged),
      count("Closed unmerged", (s) => s.closedUnmerged),
      count("Reminders sent", (s) => s.reminders),
      count("Escalations sent", (s) => s.escalations),
      count("Author nudges sent", (s) => s.authorNudges),
    ],
  ],
  [
    "Review speed",
    [
      duration("First human review, median", (s) => s.firstReviewMedian),
      duration("First human review, p90", (s) => s.firstReviewP90),
      duration("Cycle time (ready → merged), median", (s) => s.cycleTimeMedian),
      sla("First-review SLA met", (s) => s.firstReviewCompliance),
      sla("Resolution SLA met", (s) => s.resolutionCompliance),
    ],
  ],
  [
    "AI-assisted vs the rest",
    [
      percent("AI-assisted share of opened PRs", (s) => s.aiAssisted.share),
      durationOf(
        "First human review, median: AI-assisted",
        (s) => s.aiAssisted.firstReviewMedian,
        (s) => s.aiAssisted.firstReviewed,
      ),
      durationOf(
        "First human review, median: the rest",
        (s) => s.rest.firstReviewMedian,
        (s) => s.rest.firstReviewed,
      ),
      durationOf(
        "Cycle time, median: AI-assisted",
        (s) => s.aiAssisted.cycleTimeMedian,
        (s) => s.aiAssisted.merged,
      ),
      durationOf(
        "Cycle time, median: the rest",
        (s) => s.rest.cycleTimeMedian,
        (s) => s.rest.merged,
      ),
    ],
  ],
];

/** The report's metrics, grouped as both renderings show them. */
export function metricGroups(report: DigestReport): MetricGroup[] {
  return GROUPS.map(([title, metrics]) => ({
    title,
    rows: metrics.map(([label, value, change]) => ({
      label,
      current: value(report.current),
      previous: value(report.previous),
      change: change(report.current, report.previous),
    })),
  }));
}

/** Cuts `text` to at most `max` UTF-16 units, never inside a character, ending with "…" if cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let kept = "";
  for (const char of text) {
    if (kept.length + char.length > max - 1) break;
    kept += char;
  }
  return `${kept}…`;
}

/** "no first review after 52h (SLA 24h)". */
export function breachSummary(breach: BreachingPullRequest): string {
  const what = breach.kind === "first-review" ? "no first review" : "no merge or changes requested";
  return `${what} after ${formatDuration(breach.waited)} (SLA ${formatDuration(breach.sla)})`;
}

/** "3 open · 5 reviewed · median response 4h". */
export function loadSummary(row: ReviewerLoadRow): string {
  return `${row.openRequests} open · ${row.reviewsDone} reviewed · median response ${formatDuration(row.responseMedian)}`;
}
