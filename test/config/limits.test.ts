// Size caps on repository-controlled text and config files.
import {
  capText,
  configSizeProblem,
  MAX_CONFIG_BYTES,
  utf8Bytes,
} from "../../src/config/limits.js";
import { checkConfigText } from "../../src/config/validate.js";
import { slimPayload } from "../../src/github/inbox.js";

describe("capText", () => {
  it("keeps short text and cuts long text without splitting an emoji", () => {
    expect(capText("short", 10)).toBe("short");
    expect(capText("abcdef", 3)).toBe("abc");
    expect(capText("ab😀c", 3)).toBe("ab");
  });
});

describe("config size", () => {
  it("counts UTF-8 bytes", () => {
    expect(utf8Bytes("aé€😀")).toBe(1 + 2 + 3 + 4);
  });

  it("accepts up to 64 KiB and names path, limit, size and fix above it", () => {
    expect(configSizeProblem("x.yml", MAX_CONFIG_BYTES)).toBeNull();
    expect(configSizeProblem(".github/review-sla.yml", 4_900_000)).toBe(
      ".github/review-sla.yml: expected a config file of at most 64 KiB, found 4.7 MiB. " +
        "Remove what the defaults already cover, or move shared settings to the organisation's " +
        ".github repository; the defaults apply until then.",
    );
  });

  it("makes `config check` report an oversized file without parsing it", () => {
    const text = `timezone: UTC\n${"# padding line\n".repeat(5_000)}`;
    const result = checkConfigText(text, "big.yml");
    expect(result.ok).toBe(false);
    expect(result.messages).toEqual([
      expect.stringMatching(/^big\.yml: expected a config file of at most 64 KiB, found 74 KiB/),
    ]);
  });
});

describe("slimPayload", () => {
  it("cuts titles to 256 and bodies to 65,536 characters, and says which", () => {
    const cut: string[] = [];
    const slim = slimPayload(
      { pull_request: { title: "t".repeat(1_000), body: "b".repeat(70_000), number: 7 } },
      0,
      cut,
    );
    expect(slim).toEqual({
      pull_request: { title: "t".repeat(256), body: "b".repeat(65_536), number: 7 },
    });
    expect(cut).toEqual([
      "pull_request.title (1000 characters)",
      "pull_request.body (70000 characters)",
    ]);
  });
});
