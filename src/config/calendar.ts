// Calendar settings as people write them (zones, weekdays, "09:00-18:00", dates, quiet hours)
// and the working calendars of the team and of each person derived from the parsed config.
import { DateTime, IANAZone } from "luxon";
import { z } from "zod";
import type { TeamCalendar } from "../clock/calendar.js";
import type { RepoConfig } from "./schema.js";

/** Minutes after midnight; `end` may be 1440 ("24:00"). */
export interface WorkingHours {
  start: number;
  end: number;
}

/** When the app may act: only in working hours, whenever due, or outside a nightly window. */
export type QuietHours =
  { mode: "working-hours" } | { mode: "off" } | { mode: "window"; from: number; to: number };

/** Inclusive `YYYY-MM-DD` dates. */
export interface DateRange {
  from: string;
  to: string;
}

const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
const TIME = /^([01]?\d|2[0-3]):([0-5]\d)$/;
const HOURS = /^(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A text field read by `parse`; text it cannot read is reported as "expected <what>". */
function textField<T>(what: string, parse: (text: string) => T | undefined) {
  const expected = `expected ${what}`;
  return z.string({ error: expected }).transform((text, ctx) => {
    const value = parse(text.trim());
    if (value === undefined) {
      ctx.addIssue({ code: "custom", message: expected, input: text });
      return z.NEVER;
    }
    return value;
  });
}

function weekdayNumber(text: string): number | undefined {
  const name = text.toLowerCase();
  const index = WEEKDAYS.findIndex((day) => day === name || day.slice(0, 3) === name);
  return index < 0 ? undefined : index + 1;
}

function minutesOfDay(text: string): number | undefined {
  const match = TIME.exec(text);
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

function workingHours(text: string): WorkingHours | undefined {
  const match = HOURS.exec(text);
  if (!match) return undefined;
  const start = minutesOfDay(match[1] ?? "");
  const end = match[2] === "24:00" ? 1440 : minutesOfDay(match[2] ?? "");
  if (start === undefined || end === undefined || start >= end) return undefined;
  return { start, end };
}

function isoDate(text: string): string | undefined {
  return DATE.test(text) && DateTime.fromISO(text, { zone: "utc" }).isValid ? text : undefined;
}

/** YAML 1.1 loaders (js-yaml, as used by Probot) turn unquoted dates into Date objects. */
function fromLoadedDate(value: unknown): unknown {
  if (value instanceof Date && !Number.isNaN(value.getTime())) {
    return value.toISOString().slice(0, 10);
  }
  return value;
}

const ZONE = 'expected an IANA time zone like "Europe/Berlin" or "UTC"';

export const zoneSchema = z
  .string({ error: ZONE })
  .trim()
  .refine((zone) => IANAZone.isValidZone(zone), { error: ZONE });

export const workingDaysSchema = z
  .array(textField('a weekday like "mon" or "Monday"', weekdayNumber), {
    error: "expected a list of weekdays like [mon, tue, wed]",
  })
  .min(1, { error: "expected at least one working day" })
  .transform((days) => [...new Set(days)].sort((a, b) => a - b));

export const workingHoursSchema = textField(
  'working hours like "09:00-18:00" (24-hour clock, start before end)',
  workingHours,
);

export const timeOfDaySchema = textField('a time like "20:00" (24-hour clock)', minutesOfDay);

export const dateSchema = z.preprocess(
  fromLoadedDate,
  textField('a date like "2025-12-25" (YYYY-MM-DD)', isoDate),
);

export const dateRangeSchema = z
  .strictObject({
    from: dateSchema.describe("First day away (inclusive, YYYY-MM-DD)."),
    to: dateSchema.describe("Last day away (inclusive, YYYY-MM-DD)."),
  })
  .superRefine((range, ctx) => {
    if (range.from > range.to) {
      ctx.addIssue({
        code: "custom",
        path: ["to"],
        message: `expected a date on or after "from" (${range.from}), found "${range.to}"`,
      });
    }
  })
  .describe("A period away, both dates included, in the person's time zone.");

const quietWindowSchema = z
  .strictObject({
    from: timeOfDaySchema.describe("Start of the quiet window, e.g. 20:00."),
    to: timeOfDaySchema.describe("End of the quiet window, e.g. 08:00 (may be the next day)."),
  })
  .superRefine((window, ctx) => {
    if (window.from === window.to) {
      ctx.addIssue({
        code: "custom",
        path: ["to"],
        message: 'expected a time other than "from", found the same time',
      });
    }
  })
  .transform(({ from, to }): QuietHours => ({ mode: "window", from, to }));

export const quietHoursSchema = z
  .union([z.boolean(), quietWindowSchema], {
    error: 'expected true, false or a window like {from: "20:00", to: "08:00"}',
  })
  .transform((value): QuietHours => {
    if (value === true) return { mode: "working-hours" };
    if (value === false) return { mode: "off" };
    return value;
  });

/** The team's working calendar: zone, working days and hours, holidays. */
export function teamCalendar(config: RepoConfig): TeamCalendar {
  return {
    zone: config.timezone,
    workingDays: config.working_days,
    workingHours: config.working_hours,
    holidays: config.holidays,
  };
}

/** A person's settings under `people`, by GitHub login (any case, with or without "@"). */
export function findPerson(config: RepoConfig, login: string) {
  const key = login.replace(/^@/, "").toLowerCase();
  return Object.hasOwn(config.people, key) ? config.people[key] : undefined;
}

/** A person's calendar: their own zone, hours and days where set, else the team's; team holidays. */
export function personCalendar(config: RepoConfig, login: string): TeamCalendar {
  const team = teamCalendar(config);
  const person = findPerson(config, login);
  return {
    zone: person?.timezone ?? team.zone,
    workingDays: person?.working_days ?? team.workingDays,
    workingHours: person?.working_hours ?? team.workingHours,
    holidays: team.holidays,
  };
}
