// Weekly trends with the digest's definitions: twelve weeks, nearest-rank p50/p90 in working
// hours, AI-assisted against the rest, compliance in the week a deadline ran out, actions counted.
import { Duration } from "luxon";
import { dashboardWeeks } from "../../src/dashboard/weeks.js";
import { weeklyTrends } from "../../src/dashboard/trends.js";
import { tableCsv } from "../../src/dashboard/csv.js";
import { attentionTable, trendTables } from "../../src/dashboard/tables.js";
import { escapeHtml, jsonBlock } from "../../src/dashboard/html.js";
import { aDigestPullRequest, at } from "../helpers/pull-requests.js";

const UTC = {
  zone: "UTC",
  workingDays: [1, 2, 3, 4, 5],
  workingHours: { start: 0, end: 1440 },
  holidays: [],
};
const NOW = at("2026-11-26T15:00:00");

describe("dashboard weeks", () => {
  it("are twelve Monday-to-Monday weeks in the team's zone, the last one containing now", () => {
    const weeks = dashboardWeeks(NOW, "Europe/Berlin", 12);
    expect(weeks).toHaveLength(12);
    expect(weeks[11]?.start.setZone("Europe/Berlin").toISO()).toBe("2026-11-23T00:00:00.000+01:00");
    expect(weeks[0]?.start.setZone("Europe/Berlin").toISODate()).toBe("2026-09-07");
    for (let i = 1; i < 12; i += 1) expect(weeks[i]?.start.equals(weeks[i - 1]!.end)).toBe(true);
  });
});

describe("weekly trends", () => {
  const weeks = dashboardWeeks(NOW, "UTC", 12);
  const lastWeek = weeks[10]!.start.plus({ hours: 10 });
  const reviewedAfter = (hours: number, ai: boolean, number: number) =>
    aDigestPullRequest({
      number,
      aiAssisted: ai,
      createdAt: lastWeek,
      firstReviewAt: lastWeek.plus({ hours }),
      mergedAt: lastWeek.plus({ hours: hours * 2 }),
      closedAt: lastWeek.plus({ hours: hours * 2 }),
      open: false,
    });
  const prs = [
    reviewedAfter(1, true, 1),
    reviewedAfter(2, true, 2),
    reviewedAfter(3, false, 3),
    reviewedAfter(4, false, 4),
    reviewedAfter(30, false, 5),
  ];
  const trends = weeklyTrends({
    weeks,
    calendar: UTC,
    clockMode: "calendar",
    pullRequests: prs,
    actions: [
      { kind: "reminder", performedAt: lastWeek },
      { kind: "nudge", performedAt: lastWeek.plus({ hours: 1 }) },
      { kind: "nudge", performedAt: weeks[0]!.start.minus({ hours: 1 }) },
    ],
  });
  const week = trends[10]!;

  it("takes nearest-rank p50 and p90 of working hours to first review, split by AI assistance", () => {
    expect(week.firstReview.all).toEqual({ p50: 3, p90: 30, count: 5 });
    expect(week.firstReview.ai).toEqual({ p50: 1, p90: 2, count: 2 });
    expect(week.firstReview.other).toEqual({ p50: 4, p90: 30, count: 3 });
    expect(week.cycleTime.all).toEqual({ p50: 6, p90: 60, count: 5 });
  });

  it("counts a first-review SLA met or missed in the week its 24 h deadline ran out", () => {
    expect(week.firstReviewCompliance).toEqual({ met: 4, missed: 1, percent: 80 });
    expect(trends[9]!.firstReviewCompliance.percent).toBeNull();
  });

  it("counts reminders and nudges in the week they were sent, and none outside the weeks", () => {
    expect(week.actions).toEqual({ reminder: 1, escalation: 0, nudge: 1 });
    expect(trends.reduce((n, t) => n + t.actions.nudge, 0)).toBe(1);
  });

  it("gives every chart twelve points and a table row per point", () => {
    for (const table of trendTables(trends, "UTC")) {
      expect(table.chart?.x).toHaveLength(12);
      expect(table.rows).toHaveLength(12);
      for (const series of table.chart?.series ?? []) expect(series.values).toHaveLength(12);
    }
  });
});

describe("the dashboard's output", () => {
  it("escapes titles in HTML and keeps them from closing the JSON block", () => {
    expect(escapeHtml(`<img src=x onerror="a('1')">&`)).toBe(
      "&lt;img src=x onerror=&quot;a(&#39;1&#39;)&quot;&gt;&amp;",
    );
    expect(jsonBlock({ title: "</script><script>alert(1)</script>" })).not.toContain("</script>");
  });

  it("writes CSV a spreadsheet cannot run as a formula", () => {
    const table = attentionTable("breaching", [
      {
        owner: "octo",
        repo: "api",
        number: 1,
        title: '=HYPERLINK("http://evil"), "quoted"',
        url: "https://github.com/octo/api/pull/1",
        author: "dana",
        sla: "first-review",
        turn: { whose: "reviewers", since: NOW },
        waitingOn: ["carol"],
        leftMs: -Duration.fromObject({ hours: 2 }).toMillis(),
      },
    ]);
    const [, row] = tableCsv(table).split("\r\n");
    expect(row).toBe(
      `octo/api#1,"'=HYPERLINK(""http://evil""), ""quoted""",first-review,reviewers,carol,-2,https://github.com/octo/api/pull/1`,
    );
  });
});
