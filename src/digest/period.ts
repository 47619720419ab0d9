// Which week a digest covers and when it is sent: Monday 00:00 to Monday 00:00 in the team's
// zone (so a week with a DST change lasts 167 or 169 hours), returned as UTC instants.
import type { DateTime } from "luxon";
import { isoWeekday, type DigestSchedule } from "../config/digest.js";

/** A half-open interval [start, end) of UTC instants. */
export interface DigestPeriod {
  start: DateTime;
  end: DateTime;
}

/** The last full Monday-to-Monday week that ended at or before `at`, in `zone`. */
export function digestPeriod(at: DateTime, zone: string): DigestPeriod {
  const local = at.setZone(zone);
  if (!local.isValid)
    throw new Error(`Unknown time zone "${zone}": use an IANA name like "Europe/Berlin".`);
  const end = local.startOf("week");
  const start = end.minus({ weeks: 1 });
  return { start: start.toUTC(), end: end.toUTC() };
}

/** The week before `period`, in the same zone. */
export function previousPeriod(period: DigestPeriod, zone: string): DigestPeriod {
  return digestPeriod(period.start, zone);
}

/** When the digest of `period` goes out: the schedule's day and time in the week after it. */
export function scheduledSendTime(
  period: DigestPeriod,
  schedule: DigestSchedule,
  zone: string,
): DateTime {
  const [hour = 0, minute = 0] = schedule.time.split(":").map(Number);
  return period.end
    .setZone(zone)
    .plus({ days: isoWeekday(schedule.day) - 1 })
    .set({ hour, minute, second: 0, millisecond: 0 })
    .toUTC();
}

/**
 * True once the send time of the latest full week has passed and that week has not been sent
 * yet. A week whose digest was missed entirely is not sent late once a newer week is due.
 */
export function isDigestDue(
  now: DateTime,
  schedule: DigestSchedule,
  zone: string,
  lastSentPeriodStart: DateTime | null,
): boolean {
  const period = digestPeriod(now, zone);
  const sendAt = scheduledSendTime(period, schedule, zone);
  if (now < sendAt) return false;
  // Never sent (a new installation or scope): start at the next scheduled time, not with a
  // digest of a week the app was not there for; a day's grace covers a restart around it.
  if (lastSentPeriodStart === null) return now < sendAt.plus({ days: 1 });
  return lastSentPeriodStart < period.start;
}
