// Who is away: inclusive local-date ranges from `assignment.away` and `people.<login>.away`,
// read in each person's own time zone.
import type { DateTime } from "luxon";

export interface AwayRange {
  from: string;
  to: string;
}

export type People = Record<string, { timezone?: string; away: AwayRange[] }>;

/**
 * True when the local date of `date` in `zone` falls inside one of `ranges` (both ends
 * included; dates are `YYYY-MM-DD`, so they compare as strings). An unknown zone reads as UTC.
 */
export function isAwayOn(date: DateTime, ranges: readonly AwayRange[], zone: string): boolean {
  const zoned = date.setZone(zone);
  const local = (zoned.isValid ? zoned : date.toUTC()).toISODate();
  if (local === null) return false;
  return ranges.some((range) => range.from <= local && local <= range.to);
}

function sameRange(a: AwayRange, b: AwayRange): boolean {
  return a.from === b.from && a.to === b.to;
}

/** Joins the `assignment.away` shorthand with `people.<login>.away`, per lowercase login. */
export function mergeAway(
  shorthand: Readonly<Record<string, readonly AwayRange[]>>,
  people: Readonly<People>,
): Map<string, AwayRange[]> {
  const merged = new Map<string, AwayRange[]>();
  const add = (login: string, ranges: readonly AwayRange[]) => {
    const key = login.replace(/^@/, "").toLowerCase();
    const list = merged.get(key) ?? [];
    for (const range of ranges)
      if (!list.some((known) => sameRange(known, range))) list.push({ ...range });
    merged.set(key, list);
  };
  for (const [login, ranges] of Object.entries(shorthand)) add(login, ranges);
  for (const [login, person] of Object.entries(people)) add(login, person.away);
  for (const list of merged.values())
    list.sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
  return merged;
}

/**
 * The subset of `logins` away at `date`, each read in `people.<login>.timezone` or else
 * `defaultZone` (the team's zone). Returns lowercase logins.
 */
export function awayOn(
  date: DateTime,
  logins: readonly string[],
  away: ReadonlyMap<string, readonly AwayRange[]>,
  people: Readonly<People>,
  defaultZone: string,
): Set<string> {
  const result = new Set<string>();
  for (const login of logins) {
    const key = login.toLowerCase();
    const zone = people[key]?.timezone ?? defaultZone;
    if (isAwayOn(date, away.get(key) ?? [], zone)) result.add(key);
  }
  return result;
}
