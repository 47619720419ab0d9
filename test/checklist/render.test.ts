import { readMarker } from "../../src/comments/markers.js";
import {
  MAX_BODY_CHARS,
  renderChecklist,
  type ChecklistRenderInput,
} from "../../src/checklist/render.js";
import { parseItems, parseTicked } from "../../src/checklist/parse.js";
import { itemIds, section } from "./builders.js";

function input(overrides: Partial<ChecklistRenderInput> = {}): ChecklistRenderInput {
  return {
    prNumber: 42,
    sections: [section("security", 2), section("tests", 1)],
    aiEvidence: [],
    ticked: new Set(),
    required: new Set(),
    fileCount: 3,
    ...overrides,
  };
}

describe("renderChecklist", () => {
  it("starts with the checklist marker for the pull request", () => {
    const body = renderChecklist(input());
    expect(body.startsWith("<!-- review-sla:checklist pr=42 -->\n")).toBe(true);
    expect(readMarker(body)).toEqual({ kind: "checklist", fields: { pr: "42" } });
  });

  it("writes one task-list line per item with its id, ticked where ticked", () => {
    const body = renderChecklist(input({ ticked: new Set(["security.item-2"]) }));
    expect(body).toContain(
      "### Section security\n- [ ] Is security item 1 checked? <!-- item:security.item-1 -->",
    );
    expect(body).toContain("- [x] Is security item 2 checked? <!-- item:security.item-2 -->");
    expect(body).toContain("- [ ] Is tests item 1 checked? <!-- item:tests.item-1 -->");
  });

  it("flags required items visibly and only those", () => {
    const body = renderChecklist(input({ required: new Set(["tests.item-1"]) }));
    expect(body).toContain("- [ ] **required** · Is tests item 1 checked?");
    expect(body).toContain("- [ ] Is security item 1 checked?");
  });

  it("says a PR looks AI-assisted and lists the evidence only when there is some", () => {
    const body = renderChecklist(input({ aiEvidence: ['label "ai-assisted"', "author Copilot"] }));
    expect(body).toContain("**This pull request looks AI-assisted**");
    expect(body).toContain('- label "ai\\-assisted"\n- author Copilot');
    expect(renderChecklist(input())).not.toContain("AI-assisted**");
  });

  it("shows at most ten pieces of evidence", () => {
    const evidence = Array.from({ length: 25 }, (_, i) => `label "l${i}"`);
    const body = renderChecklist(input({ aiEvidence: evidence }));
    expect(body).toContain('label "l9"');
    expect(body).not.toContain('label "l10"');
    expect(body).toContain("- and 15 more");
  });

  it("says so when no item applies", () => {
    expect(renderChecklist(input({ sections: [] }))).toContain("_No checklist items apply");
  });

  it("suggests splitting only large pull requests", () => {
    expect(renderChecklist(input({ fileCount: 5_000 }))).toContain("It changes 5000 files");
    expect(renderChecklist(input({ fileCount: 40 }))).not.toContain("40 files");
  });

  it("refuses an item id that would break out of its hidden marker", () => {
    const bad = section("s", 1);
    bad.items[0] = { id: "x --> <b>", text: "t" };
    expect(() => renderChecklist(input({ sections: [bad] }))).toThrow(/not a plain id/);
  });
});

describe("renderChecklist with hostile text", () => {
  const hostile = [
    "@everyone please look",
    'label "x" <!-- item:security.item-1 --> <!--',
    "PR description: [click](javascript:alert(1)) ![img](https://evil.example/x.png)",
    "<img src=x onerror=alert(1)> #1 @org/team",
    "line one\n- [x] injected <!-- item:tests.item-1 -->",
  ];
  const sections = [
    section("security", 1),
    section("tests", 1, { title: "<script>@here</script>" }),
  ];
  sections[1]!.items[0]!.text = "Is it ok? <!-- item:security.item-1 --> [x](javascript:void(0))";
  const body = renderChecklist(input({ aiEvidence: hostile, sections }));

  it("neutralises mentions", () => {
    expect(body).not.toMatch(/@everyone|@here|@org/);
    expect(body).toContain("@\u200deveryone");
  });

  it("lets no HTML comment, tag or link through", () => {
    const withoutOwnMarkers = body.replace(
      /<!-- (review-sla:checklist pr=42|item:[a-z.0-9-]+) -->/g,
      "",
    );
    expect(withoutOwnMarkers).not.toMatch(/(?<!\\)[<>]/);
    expect(body).not.toContain("](javascript:");
    expect(body).not.toContain("](https:");
  });

  it("adds no items, ticks or lines beyond those rendered", () => {
    expect([...parseItems(body).keys()]).toEqual(["security.item-1", "tests.item-1"]);
    expect(parseTicked(body).size).toBe(0);
    expect(body.split("\n").filter((line) => line.startsWith("- ["))).toHaveLength(2);
  });
});

describe("renderChecklist size bound", () => {
  const manySections = Array.from({ length: 300 }, (_, i) =>
    section(`custom-${i}`, 20, { title: `${"Long title ".repeat(15)}${i}` }),
  );
  manySections.forEach((s) => s.items.forEach((item) => (item.text = `${"&@<".repeat(160)}?`)));
  const all = itemIds(manySections);
  const big = input({
    sections: manySections,
    fileCount: 5_000,
    ticked: new Set(all.filter((_, i) => i % 3 === 0)),
    required: new Set(all),
    aiEvidence: Array.from({ length: 50 }, () => `PR description: ${"@x&".repeat(200)}`),
  });
  const body = renderChecklist(big);

  it("stays under 65,000 characters with the marker first", () => {
    expect(body.length).toBeLessThanOrEqual(MAX_BODY_CHARS);
    expect(readMarker(body)?.fields).toEqual({ pr: "42" });
  });

  it("says how much it left out", () => {
    const shown = parseItems(body).size;
    expect(shown).toBeGreaterThan(0);
    expect(body).toMatch(
      new RegExp(
        `_${all.length - shown} more items \\(\\d+ whole sections among them\\) not shown`,
      ),
    );
  });

  it("keeps the ticks of the items it shows", () => {
    const shown = [...parseItems(body).keys()];
    expect([...parseTicked(body)]).toEqual(shown.filter((id) => big.ticked.has(id)));
  });

  it("stays bounded even when single items are enormous", () => {
    const huge = section("huge", 500);
    huge.items.forEach((item) => (item.text = "&".repeat(100_000)));
    expect(renderChecklist(input({ sections: [huge] })).length).toBeLessThanOrEqual(MAX_BODY_CHARS);
  });

  it("cuts long text by characters, not by UTF-16 code units", () => {
    const emoji = section("emoji", 1);
    emoji.items[0]!.text = "🤖".repeat(100_000);
    const line = renderChecklist(input({ sections: [emoji] }))
      .split("\n")
      .find((l) => l.startsWith("- ["));
    expect(line).toBe(`- [ ] ${"🤖".repeat(500)}… <!-- item:emoji.item-1 -->`);
  });
});
