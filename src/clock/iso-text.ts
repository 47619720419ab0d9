// ISO text of instants, for reports of thousands of actions: luxon's formatter is the slow part
// of printing a UTC instant, and Date prints the same text for it.
import type { DateTime } from "luxon";

/** Instants whose year Date prints with four digits, as luxon does. */
const FIRST_YEAR_0 = Date.parse("0000-01-01T00:00:00.000Z");
const LAST_YEAR_9999 = Date.parse("9999-12-31T23:59:59.999Z");

/** Exactly `at.toISO() ?? ""`: through Date for a UTC instant, through luxon otherwise. */
export function isoText(at: DateTime): string {
  const millis = at.isValid ? at.toMillis() : Number.NaN;
  const utc = at.isValid && at.zone.isUniversal && at.offset === 0;
  return utc && millis >= FIRST_YEAR_0 && millis <= LAST_YEAR_9999
    ? new Date(millis).toISOString()
    : (at.toISO() ?? "");
}
