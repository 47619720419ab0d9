// When a snooze ends: a span counted in working days of the team's calendar ("4h", "1d"), the
// start of a date in the team's zone, or the start of the next working day; never beyond
// `commands.max_snooze`. Pure: `now` comes in.
import { DateTime } from "luxon";
import type { Duration } from "luxon";
import { addWorkingTime, nextWorkingHoursStart } from "../clock/calendar.js";
import type { TeamCalendar } from "../clock/calendar.js";
import { formatDuration, parseDuration } from "../config/duration.js";
import type { SnoozeSpan } from "./parse.js";

export type SnoozeEnd = { ok: true; until: DateTime } | { ok: false; problem: string };

/** An instant as people of the team read it: "Tue 8 Dec 09:00 (Europe/Berlin)". */
export function teamTime(at: DateTime, zone: string): string {
  return `${at.setZone(zone).toFormat("ccc d LLL HH:mm")} (${zone})`;
}

/** "3 working days", or "36h of working days" when not whole days. */
function workingDays(duration: Duration): string {
  const days = duration.as("days");
  if (!Number.isInteger(days)) return `${formatDuration(duration)} of working days`;
  return `${days} working day${days === 1 ? "" : "s"}`;
}

function spanEnd(span: SnoozeSpan, now: DateTime, calendar: TeamCalendar): SnoozeEnd {
  switch (span.type) {
    case "for": {
      const duration = parseDuration(span.text);
      if (duration === null || duration.toMillis() <= 0)
        return { ok: false, problem: "a snooze needs a length such as 4h or 1d" };
      return { ok: true, until: addWorkingTime(now, duration, calendar, "workdays") };
    }
    case "until": {
      const until = DateTime.fromISO(span.date, { zone: calendar.zone }).startOf("day").toUTC();
      if (!until.isValid) return { ok: false, problem: `${span.date} is not a date` };
      if (until <= now) return { ok: false, problem: `${span.date} has already begun` };
      return { ok: true, until };
    }
    case "next-working-day": {
      const tomorrow = now.setZone(calendar.zone).plus({ days: 1 }).startOf("day");
      return { ok: true, until: nextWorkingHoursStart(tomorrow, calendar).toUTC() };
    }
  }
}

/** The end of the snooze asked for, or why it cannot be granted. */
export function snoozeEnd(
  span: SnoozeSpan,
  now: DateTime,
  calendar: TeamCalendar,
  maxSnooze: Duration,
): SnoozeEnd {
  const end = spanEnd(span, now, calendar);
  if (!end.ok) return end;
  const latest = addWorkingTime(now, maxSnooze, calendar, "workdays");
  if (end.until > latest) {
    return {
      ok: false,
      problem:
        `a snooze may last at most ${workingDays(maxSnooze)} ` +
        `(commands.max_snooze): until ${teamTime(latest, calendar.zone)} at the latest`,
    };
  }
  return end;
}
