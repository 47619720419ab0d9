// Semantic mistakes in a repository config: each valid alone, wrong together.
import { semanticProblems } from "../../src/config/semantics.js";
import { checkConfigText, validateConfig } from "../../src/config/validate.js";
import { configSchema } from "../../src/config/schema.js";

const parse = (raw: unknown) => configSchema.parse(raw);

describe("semanticProblems", () => {
  it("accepts the defaults", () => {
    expect(semanticProblems(parse({}))).toEqual([]);
  });

  it("names a checklist.required id that no section or item has", () => {
    const [problem, ...rest] = semanticProblems(
      parse({ checklist: { required: ["tests", "nope"] } }),
    );
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({
      path: ["checklist", "required", 1],
      found: expect.stringContaining('"nope"'),
    });
    expect(problem?.fix).toContain("tests");
  });

  it("rejects escalation.reassign while assignment is disabled", () => {
    const problems = semanticProblems(parse({ escalation: { reassign: true } }));
    expect(problems.map((p) => p.path)).toEqual([["escalation", "reassign"]]);
  });

  it("rejects a first_review SLA longer than the resolution SLA", () => {
    const problems = semanticProblems(parse({ sla: { first_review: "3d", resolution: "48h" } }));
    expect(problems).toEqual([expect.objectContaining({ path: ["sla", "first_review"] })]);
  });

  it("rejects an empty pool with assignment enabled", () => {
    const problems = semanticProblems(parse({ assignment: { enabled: true } }));
    expect(problems).toEqual([expect.objectContaining({ path: ["assignment", "pool"] })]);
  });
});

describe("the same rules where configs are checked and loaded", () => {
  it("config check reports path, expected, found and a fix with the line", () => {
    const text = "timezone: UTC\nassignment:\n  enabled: true\n  pool: []\n";
    const result = checkConfigText(text, "f.yml");
    expect(result.ok).toBe(false);
    expect(result.messages).toEqual([
      expect.stringMatching(
        /^f\.yml:4:3: assignment\.pool: expected .*, found an empty pool; fix: /,
      ),
    ]);
  });

  it("the app ignores a contradictory config and applies the defaults", () => {
    const { config, errors } = validateConfig({ escalation: { reassign: true } });
    expect(errors).toHaveLength(1);
    expect(config.escalation.reassign).toBe(false);
  });

  it("accepts digest.schedule.day written as in working_days", () => {
    expect(validateConfig({ digest: { schedule: { day: "mon" } } }).errors).toEqual([]);
    expect(parse({ digest: { schedule: { day: "Fri" } } }).digest.schedule.day).toBe("friday");
  });
});

describe("digest.scope messages", () => {
  it.each([["{repos: [a/b]}"], ["[a/b]"], ["3"]])(
    "say which forms are accepted for %s",
    (scope) => {
      const result = checkConfigText(`digest:\n  scope: ${scope}\n`, "f.yml");
      expect(result.messages).toEqual([
        expect.stringContaining(
          'digest.scope: expected "installation" or a named scope like {name:',
        ),
      ]);
    },
  );
});
