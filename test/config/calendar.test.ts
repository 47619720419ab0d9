import { findPerson, personCalendar, teamCalendar } from "../../src/config/calendar.js";
import { configSchema } from "../../src/config/schema.js";

const config = configSchema.parse({
  timezone: "Europe/Berlin",
  working_days: ["mon", "tue", "wed", "thu", "fri"],
  working_hours: "09:00-17:00",
  holidays: ["2025-12-25"],
  people: {
    "Sam-Lee": { timezone: "America/New_York", working_days: ["mon", "tue", "wed", "thu"] },
    dana: { working_hours: "07:00-15:00", away: [{ from: "2025-08-04", to: "2025-08-15" }] },
  },
});

describe("teamCalendar", () => {
  it("takes the team's zone, days, hours and holidays", () => {
    expect(teamCalendar(config)).toEqual({
      zone: "Europe/Berlin",
      workingDays: [1, 2, 3, 4, 5],
      workingHours: { start: 540, end: 1020 },
      holidays: ["2025-12-25"],
    });
  });
});

describe("personCalendar", () => {
  it("uses a person's own zone and days, the team's hours and holidays otherwise", () => {
    expect(personCalendar(config, "sam-lee")).toEqual({
      zone: "America/New_York",
      workingDays: [1, 2, 3, 4],
      workingHours: { start: 540, end: 1020 },
      holidays: ["2025-12-25"],
    });
  });

  it("uses a person's own hours in the team's zone", () => {
    expect(personCalendar(config, "dana")).toMatchObject({
      zone: "Europe/Berlin",
      workingHours: { start: 420, end: 900 },
    });
  });

  it("finds people by login in any case, with or without @", () => {
    expect(personCalendar(config, "@SAM-LEE").zone).toBe("America/New_York");
    expect(findPerson(config, "Dana")?.away).toEqual([{ from: "2025-08-04", to: "2025-08-15" }]);
  });

  it("gives someone not listed the team's calendar", () => {
    expect(personCalendar(config, "newcomer")).toEqual(teamCalendar(config));
    expect(personCalendar(config, "constructor")).toEqual(teamCalendar(config));
  });
});
