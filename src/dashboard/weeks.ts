// The weeks a dashboard chart spans: the last full Monday-to-Monday weeks in the team's zone
// (the digest's weeks), oldest first, then the week in progress.
import type { DateTime } from "luxon";
import { digestPeriod } from "../digest/period.js";
import type { DigestPeriod } from "../digest/period.js";

/** `count` weeks ending with the one that contains `now` (its end is the next Monday 00:00). */
export function dashboardWeeks(now: DateTime, zone: string, count: number): DigestPeriod[] {
  const current = digestPeriod(now.setZone(zone).plus({ weeks: 1 }), zone);
  const weeks: DigestPeriod[] = [current];
  while (weeks.length < count) weeks.unshift(digestPeriod(weeks[0]?.start ?? now, zone));
  return weeks;
}
