import { computeDigest } from "../../src/digest/metrics.js";
import { slaOutcome, type SlaClock } from "../../src/digest/sla-compliance.js";
import { workingTimeMeter } from "../../src/digest/working-time.js";
import { UTC_CALENDAR, WEEK, at, digestInput, hours, pullRequest } from "./builders.js";

// Working hours Monday to Friday 09:00–17:00 UTC; the reported week is 3–10 March 2025.
const workingHours = workingTimeMeter(
  { calendar: UTC_CALENDAR, clockMode: "working-hours" },
  WEEK.start,
);

function clock(overrides: Partial<SlaClock>): SlaClock {
  return {
    readyAt: at("2025-03-06T16:00:00Z"),
    sla: hours(8),
    satisfiedAt: null,
    releasedAt: null,
    ...overrides,
  };
}

describe("slaOutcome", () => {
  it("counts a PR in the week its working-time deadline ran out", () => {
    // Ready Thursday 16:00: 8 working hours run out on Friday at 16:00.
    expect(slaOutcome(clock({ satisfiedAt: at("2025-03-07T15:00:00Z") }), WEEK, workingHours)).toBe(
      "met",
    );
    // Ready Friday 16:00: the deadline is Monday 10 March 16:00, next week.
    expect(
      slaOutcome(clock({ readyAt: at("2025-03-07T16:00:00Z") }), WEEK, workingHours),
    ).toBeNull();
  });

  it("counts a deadline that ran out over the weekend into the week in the week it fell", () => {
    // Ready Friday 28 February 16:00: the deadline is Monday 3 March 16:00.
    const lateReview = clock({
      readyAt: at("2025-02-28T16:00:00Z"),
      satisfiedAt: at("2025-03-03T16:30:00Z"),
    });
    expect(slaOutcome(lateReview, WEEK, workingHours)).toBe("missed");
  });

  it("meets the SLA when satisfied exactly at the deadline", () => {
    expect(slaOutcome(clock({ satisfiedAt: at("2025-03-07T16:00:00Z") }), WEEK, workingHours)).toBe(
      "met",
    );
  });

  it("misses the SLA when satisfied after the deadline, or never", () => {
    expect(slaOutcome(clock({ satisfiedAt: at("2025-03-07T16:01:00Z") }), WEEK, workingHours)).toBe(
      "missed",
    );
    expect(slaOutcome(clock({}), WEEK, workingHours)).toBe("missed");
  });

  it("owes nothing for a PR closed before its deadline, but misses one closed after it", () => {
    expect(
      slaOutcome(clock({ releasedAt: at("2025-03-07T10:00:00Z") }), WEEK, workingHours),
    ).toBeNull();
    expect(slaOutcome(clock({ releasedAt: at("2025-03-07T17:00:00Z") }), WEEK, workingHours)).toBe(
      "missed",
    );
  });
});

describe("working time in the digest", () => {
  it("measures time to first review in working hours, skipping the weekend", () => {
    const pr = pullRequest({
      createdAt: at("2025-02-28T16:00:00Z"),
      firstReviewAt: at("2025-03-03T10:00:00Z"),
    });
    const digest = computeDigest(digestInput({ clockMode: "working-hours", pullRequests: [pr] }));
    expect(digest.current.firstReviewMedian?.as("hours")).toBe(2);
    const wallClock = computeDigest(digestInput({ clockMode: "calendar", pullRequests: [pr] }));
    expect(wallClock.current.firstReviewMedian?.as("hours")).toBe(66);
  });
});
