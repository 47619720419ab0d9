import { Duration } from "luxon";
import { addWorkingTime, measureWorkingTime } from "../../src/clock/calendar.js";
import { at, hhmm, local, teamCalendar } from "./calendars.js";

const BERLIN = "Europe/Berlin";
const berlin = teamCalendar(BERLIN);
const everyDay = teamCalendar(BERLIN, { workingDays: [1, 2, 3, 4, 5, 6, 7] });
const hours = (h: number) => Duration.fromObject({ hours: h });

describe("workdays mode", () => {
  it("counts 7 h of Friday and 17 h of Monday for a PR opened Friday 17:00 with a 24 h SLA", () => {
    const due = addWorkingTime(at(BERLIN, "2024-06-14T17:00"), hours(24), berlin, "workdays");
    expect(local(due, BERLIN)).toBe("2024-06-17T17:00");
    expect(due.zoneName).toBe("UTC");
    const waited = measureWorkingTime(at(BERLIN, "2024-06-14T17:00"), due, berlin, "workdays");
    expect(waited.as("hours")).toBe(24);
  });

  it("skips a holiday as a whole day", () => {
    const cal = teamCalendar(BERLIN, { holidays: ["2024-06-17"] });
    const due = addWorkingTime(at(BERLIN, "2024-06-14T17:00"), hours(24), cal, "workdays");
    expect(local(due, BERLIN)).toBe("2024-06-18T17:00");
  });

  it("counts nothing across a weekend", () => {
    const sat = at(BERLIN, "2024-06-15T00:00");
    expect(measureWorkingTime(sat, sat.plus({ days: 2 }), berlin, "workdays").toMillis()).toBe(0);
  });

  it("counts the spring-forward Sunday as 23 h and the fall-back Sunday as 25 h", () => {
    const march = measureWorkingTime(
      at(BERLIN, "2024-03-31T00:00"),
      at(BERLIN, "2024-04-01T00:00"),
      everyDay,
      "workdays",
    );
    const october = measureWorkingTime(
      at(BERLIN, "2024-10-27T00:00"),
      at(BERLIN, "2024-10-28T00:00"),
      everyDay,
      "workdays",
    );
    expect([march.as("hours"), october.as("hours")]).toEqual([23, 25]);
  });

  it("adds across the spring-forward night in elapsed time, so the local clock reads an hour later", () => {
    const due = addWorkingTime(at(BERLIN, "2024-03-30T12:00"), hours(24), everyDay, "workdays");
    expect(local(due, BERLIN)).toBe("2024-03-31T13:00");
  });

  it("is unaffected by a DST switch on a weekend it skips", () => {
    const due = addWorkingTime(at(BERLIN, "2024-10-25T12:00"), hours(24), berlin, "workdays");
    expect(local(due, BERLIN)).toBe("2024-10-28T12:00");
  });
});

