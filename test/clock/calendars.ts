// Shared builders for the clock tests: team calendars and local times written the way people read them.
import { DateTime } from "luxon";
import type { TeamCalendar } from "../../src/clock/calendar.js";

export const MON_FRI = [1, 2, 3, 4, 5] as const;

export function hhmm(text: string): number {
  const [hours = 0, minutes = 0] = text.split(":").map(Number);
  return hours * 60 + minutes;
}

export function teamCalendar(zone: string, overrides: Partial<TeamCalendar> = {}): TeamCalendar {
  return {
    zone,
    workingDays: MON_FRI,
    workingHours: { start: hhmm("09:00"), end: hhmm("18:00") },
    holidays: [],
    ...overrides,
  };
}

/** A local time in `zone`, e.g. at("Europe/Berlin", "2024-03-29T17:00"). */
export function at(zone: string, localIso: string): DateTime {
  const t = DateTime.fromISO(localIso, { zone });
  if (!t.isValid) throw new Error(`bad test time ${localIso} in ${zone}`);
  return t;
}

/** The same instant rendered in `zone` without offset, for readable expectations. */
export function local(t: DateTime, zone: string): string {
  return t.setZone(zone).toFormat("yyyy-MM-dd'T'HH:mm");
}
