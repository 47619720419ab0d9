import fc from "fast-check";
import { Duration } from "luxon";
import {
  addWorkingTime,
  isWithinWorkingHours,
  isWorkingDay,
  measureWorkingTime,
} from "../../src/clock/calendar.js";
import { DAY_MS, MODES, calendarAtArb, scenarioArb, workdaysOracle } from "./arbitraries.js";

const numRuns = 200;
const modeArb = fc.constantFrom(...MODES);
const ms = (d: Duration) => d.toMillis();

describe("working-time laws", () => {
  it("adds monotonically: a larger amount never lands earlier", () => {
    fc.assert(
      fc.property(scenarioArb, modeArb, ({ cal, t, a, b }, mode) => {
        const [small, large] = ms(a) <= ms(b) ? [a, b] : [b, a];
        expect(+addWorkingTime(t, small, cal, mode)).toBeLessThanOrEqual(
          +addWorkingTime(t, large, cal, mode),
        );
      }),
      { numRuns },
    );
  });

  it("adds associatively: adding a then b lands where adding a + b does", () => {
    fc.assert(
      fc.property(scenarioArb, modeArb, ({ cal, t, a, b }, mode) => {
        const stepwise = addWorkingTime(addWorkingTime(t, a, cal, mode), b, cal, mode);
        const atOnce = addWorkingTime(t, Duration.fromMillis(ms(a) + ms(b)), cal, mode);
        expect(stepwise.toISO()).toBe(atOnce.toISO());
      }),
      { numRuns },
    );
  });

  it("measures back exactly the amount that was added", () => {
    fc.assert(
      fc.property(scenarioArb, modeArb, ({ cal, t, a }, mode) => {
        const due = addWorkingTime(t, a, cal, mode);
        expect(ms(measureWorkingTime(t, due, cal, mode))).toBe(ms(a));
      }),
      { numRuns },
    );
  });

  it("measures additively over a split point", () => {
    const spansArb = fc.tuple(
      fc.integer({ min: 0, max: 20 * DAY_MS }),
      fc.integer({ min: 0, max: 20 * DAY_MS }),
    );
    fc.assert(
      fc.property(calendarAtArb, modeArb, spansArb, ({ cal, t }, mode, [first, second]) => {
        const mid = t.plus({ milliseconds: first });
        const end = mid.plus({ milliseconds: second });
        const parts =
          ms(measureWorkingTime(t, mid, cal, mode)) + ms(measureWorkingTime(mid, end, cal, mode));
        expect(parts).toBe(ms(measureWorkingTime(t, end, cal, mode)));
      }),
      { numRuns },
    );
  });

  it("matches plain elapsed-time addition in calendar mode", () => {
    fc.assert(
      fc.property(scenarioArb, ({ cal, t, a }) => {
        const due = addWorkingTime(t, a, cal, "calendar");
        expect(+due).toBe(+t.plus({ milliseconds: ms(a) }));
        expect(ms(measureWorkingTime(t, due, cal, "calendar"))).toBe(ms(a));
      }),
      { numRuns },
    );
  });

  it("counts in workdays mode exactly the time on working local days, as luxon reads them", () => {
    const spanArb = fc.integer({ min: 0, max: 20 * DAY_MS });
    fc.assert(
      fc.property(calendarAtArb, spanArb, ({ cal, t }, span) => {
        const end = t.plus({ milliseconds: span });
        expect(ms(measureWorkingTime(t, end, cal, "workdays"))).toBe(workdaysOracle(t, end, cal));
      }),
      { numRuns },
    );
  });

  it("measures nothing on a non-working day in workdays mode", () => {
    fc.assert(
      fc.property(calendarAtArb, fc.integer({ min: 0, max: 13 }), ({ cal, t }, n) => {
        const day = t.setZone(cal.zone).startOf("day").plus({ days: n });
        fc.pre(!isWorkingDay(day, cal));
        const next = day.plus({ days: 1 }).startOf("day");
        expect(ms(measureWorkingTime(day, next, cal, "workdays"))).toBe(0);
      }),
      { numRuns },
    );
  });

  it("counts a millisecond exactly when the predicates say it is working time", () => {
    fc.assert(
      fc.property(calendarAtArb, ({ cal, t }) => {
        const tick = t.plus({ milliseconds: 1 });
        expect(ms(measureWorkingTime(t, tick, cal, "workdays"))).toBe(isWorkingDay(t, cal) ? 1 : 0);
        expect(ms(measureWorkingTime(t, tick, cal, "working-hours"))).toBe(
          isWithinWorkingHours(t, cal) ? 1 : 0,
        );
      }),
      { numRuns },
    );
  });
});
