// Every chart and list of the dashboard as one table: the same rows feed the chart (as JSON),
// the HTML table beside it and its CSV download, so the three cannot disagree.
import type { DateTime } from "luxon";
import type { AttentionItem } from "./attention.js";
import type { LoadRow } from "./load.js";
import type { Spread, WeekTrend } from "./trends.js";

export type Cell = string | number | null;

export interface DataTable {
  id: TableId;
  title: string;
  /** What the numbers are, e.g. "working hours" or "%". */
  unit: string;
  columns: string[];
  rows: Cell[][];
  /** For charts: x as Unix seconds (week starts) and one series per value column. */
  chart: { x: number[]; series: { label: string; values: (number | null)[] }[] } | null;
}

export const TABLE_IDS = [
  "compliance",
  "first-review",
  "cycle-time",
  "actions",
  "breaching",
  "due-soon",
  "reviewer-load",
] as const;
export type TableId = (typeof TABLE_IDS)[number];

export function isTableId(value: string): value is TableId {
  return (TABLE_IDS as readonly string[]).includes(value);
}

function weekLabel(start: DateTime, zone: string): string {
  return start.setZone(zone).toISODate() ?? "";
}

function weekly(
  id: TableId,
  title: string,
  unit: string,
  trends: readonly WeekTrend[],
  zone: string,
  series: { label: string; value: (t: WeekTrend) => number | null }[],
): DataTable {
  return {
    id,
    title,
    unit,
    columns: ["week starting", ...series.map((s) => s.label)],
    rows: trends.map((t) => [weekLabel(t.week.start, zone), ...series.map((s) => s.value(t))]),
    chart: {
      x: trends.map((t) => Math.round(t.week.start.toSeconds())),
      series: series.map((s) => ({ label: s.label, values: trends.map(s.value) })),
    },
  };
}

function rounded(value: number | null): number | null {
  return value === null ? null : Math.round(value * 10) / 10;
}

function spreadSeries(pick: (t: WeekTrend) => { all: Spread; ai: Spread; other: Spread }) {
  const groups = [
    ["all", "all"],
    ["ai", "AI-assisted"],
    ["other", "other"],
  ] as const;
  return groups.flatMap(([key, name]) => [
    { label: `${name} p50`, value: (t: WeekTrend) => pick(t)[key].p50 },
    { label: `${name} p90`, value: (t: WeekTrend) => pick(t)[key].p90 },
  ]);
}

/** The four weekly charts. */
export function trendTables(trends: readonly WeekTrend[], zone: string): DataTable[] {
  return [
    weekly("compliance", "SLA compliance per week", "%", trends, zone, [
      { label: "first review %", value: (t) => rounded(t.firstReviewCompliance.percent) },
      { label: "resolution %", value: (t) => rounded(t.resolutionCompliance.percent) },
    ]),
    weekly(
      "first-review",
      "Time to first review (p50 / p90)",
      "working hours",
      trends,
      zone,
      spreadSeries((t) => t.firstReview),
    ),
    weekly(
      "cycle-time",
      "Cycle time, ready to merged (p50 / p90)",
      "working hours",
      trends,
      zone,
      spreadSeries((t) => t.cycleTime),
    ),
    weekly("actions", "Reminders, escalations and nudges sent", "count", trends, zone, [
      { label: "reminders", value: (t) => t.actions.reminder },
      { label: "escalations", value: (t) => t.actions.escalation },
      { label: "nudges", value: (t) => t.actions.nudge },
    ]),
  ];
}

function workingHours(ms: number): number {
  return Math.round((ms / 3_600_000) * 10) / 10;
}

function turnLabel(item: AttentionItem): string {
  switch (item.turn.whose) {
    case "reviewers":
      return "reviewers";
    case "author":
      return "author";
    case "merge":
      return "merge";
    case "nobody":
      return `nobody (${item.turn.why})`;
  }
}

/** "Breaching now" or "due within a working day". */
export function attentionTable(
  id: "breaching" | "due-soon",
  items: readonly AttentionItem[],
): DataTable {
  const title = id === "breaching" ? "Breaching now" : "Due within a working day";
  return {
    id,
    title,
    unit: "working hours",
    columns: ["pull request", "title", "SLA", "whose turn", "waiting on", "hours left", "url"],
    rows: items.map((item) => [
      `${item.owner}/${item.repo}#${item.number}`,
      item.title,
      item.sla,
      turnLabel(item),
      item.waitingOn.join(" "),
      workingHours(item.leftMs),
      item.url,
    ]),
    chart: null,
  };
}

export function loadTable(rows: readonly LoadRow[]): DataTable {
  return {
    id: "reviewer-load",
    title: "Reviewer load",
    unit: "open review requests",
    columns: ["reviewer", "open reviews", "size-weighted", "away today", "cap", "at cap"],
    rows: rows.map((r) => [
      r.login,
      r.openReviews,
      r.weighted,
      r.away ? "yes" : "no",
      r.cap,
      r.atCap ? "yes" : "no",
    ]),
    chart: null,
  };
}
