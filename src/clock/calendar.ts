// Working-time arithmetic for review SLAs: how much of a span counts as working time, when an
// SLA falls due, and when the app may act. Pure: every instant comes in as an argument.
import { DateTime, Duration, FixedOffsetZone, Settings } from "luxon";
import {
  SEARCH_DAYS,
  SEARCH_YEARS,
  assertMinuteOfDay,
  isWorkingDayNumber,
  localTime,
  readCalendar,
  requireWorkingDays,
  windowsAfter,
  workingHoursRange,
} from "./day-windows.js";
import type { DayRules, MinuteRange } from "./day-windows.js";

export interface TeamCalendar {
  /** IANA zone, e.g. "Europe/Berlin". */
  zone: string;
  /** Luxon weekdays: 1 = Monday ... 7 = Sunday. */
  workingDays: readonly number[];
  /** Minutes after local midnight, 0 <= start < end <= 1440. */
  workingHours: { start: number; end: number };
  /** "YYYY-MM-DD" local dates in `zone`: never working. */
  holidays: readonly string[];
}

export type ClockMode = "calendar" | "workdays" | "working-hours";

export type QuietHours =
  /** Act only inside the calendar's working hours on working days. */
  | { mode: "working-hours" }
  /** Act whenever. */
  | { mode: "off" }
  /**
   * Quiet from `from` to `to`, minutes after local midnight; may wrap midnight (20:00-08:00).
   * Non-working days and holidays are quiet all day. `from === to` means no quiet time of day.
   */
  | { mode: "window"; from: number; to: number };

const WHOLE_DAY: MinuteRange = [0, 1440];
/** Shared options: luxon resolves a zone given as text on every call. */
const UTC = { zone: FixedOffsetZone.utcInstance };

export function isWorkingDay(t: DateTime, cal: TeamCalendar): boolean {
  const rules = readCalendar(cal);
  return isWorkingDayNumber(localTime(millisOf(t), rules.zone).day, rules);
}

export function isWithinWorkingHours(t: DateTime, cal: TeamCalendar): boolean {
  const rules = readCalendar(cal);
  const [start, end] = workingHoursRange(cal);
  const { day, minute } = localTime(millisOf(t), rules.zone);
  return isWorkingDayNumber(day, rules) && start <= minute && minute < end;
}

/** `t` itself if within working hours, else the start of the next working-hours window. */
export function nextWorkingHoursStart(t: DateTime, cal: TeamCalendar): DateTime {
  return firstMomentIn(readCalendar(cal), [nonEmptyWorkingHours(cal)], t);
}

/** The working time in [from, to); zero when `to` is not after `from`. */
export function measureWorkingTime(
  from: DateTime,
  to: DateTime,
  cal: TeamCalendar,
  mode: ClockMode,
): Duration {
  const fromMs = millisOf(from);
  const toMs = millisOf(to);
  if (mode === "calendar") return Duration.fromMillis(Math.max(0, toMs - fromMs));
  const rules = readCalendar(cal);
  const ranges = countedRanges(cal, rules, mode);
  if (toMs <= fromMs) return Duration.fromMillis(0);
  let total = 0;
  // One day past `to`'s date: a fall-back across midnight can put earlier instants on it.
  const lastDay = localTime(toMs, rules.zone).day + 1;
  for (const window of windowsAfter(rules, ranges, fromMs, lastDay)) {
    if (window.start >= toMs) break;
    total += Math.min(window.end, toMs) - Math.max(window.start, fromMs);
  }
  return Duration.fromMillis(total);
}

/**
 * The earliest instant t >= start with measureWorkingTime(start, t) >= amount; landing exactly
 * on the end of a window returns that end. Amounts are whole milliseconds; negative counts as 0.
 */
export function addWorkingTime(
  start: DateTime,
  amount: Duration,
  cal: TeamCalendar,
  mode: ClockMode,
): DateTime {
  const startMs = millisOf(start);
  const amountMs = millisOfDuration(amount);
  if (mode === "calendar") return DateTime.fromMillis(startMs + amountMs, UTC);
  const rules = readCalendar(cal);
  const ranges = countedRanges(cal, rules, mode);
  if (amountMs === 0) return DateTime.fromMillis(startMs, UTC);
  let remaining = amountMs;
  const lastDay = localTime(startMs, rules.zone).day + SEARCH_DAYS;
  for (const window of windowsAfter(rules, ranges, startMs, lastDay)) {
    const from = Math.max(window.start, startMs);
    if (remaining <= window.end - from) {
      return DateTime.fromMillis(from + remaining, UTC);
    }
    remaining -= window.end - from;
  }
  if (remaining === amountMs) throw noWorkingTimeAhead(startMs, rules);
  const hours = +(amountMs / 3_600_000).toFixed(2);
  throw new Error(
    `adding ${hours} h of ${mode} time to ${isoOf(startMs)} needs more than ` +
      `${SEARCH_YEARS} years of the calendar (zone ${rules.zone}): check workingDays and holidays`,
  );
}

