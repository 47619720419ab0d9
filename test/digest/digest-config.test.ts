import { z } from "zod";
import { digestConfigSchema, parseSlackChannel } from "../../src/config/digest.js";

const parse = (input: unknown) => digestConfigSchema.safeParse(input);
const messages = (input: unknown) => parse(input).error?.issues.map((i) => i.message) ?? [];

describe("digestConfigSchema", () => {
  it("defaults to a Monday 09:00 digest of the whole installation", () => {
    expect(digestConfigSchema.parse({})).toEqual({
      enabled: true,
      schedule: { day: "monday", time: "09:00" },
      scope: "installation",
      top_n: 5,
      breaches_limit: 10,
    });
  });

  it("fills the schedule's missing half from its default", () => {
    expect(digestConfigSchema.parse({ schedule: { day: "friday" } }).schedule).toEqual({
      day: "friday",
      time: "09:00",
    });
  });

  it("accepts a named scope of repositories and teams", () => {
    const scope = { name: "Payments", repos: ["acme/billing", "ledger"], teams: ["acme/payments"] };
    expect(digestConfigSchema.parse({ scope }).scope).toEqual(scope);
  });

  it("rejects a named scope with neither repos nor teams, and repos with wildcards", () => {
    expect(messages({ scope: { name: "Empty" } })).toEqual([
      'a named scope needs "repos" or "teams"; use "installation" for everything',
    ]);
    expect(messages({ scope: { name: "Glob", repos: ["acme/*"] } })).toEqual([
      'expected "owner/repo" or a repository name, without wildcards',
    ]);
  });

  it("rejects times, days and limits out of range with readable messages", () => {
    expect(messages({ schedule: { time: "24:00" } })).toEqual([
      'expected a 24-hour time like "09:00"',
    ]);
    expect(messages({ schedule: { day: "funday" } })[0]).toMatch(/^expected a day of the week/);
    expect(parse({ top_n: 0 }).success).toBe(false);
    expect(parse({ top_n: 51 }).success).toBe(false);
    expect(parse({ breaches_limit: 2.5 }).success).toBe(false);
  });

  it("accepts a channel as #name, name or ID and rejects anything else", () => {
    for (const channel of ["#review-health", "review_health", "C0123ABCD"]) {
      expect(parse({ slack_channel: channel }).success).toBe(true);
    }
    expect(messages({ slack_channel: "#Not A Channel" })[0]).toMatch(/^expected a Slack channel/);
  });

  it("describes every key, for the generated configuration reference", () => {
    const schema = z.toJSONSchema(digestConfigSchema, { io: "input" }) as {
      properties: Record<string, { description?: string }>;
    };
    for (const [key, property] of Object.entries(schema.properties)) {
      expect([key, property.description]).toEqual([key, expect.any(String)]);
    }
  });
});

describe("parseSlackChannel", () => {
  it("tells channel IDs from names and drops the leading #", () => {
    expect(parseSlackChannel("C0123ABCD")).toEqual({ kind: "id", id: "C0123ABCD" });
    expect(parseSlackChannel(" #eng-reviews ")).toEqual({ kind: "name", name: "eng-reviews" });
    expect(parseSlackChannel("eng reviews")).toBeNull();
  });
});
