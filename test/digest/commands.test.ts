import { renderDigestBlocks } from "../../src/digest/blocks.js";
import { renderDigestMarkdown } from "../../src/digest/markdown.js";
import { computeDigest } from "../../src/digest/metrics.js";
import { digestInput } from "./builders.js";

describe("the digest's count of PR commands", () => {
  it("says how many snoozes and claims there were this week, in Slack and Markdown", () => {
    const report = computeDigest(digestInput({ commands: { snoozes: 2, claims: 1 } }));
    const line = "PR commands this week: 2 snoozes, 1 claim.";
    expect(renderDigestMarkdown(report)).toContain(`_${line}_`);
    expect(JSON.stringify(renderDigestBlocks(report).blocks)).toContain(line);
  });

  it("says nothing when nobody used a command", () => {
    const report = computeDigest(digestInput({ commands: { snoozes: 0, claims: 0 } }));
    expect(renderDigestMarkdown(report)).not.toContain("PR commands");
    expect(JSON.stringify(renderDigestBlocks(report).blocks)).not.toContain("PR commands");
  });
});
