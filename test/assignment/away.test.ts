import { DateTime } from "luxon";
import { awayOn, isAwayOn, mergeAway } from "../../src/assignment/away.js";

const august = [{ from: "2025-08-04", to: "2025-08-08" }];

describe("isAwayOn", () => {
  it("includes both ends of a range", () => {
    const at = (iso: string) => DateTime.fromISO(iso, { zone: "utc" });
    expect(isAwayOn(at("2025-08-03T23:59:59Z"), august, "UTC")).toBe(false);
    expect(isAwayOn(at("2025-08-04T00:00:00Z"), august, "UTC")).toBe(true);
    expect(isAwayOn(at("2025-08-08T23:59:59Z"), august, "UTC")).toBe(true);
    expect(isAwayOn(at("2025-08-09T00:00:00Z"), august, "UTC")).toBe(false);
  });

  it("reads the date in the person's zone", () => {
    // 2025-08-08T23:30 in UTC is already 2025-08-09 in Tokyo and still 08-08 in New York.
    const lateFriday = DateTime.fromISO("2025-08-08T23:30:00Z");
    expect(isAwayOn(lateFriday, august, "Asia/Tokyo")).toBe(false);
    expect(isAwayOn(lateFriday, august, "America/New_York")).toBe(true);
    // 2025-08-03T20:00 in UTC is already Monday 08-04 in Auckland.
    const sundayEvening = DateTime.fromISO("2025-08-03T20:00:00Z");
    expect(isAwayOn(sundayEvening, august, "Pacific/Auckland")).toBe(true);
    expect(isAwayOn(sundayEvening, august, "Europe/Berlin")).toBe(false);
  });

  it("reads an unknown zone as UTC", () => {
    expect(isAwayOn(DateTime.fromISO("2025-08-04T01:00:00Z"), august, "Mars/Olympus")).toBe(true);
  });
});

describe("mergeAway", () => {
  it("joins the shorthand with people.<login>.away, case-insensitively and without repeats", () => {
    const merged = mergeAway(
      { Eli: [{ from: "2025-09-01", to: "2025-09-02" }], dana: august },
      {
        eli: { timezone: "Europe/Berlin", away: august },
        dana: { away: august },
        fay: { away: [] },
      },
    );
    expect(merged.get("eli")).toEqual([...august, { from: "2025-09-01", to: "2025-09-02" }]);
    expect(merged.get("dana")).toEqual(august);
    expect(merged.get("fay")).toEqual([]);
  });
});

describe("awayOn", () => {
  it("uses each person's zone, else the team's", () => {
    const away = mergeAway(
      { dana: august, eli: august },
      { eli: { timezone: "Asia/Tokyo", away: [] } },
    );
    const at = DateTime.fromISO("2025-08-08T23:30:00Z");
    expect(
      awayOn(
        at,
        ["Dana", "eli", "fay"],
        away,
        { eli: { timezone: "Asia/Tokyo", away: [] } },
        "UTC",
      ),
    ).toEqual(new Set(["dana"]));
  });
});
