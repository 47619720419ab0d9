import { computeDigest } from "../../src/digest/metrics.js";
import type { DigestAction } from "../../src/digest/input.js";
import { at, digestInput, mergedPullRequest, pullRequest } from "./builders.js";

/**
 * Reported week: 3–10 March 2025 (UTC, calendar time). Times to first review this week:
 * E 1h, A 2h, B 4h, C 30h, F 73h; merges this week: A 10h, B 30h, F 97h.
 * Previous week: G reviewed after 6h and merged after 20h; F missed both deadlines.
 */
function history() {
  return [
    mergedPullRequest("2025-03-04T10:00:00Z", 2, 10, { number: 1 }),
    mergedPullRequest("2025-03-04T12:00:00Z", 4, 30, { number: 2, aiAssisted: true }),
    pullRequest({
      number: 3,
      aiAssisted: true,
      createdAt: at("2025-03-05T09:00:00Z"),
      firstReviewAt: at("2025-03-06T15:00:00Z"),
    }),
    pullRequest({
      number: 4,
      createdAt: at("2025-03-06T10:00:00Z"),
      closedAt: at("2025-03-06T12:00:00Z"),
      open: false,
    }),
    pullRequest({
      number: 5,
      createdAt: at("2025-03-03T00:30:00Z"),
      firstReviewAt: at("2025-03-03T01:30:00Z"),
      changesRequestedAt: at("2025-03-03T02:30:00Z"),
    }),
    mergedPullRequest("2025-02-28T12:00:00Z", 73, 97, { number: 6 }),
    mergedPullRequest("2025-02-25T10:00:00Z", 6, 20, { number: 7 }),
  ];
}

function actions(): DigestAction[] {
  return [
    { kind: "reminder", performedAt: at("2025-03-04T09:00:00Z") },
    { kind: "reminder", performedAt: at("2025-03-07T09:00:00Z") },
    { kind: "escalation", performedAt: at("2025-03-09T23:59:59Z") },
    { kind: "reminder", performedAt: at("2025-02-27T09:00:00Z") },
    { kind: "escalation", performedAt: at("2025-03-10T00:00:00Z") },
  ];
}

const report = () => computeDigest(digestInput({ pullRequests: history(), actions: actions() }));

describe("computeDigest on a hand-built history", () => {
  it("counts PRs opened, merged and closed unmerged in each week", () => {
    const { current, previous } = report();
    expect([current.opened, current.merged, current.closedUnmerged]).toEqual([5, 3, 1]);
    expect([previous.opened, previous.merged, previous.closedUnmerged]).toEqual([2, 1, 0]);
  });

  it("takes median and p90 time to first review over PRs first reviewed in the week", () => {
    const { current, previous } = report();
    expect(current.firstReviewMedian?.as("hours")).toBe(4);
    expect(current.firstReviewP90?.as("hours")).toBe(73);
    expect(previous.firstReviewMedian?.as("hours")).toBe(6);
    expect(previous.firstReviewP90?.as("hours")).toBe(6);
  });

  it("takes the median cycle time (ready to merged) over PRs merged in the week", () => {
    const { current, previous } = report();
    expect(current.cycleTimeMedian?.as("hours")).toBe(30);
    expect(previous.cycleTimeMedian?.as("hours")).toBe(20);
  });

  it("scores first-review compliance over PRs whose deadline ran out in the week", () => {
    // A, B, E met; C reviewed after 30h missed; D closed before its deadline owed nothing.
    expect(report().current.firstReviewCompliance).toEqual({ met: 3, missed: 1, percent: 75 });
    // G met; F's deadline (1 March) ran out unreviewed.
    expect(report().previous.firstReviewCompliance).toEqual({ met: 1, missed: 1, percent: 50 });
  });

  it("counts a merge or a changes-requested review as meeting the resolution SLA", () => {
    // A and B merged, E got changes requested in time; C is still unresolved.
    expect(report().current.resolutionCompliance).toEqual({ met: 3, missed: 1, percent: 75 });
    expect(report().previous.resolutionCompliance).toEqual({ met: 1, missed: 1, percent: 50 });
  });

  it("counts reminders and escalations performed in each half-open week", () => {
    const { current, previous } = report();
    expect([current.reminders, current.escalations]).toEqual([2, 1]);
    expect([previous.reminders, previous.escalations]).toEqual([1, 0]);
  });

  it("compares AI-assisted PRs with the rest", () => {
    const { current, previous } = report();
    expect(current.aiAssisted.opened).toBe(2);
    expect(current.aiAssisted.share).toBe(40);
    expect(current.rest.share).toBe(60);
    expect(current.aiAssisted.firstReviewMedian?.as("hours")).toBe(4);
    expect(current.rest.firstReviewMedian?.as("hours")).toBe(2);
    expect(current.aiAssisted.cycleTimeMedian?.as("hours")).toBe(30);
    expect(current.rest.cycleTimeMedian?.as("hours")).toBe(10);
    expect(previous.aiAssisted).toEqual({
      opened: 0,
      share: 0,
      firstReviewMedian: null,
      firstReviewed: 0,
      cycleTimeMedian: null,
      merged: 0,
    });
  });

  it("leaves out open drafts from SLA compliance", () => {
    const draft = { number: 8, draft: true, createdAt: at("2025-03-03T08:00:00Z") };
    const digest = computeDigest(digestInput({ pullRequests: [pullRequest(draft)] }));
    expect(digest.current.firstReviewCompliance).toEqual({ met: 0, missed: 0, percent: null });
    expect(digest.current.opened).toBe(1);
  });

  it("reports the scope, weeks, zone and clock mode it was computed for", () => {
    const digest = report();
    expect(digest.scopeName).toBe("acme");
    expect(digest.period.start.toISO()).toBe("2025-03-03T00:00:00.000Z");
    expect(digest.zone).toBe("UTC");
    expect(digest.clockMode).toBe("calendar");
  });
});

describe("computeDigest on an empty week", () => {
  it("produces a report with zero counts and no values instead of NaN", () => {
    const digest = computeDigest(digestInput());
    for (const stats of [digest.current, digest.previous]) {
      expect(stats.opened).toBe(0);
      expect(stats.firstReviewMedian).toBeNull();
      expect(stats.firstReviewP90).toBeNull();
      expect(stats.cycleTimeMedian).toBeNull();
      expect(stats.firstReviewCompliance.percent).toBeNull();
      expect(stats.aiAssisted.share).toBeNull();
    }
    expect(digest.breaching).toEqual({ items: [], total: 0 });
    expect(digest.reviewerLoad).toEqual({ rows: [], total: 0 });
    expect(JSON.stringify(digest)).not.toMatch(/NaN/);
  });
});
