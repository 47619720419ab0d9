import fc from "fast-check";
import { DateTime } from "luxon";
import {
  digestPeriod,
  isDigestDue,
  previousPeriod,
  scheduledSendTime,
} from "../../src/digest/period.js";

const BERLIN = "Europe/Berlin";
const berlin = (iso: string) => DateTime.fromISO(iso, { zone: BERLIN });
const MONDAY_NINE = { day: "monday", time: "09:00" } as const;

describe("digestPeriod", () => {
  it("covers the last full Monday-to-Monday week before the given time, as UTC instants", () => {
    const period = digestPeriod(berlin("2025-03-12T15:00"), BERLIN);
    expect(period.start.toISO()).toBe("2025-03-02T23:00:00.000Z");
    expect(period.end.toISO()).toBe("2025-03-09T23:00:00.000Z");
    expect(period.start.zoneName).toBe("UTC");
  });

  it("treats --at exactly on Monday 00:00 as the end of the week it reports", () => {
    const mondayMidnight = berlin("2025-03-10T00:00");
    expect(digestPeriod(mondayMidnight, BERLIN).end.toMillis()).toBe(mondayMidnight.toMillis());
    const justBefore = digestPeriod(mondayMidnight.minus({ milliseconds: 1 }), BERLIN);
    expect(justBefore.end.setZone(BERLIN).toISODate()).toBe("2025-03-03");
  });

  it("lasts 167 hours in the week clocks go forward in Berlin", () => {
    const period = digestPeriod(berlin("2025-04-01T12:00"), BERLIN);
    expect(period.start.setZone(BERLIN).toISO()).toBe("2025-03-24T00:00:00.000+01:00");
    expect(period.end.setZone(BERLIN).toISO()).toBe("2025-03-31T00:00:00.000+02:00");
    expect(period.end.diff(period.start, "hours").hours).toBe(167);
  });

  it("lasts 169 hours in the week clocks go back in Berlin", () => {
    const period = digestPeriod(berlin("2025-10-27T08:00"), BERLIN);
    expect(period.start.setZone(BERLIN).toISO()).toBe("2025-10-20T00:00:00.000+02:00");
    expect(period.end.setZone(BERLIN).toISO()).toBe("2025-10-27T00:00:00.000+01:00");
    expect(period.end.diff(period.start, "hours").hours).toBe(169);
  });

  it("rejects an unknown time zone with a message naming it", () => {
    expect(() => digestPeriod(berlin("2025-03-12T15:00"), "Mars/Olympus")).toThrow(
      /Unknown time zone "Mars\/Olympus"/,
    );
  });

  it("always ends on the Monday midnight at or before the time, one local week after it starts", () => {
    const zones = ["UTC", BERLIN, "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe"];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }),
        fc.constantFrom(...zones),
        (ms, zone) => {
          const now = DateTime.fromMillis(ms, { zone: "utc" });
          const { start, end } = digestPeriod(now, zone);
          const localStart = start.setZone(zone);
          const localEnd = end.setZone(zone);
          expect([localStart.weekday, localStart.hour, localStart.minute]).toEqual([1, 0, 0]);
          expect([localEnd.weekday, localEnd.hour, localEnd.minute]).toEqual([1, 0, 0]);
          expect(end <= now && now < localEnd.plus({ weeks: 1 })).toBe(true);
          expect(localStart.plus({ weeks: 1 }).toMillis()).toBe(end.toMillis());
          expect(previousPeriod({ start, end }, zone).end.toMillis()).toBe(start.toMillis());
        },
      ),
    );
  });
});

describe("previousPeriod", () => {
  it("is the week before, with its own length across a DST change", () => {
    const afterSpring = digestPeriod(berlin("2025-04-08T12:00"), BERLIN);
    const spring = previousPeriod(afterSpring, BERLIN);
    expect(spring.end.toMillis()).toBe(afterSpring.start.toMillis());
    expect(spring.end.diff(spring.start, "hours").hours).toBe(167);
    expect(afterSpring.end.diff(afterSpring.start, "hours").hours).toBe(168);
  });
});

describe("scheduledSendTime", () => {
  it("is the configured day and time in the week after the period, in the zone", () => {
    const period = digestPeriod(berlin("2025-03-12T15:00"), BERLIN);
    const friday = scheduledSendTime(period, { day: "friday", time: "17:30" }, BERLIN);
    expect(friday.setZone(BERLIN).toISO()).toBe("2025-03-14T17:30:00.000+01:00");
  });

  it("keeps 09:00 local time when the clocks have just gone forward", () => {
    const period = digestPeriod(berlin("2025-04-01T12:00"), BERLIN);
    expect(scheduledSendTime(period, MONDAY_NINE, BERLIN).toISO()).toBe("2025-03-31T07:00:00.000Z");
  });
});

describe("isDigestDue", () => {
  const lastWeekStart = digestPeriod(berlin("2025-03-05T12:00"), BERLIN).start;
  const thisWeek = digestPeriod(berlin("2025-03-12T12:00"), BERLIN);

  it("is not due before the scheduled time", () => {
    expect(isDigestDue(berlin("2025-03-10T08:59"), MONDAY_NINE, BERLIN, lastWeekStart)).toBe(false);
  });

  it("is due from the scheduled time until the period has been sent", () => {
    expect(isDigestDue(berlin("2025-03-10T09:00"), MONDAY_NINE, BERLIN, lastWeekStart)).toBe(true);
    expect(isDigestDue(berlin("2025-03-11T16:00"), MONDAY_NINE, BERLIN, lastWeekStart)).toBe(true);
  });

  it("sends the first digest ever at its scheduled time, not days later for a week already past", () => {
    expect(isDigestDue(berlin("2025-03-10T09:00"), MONDAY_NINE, BERLIN, null)).toBe(true);
    expect(isDigestDue(berlin("2025-03-11T08:59"), MONDAY_NINE, BERLIN, null)).toBe(true);
    // Installed on a Friday: no digest of the week before; the next Monday's comes on time.
    expect(isDigestDue(berlin("2025-03-14T18:00"), MONDAY_NINE, BERLIN, null)).toBe(false);
    expect(isDigestDue(berlin("2025-03-17T09:00"), MONDAY_NINE, BERLIN, null)).toBe(true);
  });

  it("is due once per period: not again after the week was sent, again the next week", () => {
    const sent = thisWeek.start;
    expect(isDigestDue(berlin("2025-03-10T09:05"), MONDAY_NINE, BERLIN, sent)).toBe(false);
    expect(isDigestDue(berlin("2025-03-16T23:59"), MONDAY_NINE, BERLIN, sent)).toBe(false);
    expect(isDigestDue(berlin("2025-03-17T08:59"), MONDAY_NINE, BERLIN, sent)).toBe(false);
    expect(isDigestDue(berlin("2025-03-17T09:00"), MONDAY_NINE, BERLIN, sent)).toBe(true);
  });

  it("waits for a later day in the week when the schedule says so", () => {
    const schedule = { day: "wednesday", time: "14:00" } as const;
    expect(isDigestDue(berlin("2025-03-11T14:00"), schedule, BERLIN, lastWeekStart)).toBe(false);
    expect(isDigestDue(berlin("2025-03-12T14:00"), schedule, BERLIN, lastWeekStart)).toBe(true);
  });
});