describe("working-hours mode", () => {
  it("turns Monday 10:00 plus 24 working hours into Wednesday 16:00 with 09:00-18:00 days", () => {
    const due = addWorkingTime(at(BERLIN, "2024-06-10T10:00"), hours(24), berlin, "working-hours");
    expect(local(due, BERLIN)).toBe("2024-06-12T16:00");
  });

  it("returns the end of the day itself when the amount runs out exactly at 18:00", () => {
    const due = addWorkingTime(at(BERLIN, "2024-06-10T10:00"), hours(8), berlin, "working-hours");
    expect(local(due, BERLIN)).toBe("2024-06-10T18:00");
  });

  it("carries Friday evening work over the weekend into Monday morning", () => {
    const due = addWorkingTime(at(BERLIN, "2024-06-14T17:00"), hours(2), berlin, "working-hours");
    expect(local(due, BERLIN)).toBe("2024-06-17T10:00");
  });

  it("starts counting at the next opening when started outside working hours", () => {
    const due = addWorkingTime(at(BERLIN, "2024-06-15T11:00"), hours(1), berlin, "working-hours");
    expect(local(due, BERLIN)).toBe("2024-06-17T10:00");
  });

  it("measures only the hours inside working hours", () => {
    const waited = measureWorkingTime(
      at(BERLIN, "2024-06-14T17:00"),
      at(BERLIN, "2024-06-17T10:00"),
      berlin,
      "working-hours",
    );
    expect(waited.as("hours")).toBe(2);
  });

  it("skips holidays", () => {
    const cal = teamCalendar("America/New_York", {
      workingHours: { start: hhmm("09:00"), end: hhmm("17:00") },
      holidays: ["2024-07-04"],
    });
    const due = addWorkingTime(
      at("America/New_York", "2024-07-03T16:00"),
      hours(2),
      cal,
      "working-hours",
    );
    expect(due.toISO()).toBe("2024-07-05T14:00:00.000Z");
  });

  it("follows the half-hour offset of Asia/Kolkata", () => {
    const cal = teamCalendar("Asia/Kolkata", {
      workingHours: { start: hhmm("10:00"), end: hhmm("19:00") },
    });
    const due = addWorkingTime(
      at("Asia/Kolkata", "2024-01-08T18:30"),
      hours(1),
      cal,
      "working-hours",
    );
    expect(due.toISO()).toBe("2024-01-09T05:00:00.000Z");
  });

  it("loses the skipped hour and counts the repeated hour twice around Berlin's DST nights", () => {
    const night = teamCalendar(BERLIN, {
      workingDays: [7],
      workingHours: { start: hhmm("01:00"), end: hhmm("04:00") },
    });
    const sunday = (date: string) =>
      measureWorkingTime(
        at(BERLIN, `${date}T00:00`),
        at(BERLIN, `${date}T12:00`),
        night,
        "working-hours",
      );
    expect(sunday("2024-03-31").as("hours")).toBe(2);
    expect(sunday("2024-10-27").as("hours")).toBe(4);
    expect(sunday("2024-06-02").as("hours")).toBe(3);
  });

  it("adds through the skipped hour of the spring-forward night", () => {
    const night = teamCalendar(BERLIN, {
      workingDays: [7],
      workingHours: { start: hhmm("01:00"), end: hhmm("04:00") },
    });
    const due = addWorkingTime(at(BERLIN, "2024-03-31T01:30"), hours(1), night, "working-hours");
    expect(local(due, BERLIN)).toBe("2024-03-31T03:30");
  });
});

describe("calendar mode", () => {
  it("counts weekends and holidays as plain elapsed time", () => {
    const cal = teamCalendar(BERLIN, { holidays: ["2024-06-17"] });
    const due = addWorkingTime(at(BERLIN, "2024-06-14T17:00"), hours(72), cal, "calendar");
    expect(local(due, BERLIN)).toBe("2024-06-17T17:00");
  });

  it("counts absolute time across DST, so 24 h after Saturday noon reads 13:00 on Sunday", () => {
    const due = addWorkingTime(at(BERLIN, "2024-03-30T12:00"), hours(24), berlin, "calendar");
    expect(local(due, BERLIN)).toBe("2024-03-31T13:00");
    const back = measureWorkingTime(
      at(BERLIN, "2024-10-26T12:00"),
      at(BERLIN, "2024-10-27T12:00"),
      berlin,
      "calendar",
    );
    expect(back.as("hours")).toBe(25);
  });
});

describe("edges", () => {
  it("measures zero when the end is not after the start", () => {
    const t = at(BERLIN, "2024-06-12T12:00");
    for (const mode of ["calendar", "workdays", "working-hours"] as const) {
      expect(measureWorkingTime(t, t, berlin, mode).toMillis()).toBe(0);
      expect(measureWorkingTime(t, t.minus({ hours: 5 }), berlin, mode).toMillis()).toBe(0);
    }
  });

  it("returns the start itself for a zero amount, even outside working hours", () => {
    const sunday = at(BERLIN, "2024-06-16T12:00");
    const due = addWorkingTime(sunday, Duration.fromMillis(0), berlin, "working-hours");
    expect(due.toMillis()).toBe(sunday.toMillis());
  });

  it("measures a two-year span by days, not minutes", () => {
    const from = at("Australia/Sydney", "2023-01-01T00:00");
    const cal = teamCalendar("Australia/Sydney");
    const started = performance.now();
    const waited = measureWorkingTime(from, from.plus({ years: 2 }), cal, "working-hours");
    expect(performance.now() - started).toBeLessThan(200);
    expect(waited.as("hours")).toBe(522 * 9);
  });
});
