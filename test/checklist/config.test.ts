import { checklistConfigSchema, compileBodyPattern } from "../../src/config/checklist.js";
import { isTextPattern } from "../../src/config/patterns.js";
import { checklistConfig } from "./builders.js";

function messages(input: unknown): string[] {
  const result = checklistConfigSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
}

describe("checklistConfigSchema", () => {
  it("posts on every non-draft PR with merged sections and all items required by default", () => {
    const config = checklistConfigSchema.parse(undefined);
    expect(config).toMatchObject({
      enabled: true,
      when: "always",
      sections: [],
      sections_mode: "merge",
      required: [],
    });
    expect(config.ai_markers.labels).toEqual(["ai-assisted", "ai-generated"]);
    expect(config.ai_markers.co_authors).toEqual(expect.arrayContaining(["Claude", "Copilot"]));
    expect(config.ai_markers.bot_authors).toContain("copilot-swe-agent[bot]");
  });

  it("fills defaults inside a partly written ai_markers section", () => {
    const config = checklistConfig({ ai_markers: { labels: ["llm"] } });
    expect(config.ai_markers.labels).toEqual(["llm"]);
    expect(config.ai_markers.co_authors).toContain("Devin");
  });

  it("does not share default arrays between parses", () => {
    const first = checklistConfig();
    first.ai_markers.labels.push("mutated");
    expect(checklistConfig().ai_markers.labels).toEqual(["ai-assisted", "ai-generated"]);
  });

  it("accepts custom sections with optional paths, ids and ai_only", () => {
    const config = checklistConfig({
      sections: [
        {
          id: "billing",
          title: "Billing",
          paths: ["src/billing/**"],
          items: [{ text: "Are amounts in cents?" }],
        },
      ],
    });
    expect(config.sections[0]).toMatchObject({ id: "billing", ai_only: false });
  });

  it("explains an invalid regular expression in body_patterns", () => {
    const found = messages({ ai_markers: { body_patterns: ["/(unclosed/"] } });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/body pattern "\/\(unclosed\/": not a valid regular expression/);
    expect(found[0]).toMatch(/plain phrase/);
  });

  it("rejects stateful regex flags", () => {
    expect(messages({ ai_markers: { body_patterns: ["/x/g"] } })[0]).toMatch(/flags "g"/);
  });

  it("rejects ids that could not sit inside a hidden marker", () => {
    const found = messages({
      required: ["has space"],
      sections: [{ id: "a-->b", title: "T", items: [{ text: "x" }] }],
    });
    expect(found).toHaveLength(2);
    expect(found.every((m) => m.includes("ids may contain only"))).toBe(true);
  });

  it("reports duplicate custom section and item ids", () => {
    const items = [
      { id: "same", text: "a" },
      { id: "same", text: "b" },
    ];
    const found = messages({
      sections: [
        { id: "dup", title: "A", items },
        { id: "dup", title: "B", items: [{ text: "c" }] },
      ],
    });
    expect(found).toEqual([
      expect.stringContaining('item id "same" is used twice'),
      expect.stringContaining('section id "dup" is used twice'),
    ]);
  });

  it("rejects an unknown `when` value", () => {
    expect(messages({ when: "sometimes" })).toHaveLength(1);
  });
});

describe("compileBodyPattern", () => {
  it("treats /source/flags as a regular expression", () => {
    const pattern = compileBodyPattern("/^made by \\w+$/i");
    expect(isTextPattern(pattern) && pattern.test("Made by robots")).toBe(true);
  });

  it("treats other text as a literal, case-insensitive phrase", () => {
    const pattern = compileBodyPattern("Generated with [Claude Code]");
    if (!isTextPattern(pattern)) throw new Error(pattern.error);
    expect(pattern.test("generated with [claude code](https://x)")).toBe(true);
    expect(pattern.test("Generated with C")).toBe(false);
  });
});
