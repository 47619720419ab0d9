// Walks a team calendar local day by local day and yields the stretches of absolute time that
// count (or are allowed), so every mode and predicate shares one definition of "working time".
import type { TeamCalendar } from "./calendar.js";
import { isKnownZone, offsetAt, offsetSegments } from "./zone-offsets.js";

export const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
// Wider than any real UTC offset (-12h .. +14h): the instants of a local day lie within it.
const OFFSET_MARGIN_MS = 15 * 3_600_000;
/** How far ahead a search for working time looks before calling the calendar empty. */
export const SEARCH_YEARS = 20;
export const SEARCH_DAYS = SEARCH_YEARS * 366;

/** Local minutes after midnight, [from, to), in which a working day counts. */
export type MinuteRange = readonly [from: number, to: number];

/** A half-open stretch [start, end) of epoch milliseconds. */
export interface Window {
  start: number;
  end: number;
}

/** A calendar read once per call: holidays become local day numbers (days since 1970-01-01). */
export interface DayRules {
  zone: string;
  workingDays: ReadonlySet<number>;
  holidays: ReadonlySet<number>;
}

/**
 * Rules already read, per calendar object: the sweep asks for the same cached calendar for every
 * PR, and reading one builds two sets and checks the zone. Calendars are not changed once made.
 */
const readRules = new WeakMap<TeamCalendar, DayRules>();

export function readCalendar(cal: TeamCalendar): DayRules {
  const known = readRules.get(cal);
  if (known !== undefined) return known;
  const rules = checkedRules(cal);
  readRules.set(cal, rules);
  return rules;
}

function checkedRules(cal: TeamCalendar): DayRules {
  if (!isKnownZone(cal.zone)) {
    throw new Error(`the calendar's zone "${cal.zone}" is not a known IANA time zone`);
  }
  for (const day of cal.workingDays) {
    if (!Number.isInteger(day) || day < 1 || day > 7) {
      throw new Error(
        `the calendar's workingDays contains ${day}; use luxon weekdays 1 = Monday ... 7 = Sunday`,
      );
    }
  }
  return {
    zone: cal.zone,
    workingDays: new Set(cal.workingDays),
    holidays: new Set(cal.holidays.map(holidayDay)),
  };
}

function holidayDay(date: string): number {
  const [, year, month, day] = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date) ?? [];
  const ms = Date.UTC(Number(year), Number(month) - 1, Number(day));
  // Date.UTC rolls 2024-02-30 over to March; a real date survives the round trip.
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) {
    throw new Error(`the calendar's holiday "${date}" is not a YYYY-MM-DD date`);
  }
  return ms / DAY_MS;
}

/** The working-hours range, checked; an empty range is allowed here (predicates just say no). */
export function workingHoursRange(cal: TeamCalendar): MinuteRange {
  const { start, end } = cal.workingHours;
  assertMinuteOfDay("workingHours.start", start);
  assertMinuteOfDay("workingHours.end", end);
  return [start, end];
}

export function assertMinuteOfDay(name: string, minute: number): void {
  if (!Number.isInteger(minute) || minute < 0 || minute > 1440) {
    throw new Error(`${name} must be whole minutes after midnight (0 to 1440), got ${minute}`);
  }
}

/** Throws instead of letting a search for working time run to its cap. */
export function requireWorkingDays(rules: DayRules): void {
  if (rules.workingDays.size === 0) {
    throw new Error("the calendar has no working time: workingDays is empty");
  }
}

export interface LocalTime {
  day: number;
  minute: number;
}

export function localTime(ts: number, zone: string): LocalTime {
  const wall = ts + offsetAt(zone, ts);
  const day = Math.floor(wall / DAY_MS);
  return { day, minute: Math.floor((wall - day * DAY_MS) / MINUTE_MS) };
}

export function isWorkingDayNumber(day: number, rules: DayRules): boolean {
  // Day 0, 1970-01-01, was a Thursday (luxon weekday 4).
  const weekday = ((((day + 3) % 7) + 7) % 7) + 1;
  return rules.workingDays.has(weekday) && !rules.holidays.has(day);
}

/**
 * The windows ending after `fromMs`, for local days up to `lastDay`; in time order wherever the
 * clock never steps back across midnight (true of every zone we know of). Starts a day early:
 * after a fall-back at midnight an instant can still belong to the previous date.
 */
export function* windowsAfter(
  rules: DayRules,
  ranges: readonly MinuteRange[],
  fromMs: number,
  lastDay: number,
): Generator<Window> {
  for (let day = localTime(fromMs, rules.zone).day - 1; day <= lastDay; day++) {
    if (!isWorkingDayNumber(day, rules)) continue;
    for (const window of dayWindows(day, rules.zone, ranges)) {
      if (window.end > fromMs) yield window;
    }
  }
}

/**
 * Instants whose local date is `day` and local minute lies in a range. Solving per stretch of
 * constant offset handles DST without special cases: a skipped hour yields nothing, a repeated
 * hour counts twice, exactly as the local clock reads.
 */
function dayWindows(day: number, zone: string, ranges: readonly MinuteRange[]): Window[] {
  const midnight = day * DAY_MS;
  const segments = offsetSegments(
    zone,
    midnight - OFFSET_MARGIN_MS,
    midnight + DAY_MS + OFFSET_MARGIN_MS,
  );
  const windows: Window[] = [];
  for (const [from, to] of ranges) {
    for (const segment of segments) {
      const start = Math.max(segment.start, midnight + from * MINUTE_MS - segment.offset);
      const end = Math.min(segment.end, midnight + to * MINUTE_MS - segment.offset);
      if (start < end) windows.push({ start, end });
    }
  }
  windows.sort((a, b) => a.start - b.start);
  return mergeTouching(windows);
}

function mergeTouching(sorted: Window[]): Window[] {
  const merged: Window[] = [];
  for (const window of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && last.end >= window.start) last.end = Math.max(last.end, window.end);
    else merged.push({ ...window });
  }
  return merged;
}
