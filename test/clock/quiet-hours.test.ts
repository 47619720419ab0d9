import { DateTime } from "luxon";
import { nextAllowedMoment } from "../../src/clock/calendar.js";
import type { QuietHours } from "../../src/clock/calendar.js";
import { at, hhmm, local, teamCalendar } from "./calendars.js";

const BERLIN = "Europe/Berlin";
const berlin = teamCalendar(BERLIN, { holidays: ["2024-05-01"] });
const next = (localIso: string, quiet: QuietHours) =>
  local(nextAllowedMoment(at(BERLIN, localIso), berlin, quiet), BERLIN);

describe("nextAllowedMoment", () => {
  it("allows any moment, weekends included, when quiet hours are off", () => {
    const sundayNight = at(BERLIN, "2024-05-05T03:00");
    const allowed = nextAllowedMoment(sundayNight, berlin, { mode: "off" });
    expect(allowed.toMillis()).toBe(sundayNight.toMillis());
    expect(allowed.zoneName).toBe("UTC");
  });

  it("waits for working hours in working-hours mode", () => {
    const quiet: QuietHours = { mode: "working-hours" };
    expect(next("2024-04-30T10:00", quiet)).toBe("2024-04-30T10:00");
    expect(next("2024-04-30T18:30", quiet)).toBe("2024-05-02T09:00");
  });

  describe("with a window wrapping midnight, 20:00-08:00", () => {
    const overnight: QuietHours = { mode: "window", from: hhmm("20:00"), to: hhmm("08:00") };

    it("allows the daytime", () => {
      expect(next("2024-04-30T12:00", overnight)).toBe("2024-04-30T12:00");
      expect(next("2024-04-30T19:59", overnight)).toBe("2024-04-30T19:59");
    });

    it("waits from the evening and from after midnight until 08:00", () => {
      expect(next("2024-04-29T20:00", overnight)).toBe("2024-04-30T08:00");
      expect(next("2024-04-30T00:30", overnight)).toBe("2024-04-30T08:00");
      expect(next("2024-04-30T07:59", overnight)).toBe("2024-04-30T08:00");
    });

    it("keeps weekends and holidays quiet all day", () => {
      expect(next("2024-05-03T21:00", overnight)).toBe("2024-05-06T08:00");
      expect(next("2024-05-04T12:00", overnight)).toBe("2024-05-06T08:00");
      expect(next("2024-04-30T22:00", overnight)).toBe("2024-05-02T08:00");
    });
  });

  describe("with a window inside the day, 12:00-13:00", () => {
    const lunch: QuietHours = { mode: "window", from: hhmm("12:00"), to: hhmm("13:00") };

    it("waits out the window and allows the night of a working day", () => {
      expect(next("2024-04-30T12:30", lunch)).toBe("2024-04-30T13:00");
      expect(next("2024-04-30T23:59", lunch)).toBe("2024-04-30T23:59");
      expect(next("2024-04-30T00:00", lunch)).toBe("2024-04-30T00:00");
    });

    it("waits from Saturday midnight to Monday midnight", () => {
      expect(next("2024-05-04T00:00", lunch)).toBe("2024-05-06T00:00");
    });
  });

  it("treats an empty window as quiet only on non-working days", () => {
    const none: QuietHours = { mode: "window", from: hhmm("08:00"), to: hhmm("08:00") };
    expect(next("2024-04-30T03:00", none)).toBe("2024-04-30T03:00");
    expect(next("2024-05-05T03:00", none)).toBe("2024-05-06T00:00");
  });

  it("throws when the window silences every minute of the day", () => {
    const always: QuietHours = { mode: "window", from: 0, to: 1440 };
    expect(() => nextAllowedMoment(at(BERLIN, "2024-04-30T12:00"), berlin, always)).toThrow(
      "quiet hours from 0 to 1440 cover the whole day, so the app could never act",
    );
  });

  it("follows the local clock on the spring-forward night", () => {
    const early: QuietHours = { mode: "window", from: hhmm("22:00"), to: hhmm("02:30") };
    const cal = teamCalendar(BERLIN, { workingDays: [7] });
    const allowed = nextAllowedMoment(at(BERLIN, "2024-03-31T01:45"), cal, early);
    expect(allowed.toISO()).toBe(
      DateTime.fromISO("2024-03-31T03:00", { zone: BERLIN }).toUTC().toISO(),
    );
  });
});
