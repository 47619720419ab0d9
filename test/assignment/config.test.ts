import { assignmentConfigSchema, parsePoolEntry } from "../../src/config/assignment.js";

describe("assignmentConfigSchema", () => {
  it("fills every key with its default", () => {
    const config = assignmentConfigSchema.parse({});
    expect(config).toMatchObject({
      enabled: false,
      pool: [],
      reviewers: 1,
      weight_by_size: true,
      recent_weight: 1,
      away: {},
      prefer_codeowners: false,
      codeowners_bonus: 1,
      exclude: [],
      only_working_hours: false,
    });
    expect(config.max_open_reviews).toBeUndefined();
    expect(config.recent_window.as("days")).toBe(5);
  });

  it("normalises pool entries: optional @, lowercase, users and org/team", () => {
    const config = assignmentConfigSchema.parse({
      pool: ["@Dana", "eli", "Acme/Senior-Reviewers", "@acme/core_team"],
    });
    expect(config.pool).toEqual(["dana", "eli", "acme/senior-reviewers", "acme/core_team"]);
  });

  it.each(["dana smith", "<img>", "acme/", "a/b/c", "-dana", "@", "x".repeat(40)])(
    "rejects the pool entry %j",
    (entry) => {
      expect(assignmentConfigSchema.safeParse({ pool: [entry] }).success).toBe(false);
    },
  );

  it("rejects out-of-range numbers and unknown keys", () => {
    expect(assignmentConfigSchema.safeParse({ reviewers: 0 }).success).toBe(false);
    expect(assignmentConfigSchema.safeParse({ reviewers: 11 }).success).toBe(false);
    expect(assignmentConfigSchema.safeParse({ reviewers: 1.5 }).success).toBe(false);
    expect(assignmentConfigSchema.safeParse({ max_open_reviews: 0 }).success).toBe(false);
    expect(assignmentConfigSchema.safeParse({ max_open_review: 3 }).success).toBe(false);
  });

  it("reads recent_window as a duration", () => {
    const config = assignmentConfigSchema.parse({ recent_window: "36h" });
    expect(config.recent_window.as("hours")).toBe(36);
    expect(assignmentConfigSchema.safeParse({ recent_window: "soon" }).success).toBe(false);
  });

  it("validates away ranges and lowercases their logins", () => {
    const config = assignmentConfigSchema.parse({
      away: { "@Eli": [{ from: "2025-08-04", to: "2025-08-15" }] },
    });
    expect(config.away).toEqual({ eli: [{ from: "2025-08-04", to: "2025-08-15" }] });
    const backwards = { eli: [{ from: "2025-08-15", to: "2025-08-04" }] };
    expect(assignmentConfigSchema.safeParse({ away: backwards }).success).toBe(false);
    const notADate = { eli: [{ from: "2025-02-30", to: "2025-03-01" }] };
    expect(assignmentConfigSchema.safeParse({ away: notADate }).success).toBe(false);
    const badLogin = { "not a login": [{ from: "2025-08-04", to: "2025-08-04" }] };
    expect(assignmentConfigSchema.safeParse({ away: badLogin }).success).toBe(false);
  });

  it("describes every key", () => {
    for (const [key, field] of Object.entries(assignmentConfigSchema.shape))
      expect([key, field.description]).toEqual([key, expect.any(String)]);
  });
});

describe("parsePoolEntry", () => {
  it("tells users from teams", () => {
    expect(parsePoolEntry("@dana")).toEqual({ type: "user", login: "dana" });
    expect(parsePoolEntry("acme/reviewers")).toEqual({
      type: "team",
      org: "acme",
      slug: "reviewers",
    });
    expect(parsePoolEntry("acme/re viewers")).toBeNull();
  });
});