/** `t` if acting is allowed at `t`, else the first instant after `t` when it is. */
export function nextAllowedMoment(t: DateTime, cal: TeamCalendar, quiet: QuietHours): DateTime {
  switch (quiet.mode) {
    case "off":
      return utcInstant(millisOf(t), t);
    case "working-hours":
      return nextWorkingHoursStart(t, cal);
    case "window": {
      const ranges = allowedRanges(quiet.from, quiet.to);
      if (ranges.length === 0) {
        throw new Error(
          `quiet hours from ${quiet.from} to ${quiet.to} cover the whole day, ` +
            "so the app could never act",
        );
      }
      return firstMomentIn(readCalendar(cal), ranges, t);
    }
  }
}

/** The parts of a working day outside a quiet window, which may wrap midnight. */
function allowedRanges(from: number, to: number): MinuteRange[] {
  assertMinuteOfDay("quiet hours 'from'", from);
  assertMinuteOfDay("quiet hours 'to'", to);
  if (from === to) return [WHOLE_DAY];
  const ranges: MinuteRange[] =
    from > to
      ? [[to, from]]
      : [
          [0, from],
          [to, 1440],
        ];
  return ranges.filter(([start, end]) => start < end);
}

function countedRanges(
  cal: TeamCalendar,
  rules: DayRules,
  mode: Exclude<ClockMode, "calendar">,
): MinuteRange[] {
  requireWorkingDays(rules);
  return mode === "workdays" ? [WHOLE_DAY] : [nonEmptyWorkingHours(cal)];
}

function nonEmptyWorkingHours(cal: TeamCalendar): MinuteRange {
  const [start, end] = workingHoursRange(cal);
  if (start >= end) {
    throw new Error(
      `the calendar has no working time: workingHours.start (${start}) is not before ` +
        `workingHours.end (${end})`,
    );
  }
  return [start, end];
}

function firstMomentIn(rules: DayRules, ranges: readonly MinuteRange[], t: DateTime): DateTime {
  const ts = millisOf(t);
  requireWorkingDays(rules);
  const lastDay = localTime(ts, rules.zone).day + SEARCH_DAYS;
  const first = windowsAfter(rules, ranges, ts, lastDay).next();
  if (first.done === true) throw noWorkingTimeAhead(ts, rules);
  return utcInstant(Math.max(first.value.start, ts), t);
}

function noWorkingTimeAhead(fromMs: number, rules: DayRules): Error {
  return new Error(
    `the calendar has no working time in the ${SEARCH_YEARS} years after ${isoOf(fromMs)} ` +
      `(zone ${rules.zone}): check workingDays and holidays`,
  );
}

/**
 * The UTC instant at `ms`: `given` itself when it is already that instant in UTC with luxon's
 * default locale settings (indistinguishable from a new one), so a PR's deadlines that need no
 * moving out of quiet hours cost no new DateTime.
 */
function utcInstant(ms: number, given: DateTime): DateTime {
  return given.toMillis() === ms && given.zone === UTC.zone && hasDefaultLocale(given)
    ? given
    : DateTime.fromMillis(ms, UTC);
}

function hasDefaultLocale(t: DateTime): boolean {
  const made = defaultLocaleInstant();
  return (
    t.locale === made.locale &&
    t.numberingSystem === made.numberingSystem &&
    t.outputCalendar === made.outputCalendar
  );
}

/** A DateTime made with no locale options, remade whenever luxon's default settings change. */
let reference: { settings: string; instant: DateTime } | null = null;

function defaultLocaleInstant(): DateTime {
  const settings = `${Settings.defaultLocale}|${Settings.defaultNumberingSystem}|${Settings.defaultOutputCalendar}`;
  if (reference?.settings !== settings)
    reference = { settings, instant: DateTime.fromMillis(0, UTC) };
  return reference.instant;
}

function isoOf(ms: number): string {
  return DateTime.fromMillis(ms, UTC).toISO() ?? String(ms);
}

function millisOf(t: DateTime): number {
  if (!t.isValid) throw new Error(`invalid DateTime: ${t.invalidExplanation ?? t.invalidReason}`);
  return t.toMillis();
}

/**
 * Milliseconds of each Duration already converted: SLA durations come from a cached config, so
 * the sweep converts the same few objects for every PR (luxon Durations are immutable).
 */
const durationMillis = new WeakMap<Duration, number>();

function millisOfDuration(amount: Duration): number {
  const known = durationMillis.get(amount);
  if (known !== undefined) return known;
  const ms = amount.as("milliseconds");
  if (!amount.isValid || !Number.isFinite(ms)) {
    throw new Error(`invalid Duration: ${amount.invalidExplanation ?? amount.invalidReason}`);
  }
  const millis = Math.max(0, Math.round(ms));
  durationMillis.set(amount, millis);
  return millis;
}
