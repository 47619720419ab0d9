import { planChecklist, type ChecklistPlanInput } from "../../src/checklist/plan.js";
import { checklistProgress, parseItems, parseTicked } from "../../src/checklist/parse.js";
import { checklistConfig } from "./builders.js";

function plan(overrides: Partial<ChecklistPlanInput> = {}) {
  return planChecklist({
    draft: false,
    aiAssisted: false,
    config: checklistConfig(),
    files: ["src/app.ts"],
    existingBody: null,
    deletedByHuman: false,
    prNumber: 9,
    aiEvidence: [],
    ...overrides,
  });
}

function bodyOf(result: ReturnType<typeof plan>): string {
  if (result.action === "none") throw new Error(`expected a body, got none: ${result.reason}`);
  return result.body;
}

function tick(body: string, id: string): string {
  return body
    .split("\n")
    .map((line) => (line.endsWith(`<!-- item:${id} -->`) ? line.replace("- [ ]", "- [x]") : line))
    .join("\n");
}

describe("planChecklist", () => {
  it("creates the comment on a non-draft pull request by default", () => {
    const result = plan();
    expect(result.action).toBe("create");
    expect(bodyOf(result)).toContain("<!-- review-sla:checklist pr=9 -->");
  });

  it.each([
    ["disabled", { config: checklistConfig({ enabled: false }) }, /disabled/],
    ["when: never", { config: checklistConfig({ when: "never" }) }, /disabled/],
    ["a draft", { draft: true }, /draft/],
    [
      "ai-assisted mode on a PR that does not look AI-assisted",
      { config: checklistConfig({ when: "ai-assisted" }) },
      /only for AI-assisted/,
    ],
    ["deleted by a person", { deletedByHuman: true, existingBody: null }, /deleted/],
  ] as const)("does nothing when %s", (_, overrides, reason) => {
    const result = plan(overrides);
    expect(result).toEqual({ action: "none", reason: expect.stringMatching(reason) });
  });

  it("posts in ai-assisted mode when the PR looks AI-assisted, naming the evidence", () => {
    const result = plan({
      config: checklistConfig({ when: "ai-assisted" }),
      aiAssisted: true,
      aiEvidence: ["author Copilot"],
    });
    expect(bodyOf(result)).toContain("- author Copilot");
    expect(bodyOf(result)).toContain("<!-- item:ai-review.intent -->");
  });

  it("does nothing when no section applies and there is no comment yet", () => {
    const config = checklistConfig({
      sections_mode: "replace",
      sections: [
        { id: "billing", title: "Billing", paths: ["billing/**"], items: [{ text: "Cents?" }] },
      ],
    });
    expect(plan({ config }).action).toBe("none");
  });

  it("leaves an unchanged comment alone, even with CRLF line endings and ticks", () => {
    const body = tick(bodyOf(plan()), "general.description");
    const result = plan({ existingBody: body.replace(/\n/g, "\r\n") });
    expect(result).toEqual({ action: "none", reason: "checklist comment is up to date" });
  });

  it("updates in place when new files bring sections, keeping ticks of items still present", () => {
    const first = tick(tick(bodyOf(plan()), "general.description"), "tests.covers-change");
    const result = plan({ files: ["src/app.ts", "src/auth/login.ts"], existingBody: first });
    expect(result.action).toBe("update");
    const body = bodyOf(result);
    expect(parseTicked(body)).toEqual(new Set(["general.description", "tests.covers-change"]));
    expect(parseItems(body).has("security.authz")).toBe(true);
  });

  it("drops ticks of items no longer posted", () => {
    const first = tick(bodyOf(plan({ files: ["src/auth/login.ts"] })), "security.authz");
    const body = bodyOf(plan({ files: ["README.md"], existingBody: first }));
    expect(parseTicked(body)).toEqual(new Set());
  });

  it("marks only narrowed items required, plus AI-only ones on AI-assisted PRs", () => {
    const config = checklistConfig({ required: ["tests"] });
    const body = bodyOf(plan({ config, aiAssisted: true, aiEvidence: ['label "ai-assisted"'] }));
    const required = body.split("\n").filter((line) => line.startsWith("- [ ] **required**"));
    const ids = required.map((line) => /item:([^ ]+) -->/.exec(line)?.[1]);
    expect(ids.every((id) => id?.startsWith("tests.") || id?.startsWith("ai-review."))).toBe(true);
    expect(ids).toContain("tests.covers-change");
    expect(ids).toContain("ai-review.intent");
  });

  it("keeps a 5,000-file PR with many custom sections under the size limit", () => {
    const sections = Array.from({ length: 200 }, (_, i) => ({
      id: `team-${i}`,
      title: `Team ${i} rules`,
      paths: [`packages/p${i}/**`],
      items: Array.from({ length: 15 }, (_, j) => ({
        text: `Does package ${i} follow rule ${j}, including ${"the long explanation ".repeat(5)}?`,
      })),
    }));
    const files = Array.from({ length: 5_000 }, (_, i) => `packages/p${i % 250}/src/file-${i}.tsx`);
    const body = bodyOf(
      plan({
        config: checklistConfig({ sections }),
        files,
        aiAssisted: true,
        aiEvidence: ["author Copilot"],
      }),
    );
    expect(body.length).toBeLessThanOrEqual(65_000);
    expect(body.startsWith("<!-- review-sla:checklist pr=9 -->")).toBe(true);
    expect(body).toMatch(/more items .* not shown/);
  });

  it("reports progress on the required items of the body it wrote", () => {
    const body = tick(
      bodyOf(plan({ config: checklistConfig({ required: ["general"] }) })),
      "general.description",
    );
    expect(checklistProgress(body, new Set(["general.description"]))).toMatchObject({
      complete: true,
    });
  });
});
