import { DEFAULT_SECTIONS } from "../../src/config/checklist-defaults.js";
import { deriveItemId, resolveSections, selectSections } from "../../src/checklist/sections.js";
import { checklistConfig, itemIds } from "./builders.js";

const defaults = checklistConfig();

function selectedIds(files: string[], aiAssisted = false, config = defaults): string[] {
  return selectSections(files, config, aiAssisted).map((s) => s.id);
}

describe("built-in sections", () => {
  it("have unique section and item ids that fit in a hidden marker", () => {
    const sectionIds = DEFAULT_SECTIONS.map((s) => s.id);
    const ids = itemIds(DEFAULT_SECTIONS);
    expect(new Set(sectionIds).size).toBe(sectionIds.length);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of [...sectionIds, ...ids]) expect(id).toMatch(/^[a-z0-9][a-z0-9.-]*$/);
  });

  it("ask yes/no questions", () => {
    for (const item of DEFAULT_SECTIONS.flatMap((s) => s.items)) expect(item.text).toMatch(/\?$/);
  });
});

describe("selectSections", () => {
  it("gives a docs-only pull request only the always-on section", () => {
    expect(selectedIds(["README.md", "docs/guide/setup.md", "docs/pages/intro.md"])).toEqual([
      "general",
    ]);
  });

  it("brings UI sections for a component file", () => {
    expect(selectedIds(["web/src/components/Button.tsx"])).toEqual([
      "general",
      "ui-states",
      "accessibility",
      "mobile",
      "i18n",
      "tests",
    ]);
  });

  it("brings data-safety for a migration", () => {
    expect(selectedIds(["db/migrations/20240101_add_index.sql"])).toEqual(
      expect.arrayContaining(["data-safety"]),
    );
    expect(selectedIds(["db/migrate/20240101_add_users.rb"])).toContain("data-safety");
  });

  it("brings security for auth and crypto paths", () => {
    expect(selectedIds(["src/auth/session.ts"])).toContain("security");
    expect(selectedIds(["lib/crypto/aes.go"])).toContain("security");
    expect(selectedIds(["app/services/PasswordReset.rb"])).toContain("security");
    expect(selectedIds(["src/format/date.ts"])).not.toContain("security");
  });

  it("matches dot-directories and ignores case", () => {
    expect(selectedIds([".github/workflows/ci.yml"])).toContain("infrastructure");
    expect(selectedIds(["SRC/AUTH/LOGIN.TS"])).toContain("security");
  });

  it("brings dependencies for manifests and lockfiles at any depth", () => {
    expect(selectedIds(["package.json"])).toContain("dependencies");
    expect(selectedIds(["services/api/go.mod"])).toContain("dependencies");
  });

  it("adds the AI-only section first, only for AI-assisted pull requests", () => {
    expect(selectedIds(["README.md"], true)).toEqual(["ai-review", "general"]);
    expect(selectedIds(["README.md"], false)).not.toContain("ai-review");
  });

  it("keeps the built-in order whatever the order of the files", () => {
    const files = ["src/auth/a.ts", "web/App.vue", "db/migrations/1.sql", "package.json"];
    expect(selectedIds(files)).toEqual(selectedIds([...files].reverse()));
  });

  it("matches 5,000 files against every section quickly", () => {
    const files = Array.from({ length: 5_000 }, (_, i) => `docs/part-${i}/page-${i}.md`);
    const started = performance.now();
    for (let round = 0; round < 5; round += 1) selectSections(files, defaults, true);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe("custom sections", () => {
  const billing = {
    id: "billing",
    title: "Billing",
    paths: ["src/billing/**"],
    items: [
      { id: "cents", text: "Are amounts in integer cents?" },
      { text: "Is tax rounding done once?" },
    ],
  };

  it("are added after the built-ins in merge mode, only when their paths match", () => {
    const config = checklistConfig({ sections: [billing] });
    expect(selectedIds(["src/billing/invoice.py"], false, config).at(-1)).toBe("billing");
    expect(selectedIds(["README.md"], false, config)).toEqual(["general"]);
  });

  it("replace a built-in section with the same id, in its place", () => {
    const config = checklistConfig({
      sections: [
        { id: "general", title: "Ours", items: [{ id: "ticket", text: "Linked ticket?" }] },
      ],
    });
    const [general] = selectSections(["README.md"], config, false);
    expect(general).toMatchObject({ id: "general", title: "Ours", items: [{ id: "ticket" }] });
  });

  it("are the only sections in replace mode", () => {
    const config = checklistConfig({ sections_mode: "replace", sections: [billing] });
    expect(resolveSections(config).map((s) => s.id)).toEqual(["billing"]);
  });

  it("are always on without paths, and AI-only when marked so", () => {
    const config = checklistConfig({
      sections_mode: "replace",
      sections: [
        { id: "always", title: "A", items: [{ text: "a?" }] },
        { id: "agents", title: "B", ai_only: true, items: [{ text: "b?" }] },
      ],
    });
    expect(selectedIds(["x.txt"], false, config)).toEqual(["always"]);
    expect(selectedIds(["x.txt"], true, config)).toEqual(["always", "agents"]);
  });

  it("get item ids derived from their text when none is given", () => {
    const [section] = resolveSections(
      checklistConfig({ sections_mode: "replace", sections: [billing] }),
    );
    expect(section?.items.map((i) => i.id)).toEqual(["cents", "billing.is-tax-rounding-done-once"]);
  });

  it("drop later items whose id is already used by an earlier section", () => {
    const config = checklistConfig({
      sections: [
        {
          id: "extra",
          title: "Extra",
          items: [
            { id: "general.description", text: "dup" },
            { id: "own", text: "x" },
          ],
        },
      ],
    });
    const extra = resolveSections(config).find((s) => s.id === "extra");
    expect(extra?.items.map((i) => i.id)).toEqual(["own"]);
  });
});

describe("deriveItemId", () => {
  it("slugs the text and falls back to a hash for text without ASCII letters", () => {
    expect(deriveItemId("s", "  Is it SAFE?! ")).toBe("s.is-it-safe");
    expect(deriveItemId("s", "安全ですか？")).toMatch(/^s\.[0-9a-f]{8}$/);
    expect(deriveItemId("s", "x".repeat(100))).toBe(`s.${"x".repeat(40)}`);
  });
});
