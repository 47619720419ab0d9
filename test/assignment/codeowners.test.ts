import { compilePattern, ownersOf, parseCodeowners } from "../../src/assignment/codeowners.js";

describe("compilePattern", () => {
  it.each([
    // [pattern, path, matches]
    ["*", "README.md", true],
    ["*", "src/deep/file.ts", true],
    ["*", ".github/CODEOWNERS", true],
    ["build/", "build/.env", true],
    ["*.js", "index.js", true],
    ["*.js", "src/lib/index.js", true],
    ["*.js", "index.ts", false],
    ["/build/", "build/out.txt", true],
    ["/build/", "src/build/out.txt", false],
    ["build/", "src/build/out.txt", true],
    ["build/", "build", false],
    ["docs", "docs", true],
    ["docs", "a/docs/guide.md", true],
    ["docs/*", "docs/getting-started.md", true],
    ["docs/*", "docs/build-app/troubleshooting.md", false],
    ["docs/*", "src/docs/x.md", false],
    ["/apps/web", "apps/web/index.ts", true],
    ["apps/web", "other/apps/web/index.ts", false],
    ["**/logs", "deep/down/logs/x.log", true],
    ["**/logs", "logs/x.log", true],
    ["src/**/test", "src/a/b/test/x.ts", true],
    ["/scripts/*.sh", "scripts/sub/run.sh", false],
    [".github/", ".github/workflows/ci.yml", true],
    ["{a,b}.md", "{a,b}.md", true],
    ["{a,b}.md", "a.md", false],
    ["Docs/", "docs/x.md", false],
  ])("%s on %s → %s", (pattern, path, expected) => {
    expect(compilePattern(pattern)(path)).toBe(expected);
  });
});

describe("parseCodeowners", () => {
  it("skips comments, blank lines and negations, and lowercases owners", () => {
    const rules = parseCodeowners(
      [
        "# global",
        "",
        "*   @Acme/Everyone  # trailing note",
        "!secret.txt @dana",
        "/api/ @Dana dana@example.com",
      ].join("\n"),
    );
    expect(rules.map((r) => [r.pattern, r.owners])).toEqual([
      ["*", ["@acme/everyone"]],
      ["/api/", ["@dana", "dana@example.com"]],
    ]);
  });
});

describe("ownersOf", () => {
  const rules = parseCodeowners(
    [
      "*            @acme/everyone",
      "*.ts         @eli",
      "/src/billing/ @dana @acme/payments",
      "/src/billing/generated/",
    ].join("\n"),
  );

  it("takes the last matching rule per file", () => {
    expect(ownersOf(rules, ["src/billing/invoice.ts"])).toEqual(
      new Set(["@dana", "@acme/payments"]),
    );
    expect(ownersOf(rules, ["src/app.ts"])).toEqual(new Set(["@eli"]));
    expect(ownersOf(rules, ["README.md"])).toEqual(new Set(["@acme/everyone"]));
  });

  it("unions owners across files; a rule without owners un-owns its paths", () => {
    expect(ownersOf(rules, ["src/app.ts", "README.md", "src/billing/generated/x.ts"])).toEqual(
      new Set(["@eli", "@acme/everyone"]),
    );
  });

  it("returns nobody for an empty CODEOWNERS", () => {
    expect(ownersOf(parseCodeowners(""), ["a.ts"]).size).toBe(0);
  });
});
