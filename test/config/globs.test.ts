// Path globs from a repository compile for RE2: the usual glob meanings, in linear time.
import { compileGlobs } from "../../src/config/globs.js";
import { matchesLogin } from "../../src/sla/exemptions.js";

describe("compileGlobs", () => {
  const matches = (glob: string, path: string) =>
    compileGlobs([glob], { nocase: true, braces: true })(path);

  it("keeps `*` within a segment and lets `**` cross segments", () => {
    expect(matches("src/*.ts", "src/a.ts")).toBe(true);
    expect(matches("src/*.ts", "src/x/a.ts")).toBe(false);
    expect(matches("src/**", "src/x/a.ts")).toBe(true);
    expect(matches("src/**", "src")).toBe(true);
    expect(matches("**/*.md", "README.md")).toBe(true);
    expect(matches("**/*.md", "docs/a/b.md")).toBe(true);
    expect(matches("a/**/b", "a/b")).toBe(true);
    expect(matches("a/**/b", "a/x/y/b")).toBe(true);
  });

  it("reads ?, classes, braces and dots as globs do, case-insensitively", () => {
    expect(matches("file?.ts", "FILE1.ts")).toBe(true);
    expect(matches("[ab].ts", "b.ts")).toBe(true);
    expect(matches("[!ab].ts", "c.ts")).toBe(true);
    expect(matches("*.{yml,yaml}", "ci.yaml")).toBe(true);
    expect(matches("*.ts", "a.tsx")).toBe(false);
    expect(matches("**/*", ".github/x.yml")).toBe(true);
    expect(matches("a+b(c).ts", "a+b(c).ts")).toBe(true);
  });

  it("matches `*a*a*…*b` against a long path at once (a backtracking engine takes minutes)", () => {
    const hostile = compileGlobs([`**/${"*a".repeat(12)}*b`], { nocase: true, braces: true });
    const started = performance.now();
    expect(hostile(`x/${"a".repeat(5_000)}`)).toBe(false);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe("matchesLogin", () => {
  it("matches `*` wildcards case-insensitively, other characters literally", () => {
    expect(matchesLogin("Dependabot[bot]", ["dependabot*"])).toBe(true);
    expect(matchesLogin("renovate", ["re*ate"])).toBe(true);
    expect(matchesLogin("dana", ["d.na"])).toBe(false);
    expect(matchesLogin("dana", ["*x"])).toBe(false);
  });

  it("answers a many-star pattern against a long login at once", () => {
    const started = performance.now();
    expect(matchesLogin("a".repeat(5_000), [`${"*a".repeat(30)}*b`])).toBe(false);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
