// Regular expressions from a repository's config run in linear time (RE2), or are refused.
import { compileBodyPattern } from "../../src/config/checklist.js";
import { compileLinear, isTextPattern } from "../../src/config/patterns.js";
import { detectAiAssistance } from "../../src/checklist/detect.js";

describe("compileLinear", () => {
  it("answers `(a+)+$` against 34 a's and a '!' at once, where a backtracking engine stalls", () => {
    const pattern = compileLinear("(a+)+$", "");
    if (!isTextPattern(pattern)) throw new Error(pattern.error);
    const started = performance.now();
    expect(pattern.test(`${"a".repeat(34)}!`)).toBe(false);
    expect(pattern.test("a".repeat(100_000) + "!")).toBe(false);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it("keeps JavaScript's i, m, s and u flags", () => {
    const i = compileLinear("^made by \\p{L}+$", "imu");
    expect(isTextPattern(i) && i.test("intro\nMade by Robots")).toBe(true);
    const s = compileLinear("a.b", "s");
    expect(isTextPattern(s) && s.test("a\nb")).toBe(true);
  });

  it("refuses lookaround and backreferences, saying which construct", () => {
    expect(compileLinear("a(?=b)", "")).toEqual({
      error: expect.stringMatching(/linear-time \(RE2\) engine: lookahead and lookbehind/),
    });
    expect(compileLinear("(?<!x)y", "")).toEqual({ error: expect.stringMatching(/lookbehind/) });
    expect(compileLinear("(a)\\1", "")).toEqual({ error: expect.stringMatching(/backreferences/) });
    expect(compileLinear("(unclosed", "")).toEqual({
      error: expect.stringMatching(/not a valid regular expression/),
    });
  });
});

describe("body_patterns from config", () => {
  const markers = { labels: [], co_authors: [], bot_authors: [], body_patterns: ["/(a+)+$/"] };

  it("scans a hostile PR body against `(a+)+$` quickly", () => {
    const started = performance.now();
    const found = detectAiAssistance(
      { author: "dana", labels: [], commitMessages: [], body: `${"a".repeat(34)}!` },
      markers,
    );
    expect(found.aiAssisted).toBe(false);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it("explains a lookahead as a config error with a way out", () => {
    const compiled = compileBodyPattern("/generated(?= with)/i");
    expect(isTextPattern(compiled)).toBe(false);
    expect(compiled).toEqual({ error: expect.stringContaining("not supported") });
  });
});
