import { parseDuration, formatDuration } from "../../src/config/duration.js";

describe("parseDuration", () => {
  it("reads hours, days, minutes and combinations", () => {
    expect(parseDuration("24h")?.as("hours")).toBe(24);
    expect(parseDuration("2d")?.as("hours")).toBe(48);
    expect(parseDuration("90m")?.as("minutes")).toBe(90);
    expect(parseDuration("1d 4h")?.as("hours")).toBe(28);
    expect(parseDuration("1.5h")?.as("minutes")).toBe(90);
  });

  it("rejects text that is not a duration", () => {
    expect(parseDuration("tomorrow")).toBeNull();
    expect(parseDuration("24")).toBeNull();
    expect(parseDuration("")).toBeNull();
    expect(parseDuration("4h and more")).toBeNull();
  });

  it("formats back into the config form", () => {
    expect(formatDuration(parseDuration("1d 4h")!)).toBe("28h");
    expect(formatDuration(parseDuration("2d")!)).toBe("48h");
    expect(formatDuration(parseDuration("5d 4h")!)).toBe("5d 4h");
    expect(formatDuration(parseDuration("90m")!)).toBe("1h 30m");
  });
});
