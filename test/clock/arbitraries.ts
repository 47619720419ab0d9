// fast-check generators for the clock properties, plus a luxon-only oracle of local dates.
import fc from "fast-check";
import { DateTime, Duration } from "luxon";
import type { ClockMode, TeamCalendar } from "../../src/clock/calendar.js";

export const DAY_MS = 86_400_000;

// Southern-hemisphere DST, midnight transitions (Sao Paulo until 2019, Tehran until 2022),
// quarter-hour and half-hour offsets, and a zone without DST.
export const ZONES = [
  "Europe/Berlin",
  "America/New_York",
  "Asia/Kolkata",
  "Australia/Sydney",
  "America/Sao_Paulo",
  "Asia/Tehran",
  "Pacific/Chatham",
  "UTC",
] as const;

export const MODES: readonly ClockMode[] = ["calendar", "workdays", "working-hours"];

export const instantArb = fc
  .integer({ min: Date.UTC(2015, 0, 1), max: Date.UTC(2027, 0, 1) })
  .map((ms) => DateTime.fromMillis(ms, { zone: "utc" }));

/**
 * Up to three weeks, sometimes whole minutes, sometimes odd milliseconds; never more than a
 * year of the calendar's working time, which keeps every addition inside the 20-year search.
 */
export function amountArb(cal: TeamCalendar): fc.Arbitrary<Duration> {
  const weeklyMs =
    cal.workingDays.length * (cal.workingHours.end - cal.workingHours.start) * 60_000;
  const maxMs = Math.min(21 * DAY_MS, 52 * weeklyMs);
  return fc
    .oneof(
      fc.integer({ min: 0, max: Math.floor(maxMs / 60_000) }).map((m) => m * 60_000),
      fc.integer({ min: 0, max: maxMs }),
    )
    .map((ms) => Duration.fromMillis(ms));
}

const workingHoursArb = fc
  .integer({ min: 0, max: 1439 })
  .chain((start) => fc.integer({ min: start + 1, max: 1440 }).map((end) => ({ start, end })));

/** A calendar plus an instant near which its holidays fall, so they matter. */
export const calendarAtArb = fc
  .record({
    zone: fc.constantFrom(...ZONES),
    workingDays: fc.subarray([1, 2, 3, 4, 5, 6, 7], { minLength: 1 }),
    workingHours: workingHoursArb,
    holidayOffsets: fc.uniqueArray(fc.integer({ min: -3, max: 40 }), { maxLength: 6 }),
    t: instantArb,
  })
  .map(({ zone, workingDays, workingHours, holidayOffsets, t }) => {
    const day = t.setZone(zone).startOf("day");
    const holidays = holidayOffsets.map((n) => day.plus({ days: n }).toISODate()!);
    const cal: TeamCalendar = { zone, workingDays, workingHours, holidays };
    return { cal, t };
  });

/** A calendar, an instant and two amounts that fit it. */
export const scenarioArb = calendarAtArb.chain(({ cal, t }) =>
  fc.record({
    cal: fc.constant(cal),
    t: fc.constant(t),
    a: amountArb(cal),
    b: amountArb(cal),
  }),
);

export function isWorkingDate(local: DateTime, cal: TeamCalendar): boolean {
  return cal.workingDays.includes(local.weekday) && !cal.holidays.includes(local.toISODate()!);
}

/** Working-day time in [from, to), summed day by day with luxon's own local days. */
export function workdaysOracle(from: DateTime, to: DateTime, cal: TeamCalendar): number {
  let total = 0;
  let day = from.setZone(cal.zone).startOf("day");
  while (day < to) {
    const next = day.plus({ days: 1 }).startOf("day");
    if (isWorkingDate(day, cal)) {
      total += Math.max(0, Math.min(+next, +to) - Math.max(+day, +from));
    }
    day = next;
  }
  return total;
}

/** Whether a QuietHours window allows acting at `t`, read off luxon's local clock. */
export function allowedByWindow(t: DateTime, cal: TeamCalendar, from: number, to: number): boolean {
  const local = t.setZone(cal.zone);
  const minute = local.hour * 60 + local.minute;
  const quiet = from <= to ? from <= minute && minute < to : minute >= from || minute < to;
  return isWorkingDate(local, cal) && !quiet;
}
