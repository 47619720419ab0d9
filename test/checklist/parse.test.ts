import fc from "fast-check";
import { checkRunOutput, checklistProgress, parseTicked } from "../../src/checklist/parse.js";
import { renderChecklist } from "../../src/checklist/render.js";
import { itemIds, section } from "./builders.js";

const ITEM = (id: string) => `<!-- item:${id} -->`;

describe("parseTicked", () => {
  it("reads [x] and [X] as ticked and [ ] as not", () => {
    const body = [`- [x] a ${ITEM("a")}`, `- [X] b ${ITEM("b")}`, `- [ ] c ${ITEM("c")}`].join(
      "\n",
    );
    expect(parseTicked(body)).toEqual(new Set(["a", "b"]));
  });

  it("survives human edits: added text, reordering, other bullets, CRLF and removed lines", () => {
    const body = [
      "Reviewed by me, notes below.",
      `* [x] b, checked twice ${ITEM("b")} (see thread)`,
      `1. [x] a ${ITEM("a")}`,
      `  + [x] nested ${ITEM("nested")}`,
      `> - [x] quoted ${ITEM("quoted")}`,
      "- [x] a line without a marker",
      `random text ${ITEM("not-a-task")} [x]`,
    ].join("\r\n");
    expect(parseTicked(body)).toEqual(new Set(["b", "a", "nested", "quoted"]));
  });

  it("counts an item listed twice as ticked if either copy is", () => {
    expect(parseTicked(`- [x] a ${ITEM("a")}\n- [ ] a ${ITEM("a")}`)).toEqual(new Set(["a"]));
  });

  it("finds nothing in a body without items", () => {
    expect(parseTicked("")).toEqual(new Set());
    expect(parseTicked("- [x] plain task")).toEqual(new Set());
  });
});

describe("render → tick → parse", () => {
  const sections = [section("a", 4), section("b", 3), section("c", 5)];
  const ids = itemIds(sections);

  function render(ticked: ReadonlySet<string>): string {
    return renderChecklist({
      prNumber: 7,
      sections,
      aiEvidence: [],
      ticked,
      required: new Set(ids),
      fileCount: 2,
    });
  }

  it("keeps exactly the ticked subset, for any subset", () => {
    fc.assert(
      fc.property(fc.subarray(ids), (subset) => {
        expect(parseTicked(render(new Set(subset)))).toEqual(new Set(subset));
      }),
    );
  });

  it("reads a box a person ticked in the rendered comment", () => {
    fc.assert(
      fc.property(fc.constantFrom(...ids), (id) => {
        const ticked = render(new Set())
          .split("\n")
          .map((line) => (line.endsWith(ITEM(id)) ? line.replace("- [ ]", "- [x]") : line))
          .join("\n");
        expect(parseTicked(ticked)).toEqual(new Set([id]));
      }),
    );
  });
});

describe("checklistProgress", () => {
  const body = [
    `- [x] a ${ITEM("a")}`,
    `- [ ] b ${ITEM("b")}`,
    `- [ ] c ${ITEM("c")}`,
    `- [x] d ${ITEM("d")}`,
  ].join("\n");

  it("counts required items shown, ticked and missing in comment order", () => {
    expect(checklistProgress(body, new Set(["c", "a", "b"]))).toEqual({
      total: 3,
      done: 1,
      complete: false,
      missing: ["b", "c"],
    });
  });

  it("is complete when every required item is ticked, whatever the optional ones", () => {
    expect(checklistProgress(body, new Set(["a", "d"]))).toMatchObject({
      total: 2,
      done: 2,
      complete: true,
    });
  });

  it("ignores required items the comment does not show", () => {
    expect(checklistProgress(body, new Set(["a", "gone"]))).toMatchObject({
      total: 1,
      complete: true,
    });
  });
});

describe("checkRunOutput", () => {
  it("stays in progress and lists what is missing while required items remain", () => {
    const output = checkRunOutput({ total: 3, done: 1, complete: false, missing: ["b", "c"] });
    expect(output.conclusion).toBeNull();
    expect(output.title).toBe("1 of 3 required items ticked");
    expect(output.summary).toContain("- `b`\n- `c`");
  });

  it("succeeds when every required item is ticked", () => {
    expect(checkRunOutput({ total: 3, done: 3, complete: true, missing: [] })).toMatchObject({
      title: "All 3 required items ticked",
      conclusion: "success",
    });
  });

  it("succeeds when nothing is required", () => {
    expect(checkRunOutput({ total: 0, done: 0, complete: true, missing: [] })).toMatchObject({
      title: "No required checklist items",
      conclusion: "success",
    });
  });

  it("lists at most 50 missing items", () => {
    const missing = Array.from({ length: 120 }, (_, i) => `item-${i}`);
    const { summary } = checkRunOutput({ total: 120, done: 0, complete: false, missing });
    expect(summary).toContain("`item-49`");
    expect(summary).not.toContain("`item-50`");
    expect(summary).toContain("- and 70 more");
  });
});
