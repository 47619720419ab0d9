import fc from "fast-check";
import { configSchema, defaultConfig } from "../../src/config/schema.js";

function parse(input: Record<string, unknown>) {
  return configSchema.parse(input);
}

describe("defaultConfig", () => {
  it("has the documented defaults", () => {
    const config = defaultConfig();
    expect(config).toMatchObject({
      timezone: "UTC",
      working_days: [1, 2, 3, 4, 5],
      working_hours: { start: 9 * 60, end: 18 * 60 },
      holidays: [],
      clock: "workdays",
      pause_labels: ["on-hold"],
      skip_labels: ["skip-review-sla"],
      skip_authors: ["*[bot]"],
      escalation: { to: [] },
      quiet_hours: { mode: "working-hours" },
      people: {},
    });
    expect(config.sla.first_review.as("hours")).toBe(24);
    expect(config.sla.resolution.as("hours")).toBe(48);
    expect(config.sla.overrides).toEqual([]);
  });

  it("fills a section's missing keys with their defaults", () => {
    const config = parse({ sla: { resolution: "3d" } });
    expect(config.sla.first_review.as("hours")).toBe(24);
    expect(config.sla.resolution.as("days")).toBe(3);
  });
});

describe("working_days", () => {
  it("accepts short and full names in any case, as sorted unique weekday numbers", () => {
    expect(parse({ working_days: ["FRIDAY", "mon", "Tue", "monday", "sun"] }).working_days).toEqual(
      [1, 2, 5, 7],
    );
  });

  it("normalizes any non-empty choice of days to sorted unique numbers 1..7", () => {
    const names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    const long = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    const day = fc.tuple(fc.integer({ min: 0, max: 6 }), fc.boolean(), fc.boolean());
    fc.assert(
      fc.property(fc.array(day, { minLength: 1, maxLength: 10 }), (picks) => {
        const input = picks.map(([i, full, upper]) => {
          const name = (full ? long[i] : names[i]) ?? "";
          return upper ? name.toUpperCase() : name;
        });
        const expected = [...new Set(picks.map(([i]) => i + 1))].sort((a, b) => a - b);
        expect(parse({ working_days: input }).working_days).toEqual(expected);
      }),
    );
  });
});

describe("times and dates", () => {
  it("reads working hours as minutes after midnight, up to 24:00", () => {
    expect(parse({ working_hours: "8:30 - 17:00" }).working_hours).toEqual({
      start: 510,
      end: 1020,
    });
    expect(parse({ working_hours: "00:00-24:00" }).working_hours).toEqual({ start: 0, end: 1440 });
  });

  it("keeps holidays as sorted unique YYYY-MM-DD, also from YAML 1.1 date objects", () => {
    const holidays = ["2025-12-26", new Date("2025-12-25T00:00:00Z"), "2025-12-26"];
    expect(parse({ holidays }).holidays).toEqual(["2025-12-25", "2025-12-26"]);
  });
});

describe("quiet_hours", () => {
  it("maps true, false and a window to their modes", () => {
    expect(parse({ quiet_hours: true }).quiet_hours).toEqual({ mode: "working-hours" });
    expect(parse({ quiet_hours: false }).quiet_hours).toEqual({ mode: "off" });
    expect(parse({ quiet_hours: { from: "20:00", to: "08:00" } }).quiet_hours).toEqual({
      mode: "window",
      from: 1200,
      to: 480,
    });
  });
});

describe("sla.overrides", () => {
  it("merges a single label into labels and keeps the durations it sets", () => {
    const config = parse({
      sla: {
        overrides: [
          { label: "hotfix", labels: ["urgent"], first_review: "2h" },
          { min_changed_lines: 0, max_changed_lines: 20, resolution: "1d" },
        ],
      },
    });
    const [hotfix, small] = config.sla.overrides;
    expect(hotfix?.labels).toEqual(["urgent", "hotfix"]);
    expect(hotfix?.first_review?.as("hours")).toBe(2);
    expect(hotfix?.resolution).toBeUndefined();
    expect(small).toMatchObject({ min_changed_lines: 0, max_changed_lines: 20 });
    expect(small?.labels).toBeUndefined();
  });
});

describe("logins and patterns", () => {
  it("strips @ and lower-cases escalation targets, users and teams alike", () => {
    const config = parse({ escalation: { to: ["@Dana", "acme/Platform_Leads.v2", "dana"] } });
    expect(config.escalation.to).toEqual(["dana", "acme/platform_leads.v2"]);
  });

  it("lower-cases skip_authors patterns", () => {
    expect(parse({ skip_authors: ["Renovate-*", "*[bot]"] }).skip_authors).toEqual([
      "renovate-*",
      "*[bot]",
    ]);
  });

  it("keys people by lower-case login and keeps their own settings", () => {
    const config = parse({
      people: { "Sam-Lee": { timezone: "America/New_York", working_days: ["mon"] } },
    });
    expect(config.people).toEqual({
      "sam-lee": { timezone: "America/New_York", working_days: [1], away: [] },
    });
  });

  it("ignores _extends, which was resolved while loading", () => {
    expect(() => parse({ _extends: "acme/.github" })).not.toThrow();
  });
});
