import { requiredItems } from "../../src/checklist/required.js";
import { itemIds, section } from "./builders.js";

const sections = [section("ai", 2, { aiOnly: true }), section("security", 2), section("ui", 2)];

describe("requiredItems", () => {
  it("requires every posted item by default", () => {
    expect(requiredItems(sections, { required: [] }, true)).toEqual(new Set(itemIds(sections)));
  });

  it("narrows to listed item ids and the items of listed section ids", () => {
    const required = requiredItems(
      sections.slice(1),
      { required: ["security", "ui.item-2"] },
      false,
    );
    expect(required).toEqual(new Set(["security.item-1", "security.item-2", "ui.item-2"]));
  });

  it("always requires AI-only items on AI-assisted pull requests", () => {
    const required = requiredItems(sections, { required: ["ui.item-1"] }, true);
    expect(required).toEqual(new Set(["ai.item-1", "ai.item-2", "ui.item-1"]));
  });

  it("ignores listed ids that are not posted", () => {
    expect(requiredItems(sections.slice(1), { required: ["data-safety", "nope"] }, false)).toEqual(
      new Set(),
    );
  });
});
