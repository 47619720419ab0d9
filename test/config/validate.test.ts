import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { defaultConfig } from "../../src/config/schema.js";
import { checkConfigText, validateConfig } from "../../src/config/validate.js";

function fixture(name: string): string {
  return readFileSync(new URL(`../fixtures/config/${name}`, import.meta.url), "utf8");
}

function errorsOf(raw: unknown): string[] {
  return validateConfig(raw).errors;
}

describe("validateConfig", () => {
  it("gives the defaults without errors for an absent or empty file", () => {
    for (const raw of [undefined, null, {}, parseYaml("")]) {
      const { config, errors } = validateConfig(raw);
      expect(errors).toEqual([]);
      expect(config).toEqual(defaultConfig());
    }
  });

  it("reads the full example", () => {
    const { config, errors } = validateConfig(parseYaml(fixture("full.yml")));
    expect(errors).toEqual([]);
    expect(config.working_days).toEqual([1, 2, 3, 4, 5]);
    expect(config.holidays).toEqual(["2025-12-24", "2025-12-25", "2026-01-01"]);
    expect(config.sla.overrides.map((o) => o.labels)).toEqual([
      ["hotfix"],
      ["docs", "chore"],
      undefined,
    ]);
    expect(config.escalation.to).toEqual(["acme/platform-leads", "dana"]);
    expect(config.quiet_hours).toEqual({ mode: "window", from: 1200, to: 480 });
    expect(Object.keys(config.people)).toEqual(["dana", "sam-lee"]);
  });

  it("ignores an invalid file as a whole: defaults apply and every error is reported", () => {
    const { config, errors } = validateConfig(parseYaml(fixture("invalid.yml")));
    expect(config).toEqual(defaultConfig());
    expect(errors).toEqual([
      'timezone: expected an IANA time zone like "Europe/Berlin" or "UTC", found "Berlin"',
      'sla.resolution: expected a positive duration like "24h", "2d" or "90m", found "tomorrow"',
      "unknown key `sla.frist_review`; did you mean `sla.first_review`?",
      'escalation.to[0]: expected a GitHub login like "dana" or a team like "acme/reviewers", found "@everyone <script>"',
      'quiet_hours.to: expected a time other than "from", found the same time',
    ]);
  });

  it("says what type was expected and what was found", () => {
    expect(errorsOf({ working_days: "mon", pause_labels: [3], quiet_hours: "yes" })).toEqual([
      'working_days: expected a list of weekdays like [mon, tue, wed], found "mon"',
      "pause_labels[0]: expected a label name, found 3",
      'quiet_hours: expected true, false or a window like {from: "20:00", to: "08:00"}, found "yes"',
    ]);
    expect(errorsOf("just text")).toEqual([
      'expected a mapping of settings (key: value), found "just text"',
    ]);
  });

  it("rejects bad durations, times, days and dates", () => {
    expect(
      errorsOf({
        sla: { first_review: "0h" },
        working_hours: "18:00-09:00",
        working_days: [],
        holidays: ["2025-02-30"],
        quiet_hours: { from: "25:00", to: "08:00" },
      }),
    ).toEqual([
      "working_days: expected at least one working day, found []",
      'working_hours: expected working hours like "09:00-18:00" (24-hour clock, start before end), found "18:00-09:00"',
      'holidays[0]: expected a date like "2025-12-25" (YYYY-MM-DD), found "2025-02-30"',
      'sla.first_review: expected a positive duration like "24h", "2d" or "90m", found "0h"',
      'quiet_hours.from: expected a time like "20:00" (24-hour clock), found "25:00"',
    ]);
  });

  it("names unknown keys, with a hint when a known key is close or elsewhere", () => {
    expect(
      errorsOf({
        working_hour: "09:00-17:00",
        first_review: "4h",
        colour: "red",
        people: { dana: { timezon: "UTC" } },
      }),
    ).toEqual([
      "unknown key `people.dana.timezon`; did you mean `people.dana.timezone`?",
      "unknown key `working_hour`; did you mean `working_hours`?",
      "unknown key `first_review`; did you mean `sla.first_review`?",
      "unknown key `colour`",
    ]);
  });

  it("rejects escalation targets and people that are not GitHub logins or teams", () => {
    expect(
      errorsOf({
        escalation: { to: ["-dana", "a--b", "x".repeat(40), "acme/team name"] },
        people: { "not a login": {} },
      }),
    ).toEqual([
      'escalation.to[0]: expected a GitHub login like "dana" or a team like "acme/reviewers", found "-dana"',
      'escalation.to[1]: expected a GitHub login like "dana" or a team like "acme/reviewers", found "a--b"',
      'escalation.to[2]: expected a GitHub login like "dana" or a team like "acme/reviewers", found "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…',
      'escalation.to[3]: expected a GitHub login like "dana" or a team like "acme/reviewers", found "acme/team name"',
      'people.not a login: expected a GitHub login like "dana", found "not a login"',
    ]);
  });

  it("checks overrides and people as a whole", () => {
    expect(
      errorsOf({
        sla: {
          overrides: [
            { first_review: "2h" },
            { label: "x" },
            { min_changed_lines: 9, max_changed_lines: 1, resolution: "1d" },
          ],
        },
        people: { Dana: {}, dana: {}, sam: { away: [{ from: "2025-08-10", to: "2025-08-01" }] } },
      }),
    ).toEqual([
      "sla.overrides[0]: expected a condition (labels, label, min_changed_lines or max_changed_lines), found none",
      "sla.overrides[1]: expected first_review or resolution (or both), found neither",
      "sla.overrides[2].max_changed_lines: expected at least min_changed_lines (9), found 1",
      'people.sam.away[0].to: expected a date on or after "from" (2025-08-10), found "2025-08-01"',
    ]);
    expect(errorsOf({ people: { Dana: {}, dana: {} } })).toEqual([
      'people.dana: expected each person once (logins ignore case), found "dana" twice',
    ]);
  });
});

describe("checkConfigText", () => {
  it("accepts a valid file", () => {
    expect(checkConfigText(fixture("full.yml"), "full.yml")).toEqual({ ok: true, messages: [] });
  });

  it("reports YAML syntax errors with line and column", () => {
    const result = checkConfigText(
      "sla:\n  first_review: 24h\n   resolution: [48h\n",
      "review-sla.yml",
    );
    expect(result.ok).toBe(false);
    expect(result.messages.length).toBeGreaterThan(0);
    expect(result.messages[0]).toMatch(/^review-sla\.yml:\d+:\d+: \S/);
  });

  it("reports content errors in file order at the line of the offending key", () => {
    expect(checkConfigText(fixture("invalid.yml"), "invalid.yml").messages).toEqual([
      'invalid.yml:2:1: timezone: expected an IANA time zone like "Europe/Berlin" or "UTC", found "Berlin"',
      "invalid.yml:4:3: unknown key `sla.frist_review`; did you mean `sla.first_review`?",
      'invalid.yml:5:3: sla.resolution: expected a positive duration like "24h", "2d" or "90m", found "tomorrow"',
      'invalid.yml:7:8: escalation.to[0]: expected a GitHub login like "dana" or a team like "acme/reviewers", found "@everyone <script>"',
      'invalid.yml:10:3: quiet_hours.to: expected a time other than "from", found the same time',
    ]);
  });

  it("treats an empty file as the defaults", () => {
    expect(checkConfigText("# nothing yet\n", "empty.yml")).toEqual({ ok: true, messages: [] });
  });
});
