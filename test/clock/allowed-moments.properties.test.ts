import fc from "fast-check";
import type { DateTime } from "luxon";
import {
  isWithinWorkingHours,
  nextAllowedMoment,
  nextWorkingHoursStart,
} from "../../src/clock/calendar.js";
import type { QuietHours } from "../../src/clock/calendar.js";
import { allowedByWindow, calendarAtArb } from "./arbitraries.js";

const numRuns = 200;
const minuteArb = fc.integer({ min: 0, max: 1440 });
const windowArb = fc
  .tuple(minuteArb, minuteArb)
  .filter(([from, to]) => !(from === 0 && to === 1440));

describe("allowed-moment laws", () => {
  it("finds the first moment inside working hours at or after t", () => {
    fc.assert(
      fc.property(calendarAtArb, ({ cal, t }) => {
        const next = nextWorkingHoursStart(t, cal);
        expect(+next).toBeGreaterThanOrEqual(+t);
        expect(isWithinWorkingHours(next, cal)).toBe(true);
        if (+next > +t)
          expect(isWithinWorkingHours(next.minus({ milliseconds: 1 }), cal)).toBe(false);
      }),
      { numRuns },
    );
  });

  it("finds the first moment outside a quiet window, by the local clock", () => {
    fc.assert(
      fc.property(calendarAtArb, windowArb, ({ cal, t }, [from, to]) => {
        const quiet: QuietHours = { mode: "window", from, to };
        const next = nextAllowedMoment(t, cal, quiet);
        const allowed = (x: DateTime) => allowedByWindow(x, cal, from, to);
        expect(+next).toBeGreaterThanOrEqual(+t);
        expect(allowed(next)).toBe(true);
        if (+next > +t) expect(allowed(next.minus({ milliseconds: 1 }))).toBe(false);
        expect(+nextAllowedMoment(next, cal, quiet)).toBe(+next);
      }),
      { numRuns },
    );
  });

  it("agrees with nextWorkingHoursStart in working-hours mode and returns t when off", () => {
    fc.assert(
      fc.property(calendarAtArb, ({ cal, t }) => {
        expect(+nextAllowedMoment(t, cal, { mode: "working-hours" })).toBe(
          +nextWorkingHoursStart(t, cal),
        );
        expect(+nextAllowedMoment(t, cal, { mode: "off" })).toBe(+t);
      }),
      { numRuns },
    );
  });
});
