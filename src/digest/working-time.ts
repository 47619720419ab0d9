// Working time between instants in the digest's team calendar and clock mode. Working time is
// additive, so each instant gets an offset measured from the nearest instant already measured and
// spans are differences: a year-old PR costs one long measurement, not one per metric.
import { DateTime, Duration } from "luxon";
import { measureWorkingTime, type ClockMode, type TeamCalendar } from "../clock/calendar.js";

export interface WorkingTimeMeter {
  /** Working time from `from` to `to`; zero when `to` is not after `from`. */
  between(from: DateTime, to: DateTime): Duration;
}

interface Point {
  ms: number;
  /** Working milliseconds from the anchor (negative before it). */
  offset: number;
}

/** Index of the first point at or after `ms` in points sorted by time. */
function insertionIndex(points: readonly Point[], ms: number): number {
  let low = 0;
  let high = points.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((points[mid]?.ms ?? Infinity) < ms) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** A meter over the calendar whose offsets start at `anchor`; instants are cached. */
export function workingTimeMeter(
  clock: { calendar: TeamCalendar; clockMode: ClockMode },
  anchor: DateTime,
): WorkingTimeMeter {
  const points: Point[] = [{ ms: anchor.toMillis(), offset: 0 }];
  const measure = (from: number, to: number): number =>
    measureWorkingTime(
      DateTime.fromMillis(from, { zone: "utc" }),
      DateTime.fromMillis(to, { zone: "utc" }),
      clock.calendar,
      clock.clockMode,
    ).toMillis();
  const offsetOf = (at: DateTime): number => {
    const ms = at.toMillis();
    const index = insertionIndex(points, ms);
    if (points[index]?.ms === ms) return points[index].offset;
    const nearest = [points[index - 1], points[index]]
      .filter((point) => point !== undefined)
      .reduce((a, b) => (Math.abs(a.ms - ms) <= Math.abs(b.ms - ms) ? a : b));
    const offset =
      nearest.ms < ms
        ? nearest.offset + measure(nearest.ms, ms)
        : nearest.offset - measure(ms, nearest.ms);
    points.splice(index, 0, { ms, offset });
    return offset;
  };
  return {
    between: (from, to) =>
      Duration.fromMillis(to <= from ? 0 : Math.max(0, offsetOf(to) - offsetOf(from))),
  };
}

/** True when `at` lies in the half-open interval [start, end). */
export function within(at: DateTime | null, period: { start: DateTime; end: DateTime }): boolean {
  return at !== null && at >= period.start && at < period.end;
}
