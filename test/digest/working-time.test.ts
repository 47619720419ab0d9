import fc from "fast-check";
import { DateTime } from "luxon";
import { measureWorkingTime, type TeamCalendar } from "../../src/clock/calendar.js";
import { within, workingTimeMeter } from "../../src/digest/working-time.js";
import { WEEK, at } from "./builders.js";

const BERLIN: TeamCalendar = {
  zone: "Europe/Berlin",
  workingDays: [1, 2, 3, 4, 5],
  workingHours: { start: 9 * 60, end: 17 * 60 },
  holidays: ["2025-04-18", "2025-04-21"],
};

describe("workingTimeMeter", () => {
  it("measures the same working time as the clock, on either side of its anchor", () => {
    const instant = fc
      .integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2025, 11, 31) })
      .map((ms) => DateTime.fromMillis(ms, { zone: "utc" }));
    for (const clockMode of ["working-hours", "workdays", "calendar"] as const) {
      const meter = workingTimeMeter({ calendar: BERLIN, clockMode }, at("2025-06-02T00:00:00Z"));
      fc.assert(
        fc.property(instant, instant, (from, to) => {
          const expected = measureWorkingTime(from, to, BERLIN, clockMode).toMillis();
          expect(meter.between(from, to).toMillis()).toBe(expected);
        }),
        { numRuns: 50 },
      );
    }
  });
});

describe("within", () => {
  it("includes the start of a period and excludes its end", () => {
    expect(within(WEEK.start, WEEK)).toBe(true);
    expect(within(WEEK.end, WEEK)).toBe(false);
    expect(within(null, WEEK)).toBe(false);
  });
});
