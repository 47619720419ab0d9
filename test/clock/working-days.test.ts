import { DateTime, Duration } from "luxon";
import {
  addWorkingTime,
  isWithinWorkingHours,
  isWorkingDay,
  measureWorkingTime,
  nextWorkingHoursStart,
} from "../../src/clock/calendar.js";
import { at, local, teamCalendar } from "./calendars.js";

const BERLIN = "Europe/Berlin";
const berlin = teamCalendar(BERLIN, { holidays: ["2024-05-01"] });

describe("isWorkingDay", () => {
  it("accepts weekdays and rejects weekends and holidays", () => {
    expect(isWorkingDay(at(BERLIN, "2024-04-30T12:00"), berlin)).toBe(true);
    expect(isWorkingDay(at(BERLIN, "2024-05-01T12:00"), berlin)).toBe(false);
    expect(isWorkingDay(at(BERLIN, "2024-05-04T12:00"), berlin)).toBe(false);
  });

  it("judges the date in the team's zone, not in UTC", () => {
    const fridayEveningInNewYork = DateTime.fromISO("2024-06-15T00:30:00Z");
    expect(isWorkingDay(fridayEveningInNewYork, teamCalendar("America/New_York"))).toBe(true);
    expect(isWorkingDay(fridayEveningInNewYork, teamCalendar("UTC"))).toBe(false);
  });
});

describe("isWithinWorkingHours", () => {
  it("includes the opening minute and excludes the closing one", () => {
    expect(isWithinWorkingHours(at(BERLIN, "2024-04-30T08:59"), berlin)).toBe(false);
    expect(isWithinWorkingHours(at(BERLIN, "2024-04-30T09:00"), berlin)).toBe(true);
    expect(isWithinWorkingHours(at(BERLIN, "2024-04-30T17:59"), berlin)).toBe(true);
    expect(isWithinWorkingHours(at(BERLIN, "2024-04-30T18:00"), berlin)).toBe(false);
  });

  it("is never true on a holiday", () => {
    expect(isWithinWorkingHours(at(BERLIN, "2024-05-01T10:00"), berlin)).toBe(false);
  });

  it("reads the local clock of a half-hour zone", () => {
    const kolkata = teamCalendar("Asia/Kolkata");
    expect(isWithinWorkingHours(DateTime.fromISO("2024-01-08T03:29:00Z"), kolkata)).toBe(false);
    expect(isWithinWorkingHours(DateTime.fromISO("2024-01-08T03:30:00Z"), kolkata)).toBe(true);
  });
});

describe("nextWorkingHoursStart", () => {
  it("returns the instant itself inside working hours, in UTC", () => {
    const t = at(BERLIN, "2024-04-30T11:17");
    const next = nextWorkingHoursStart(t, berlin);
    expect(next.toMillis()).toBe(t.toMillis());
    expect(next.zoneName).toBe("UTC");
  });

  it("moves an early morning to the opening the same day", () => {
    expect(local(nextWorkingHoursStart(at(BERLIN, "2024-04-30T07:00"), berlin), BERLIN)).toBe(
      "2024-04-30T09:00",
    );
  });

  it("moves the closing instant and a weekend to Monday's opening", () => {
    expect(local(nextWorkingHoursStart(at(BERLIN, "2024-05-03T18:00"), berlin), BERLIN)).toBe(
      "2024-05-06T09:00",
    );
    expect(local(nextWorkingHoursStart(at(BERLIN, "2024-05-05T23:00"), berlin), BERLIN)).toBe(
      "2024-05-06T09:00",
    );
  });

  it("skips a holiday", () => {
    expect(local(nextWorkingHoursStart(at(BERLIN, "2024-04-30T19:00"), berlin), BERLIN)).toBe(
      "2024-05-02T09:00",
    );
  });
});

describe("calendars without working time", () => {
  const t = at(BERLIN, "2024-04-30T12:00");
  const day = Duration.fromObject({ hours: 24 });

  it("throws instead of looping when no weekday is a working day", () => {
    const idle = teamCalendar(BERLIN, { workingDays: [] });
    expect(() => addWorkingTime(t, day, idle, "workdays")).toThrow(
      "the calendar has no working time: workingDays is empty",
    );
    expect(() => nextWorkingHoursStart(t, idle)).toThrow(/no working time/);
    expect(() => measureWorkingTime(t, t.plus(day), idle, "working-hours")).toThrow(
      /no working time/,
    );
  });

  it("throws when working hours do not start before they end", () => {
    const inverted = teamCalendar(BERLIN, { workingHours: { start: 1080, end: 540 } });
    expect(() => addWorkingTime(t, day, inverted, "working-hours")).toThrow(/no working time/);
    expect(() => nextWorkingHoursStart(t, inverted)).toThrow(/no working time/);
    expect(isWithinWorkingHours(t, inverted)).toBe(false);
  });

  it("gives up after 20 years when holidays cover every working day", () => {
    const mondays = Array.from({ length: 21 * 53 }, (_, i) =>
      DateTime.fromISO("2024-05-06").plus({ weeks: i }).toISODate()!,
    );
    const onlyHolidays = teamCalendar(BERLIN, { workingDays: [1], holidays: mondays });
    expect(() => addWorkingTime(t, day, onlyHolidays, "workdays")).toThrow(
      /no working time in the 20 years after/,
    );
  });

  it("explains when an amount needs more than 20 years of a sparse calendar", () => {
    const minuteAWeek = teamCalendar(BERLIN, {
      workingDays: [1],
      workingHours: { start: 540, end: 541 },
    });
    expect(() =>
      addWorkingTime(t, Duration.fromObject({ hours: 24 }), minuteAWeek, "working-hours"),
    ).toThrow(
      /adding 24 h of working-hours time to 2024-04-30T10:00:00.000Z needs more than 20 years of the calendar/,
    );
  });

  it("still computes calendar time for such a calendar", () => {
    const idle = teamCalendar(BERLIN, { workingDays: [] });
    expect(measureWorkingTime(t, t.plus(day), idle, "calendar").as("hours")).toBe(24);
  });
});

describe("malformed calendars", () => {
  const t = at(BERLIN, "2024-04-30T12:00");

  it("names an unknown zone", () => {
    expect(() => isWorkingDay(t, teamCalendar("Mars/Olympus_Mons"))).toThrow(
      'the calendar\'s zone "Mars/Olympus_Mons" is not a known IANA time zone',
    );
  });

  it("names a weekday outside 1-7 and a holiday that is not a date", () => {
    expect(() => isWorkingDay(t, teamCalendar(BERLIN, { workingDays: [0] }))).toThrow(/weekdays/);
    expect(() => isWorkingDay(t, teamCalendar(BERLIN, { holidays: ["2024-02-30"] }))).toThrow(
      'the calendar\'s holiday "2024-02-30" is not a YYYY-MM-DD date',
    );
  });

  it("names working hours outside the day", () => {
    const late = teamCalendar(BERLIN, { workingHours: { start: 540, end: 1500 } });
    expect(() => isWithinWorkingHours(t, late)).toThrow(/workingHours.end must be whole minutes/);
  });
});
