// The allowed-moment functions hand back the instant they were given when it needs no moving:
// these laws show the answer is still exactly the UTC DateTime they made before.
import fc from "fast-check";
import { DateTime, FixedOffsetZone } from "luxon";
import { nextAllowedMoment, nextWorkingHoursStart } from "../../src/clock/calendar.js";
import type { QuietHours, TeamCalendar } from "../../src/clock/calendar.js";
import { ZONES, calendarAtArb } from "./arbitraries.js";

const numRuns = 200;
const minuteArb = fc.integer({ min: 0, max: 1440 });
const quietArb: fc.Arbitrary<QuietHours> = fc.oneof(
  fc.constant<QuietHours>({ mode: "off" }),
  fc.constant<QuietHours>({ mode: "working-hours" }),
  fc
    .tuple(minuteArb, minuteArb)
    .filter(([from, to]) => !(from === 0 && to === 1440))
    .map(([from, to]): QuietHours => ({ mode: "window", from, to })),
);
/** The same instant as luxon hands it to us: UTC, another zone, another locale. */
const presentationArb = fc.oneof(
  fc.constant((t: DateTime) => DateTime.fromMillis(t.toMillis(), { zone: "utc" })),
  fc.constantFrom(...ZONES).map((zone) => (t: DateTime) => t.setZone(zone)),
  fc.constant((t: DateTime) => t.setLocale("fr-CA")),
  fc.constant((t: DateTime) => t.reconfigure({ numberingSystem: "arab" })),
);

/** What the functions answered before: a new UTC DateTime with luxon's default locale. */
function madeAfresh(ms: number): DateTime {
  return DateTime.fromMillis(ms, { zone: FixedOffsetZone.utcInstance });
}

function expectSameAsMadeAfresh(answer: DateTime): void {
  const fresh = madeAfresh(answer.toMillis());
  expect(answer.equals(fresh)).toBe(true);
  expect(answer.zone).toBe(fresh.zone);
  expect(answer.toISO()).toBe(fresh.toISO());
  expect(answer.toLocaleString(DateTime.DATETIME_FULL)).toBe(
    fresh.toLocaleString(DateTime.DATETIME_FULL),
  );
}

describe("allowed instants, reused or made", () => {
  it("answers a UTC DateTime with the default locale, whatever zone or locale t came in", () => {
    fc.assert(
      fc.property(calendarAtArb, quietArb, presentationArb, ({ cal, t }, quiet, present) => {
        const given = present(t);
        expectSameAsMadeAfresh(nextAllowedMoment(given, cal, quiet));
        expectSameAsMadeAfresh(nextWorkingHoursStart(given, cal));
      }),
      { numRuns },
    );
  });

  it("hands back t itself only when t is already that UTC instant with the default locale", () => {
    fc.assert(
      fc.property(calendarAtArb, quietArb, presentationArb, ({ cal, t }, quiet, present) => {
        const given = present(t);
        const answer = nextAllowedMoment(given, cal, quiet);
        if (answer === given) expect(given.equals(madeAfresh(given.toMillis()))).toBe(true);
      }),
      { numRuns },
    );
  });

  it("hands back t itself when acting is allowed at t (no new DateTime per PR)", () => {
    const cal: TeamCalendar = {
      zone: "Europe/Berlin",
      workingDays: [1, 2, 3, 4, 5],
      workingHours: { start: 9 * 60, end: 18 * 60 },
      holidays: [],
    };
    const t = DateTime.fromISO("2026-11-25T10:00:00Z", { zone: "utc" });
    expect(nextAllowedMoment(t, cal, { mode: "off" })).toBe(t);
    expect(nextAllowedMoment(t, cal, { mode: "working-hours" })).toBe(t);
    expect(nextWorkingHoursStart(t, cal)).toBe(t);
    const berlin = t.setZone("Europe/Berlin");
    expect(nextAllowedMoment(berlin, cal, { mode: "off" })).not.toBe(berlin);
  });
});
