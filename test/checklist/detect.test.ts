import { detectAiAssistance, type PullRequestSignals } from "../../src/checklist/detect.js";
import { checklistConfig } from "./builders.js";

const markers = checklistConfig().ai_markers;

function pr(overrides: Partial<PullRequestSignals> = {}): PullRequestSignals {
  return { author: "octocat", labels: [], body: null, commitMessages: [], ...overrides };
}

function commit(trailer: string): string {
  return `Fix the parser\n\nLonger explanation.\n\n${trailer}\n`;
}

describe("detectAiAssistance", () => {
  it("finds nothing on an ordinary pull request", () => {
    const result = detectAiAssistance(
      pr({
        labels: ["bug"],
        body: "Fixes #12",
        commitMessages: [commit("Signed-off-by: Mona <m@x>")],
      }),
      markers,
    );
    expect(result).toEqual({ aiAssisted: false, evidence: [] });
  });

  it("recognises a configured label, whatever its case", () => {
    expect(detectAiAssistance(pr({ labels: ["AI-Assisted"] }), markers)).toEqual({
      aiAssisted: true,
      evidence: ['label "AI-Assisted"'],
    });
  });

  it("recognises a coding agent as author, whatever its case", () => {
    const result = detectAiAssistance(pr({ author: "Copilot-SWE-Agent[bot]" }), markers);
    expect(result.evidence).toEqual(["author Copilot-SWE-Agent[bot]"]);
  });

  it("recognises an assistant named in a Co-authored-by trailer, case-insensitively", () => {
    const messages = [
      commit("co-authored-by: claude <noreply@anthropic.com>"),
      commit("Co-Authored-By: Cursor Agent <cursoragent@cursor.com>"),
      commit("Co-authored-by: aider (gpt-4o) <noreply@aider.chat>"),
      commit("Co-authored-by: Amazon   Q <q@example.com>"),
    ];
    expect(detectAiAssistance(pr({ commitMessages: messages }), markers).evidence).toEqual([
      "commit trailer Co-authored-by: claude",
      "commit trailer Co-authored-by: Cursor Agent",
      "commit trailer Co-authored-by: aider (gpt-4o)",
      "commit trailer Co-authored-by: Amazon   Q",
    ]);
  });

  it("names a trailer seen in many commits once", () => {
    const messages = Array.from({ length: 30 }, () => commit("Co-authored-by: Claude <c@x>"));
    expect(detectAiAssistance(pr({ commitMessages: messages }), markers).evidence).toHaveLength(1);
  });

  it("ignores near-misses: names that only contain an assistant's name, and non-trailer mentions", () => {
    const messages = [
      commit("Co-authored-by: Claudette Dupont <claudette@example.com>"),
      commit("Co-authored-by: Cursory Reviewer <c@example.com>"),
      commit("Co-authored-by: Amazon Quinn <aq@example.com>"),
      "Asked Claude about this\n\nReviewed-by: Claude <noreply@anthropic.com>",
    ];
    expect(detectAiAssistance(pr({ commitMessages: messages }), markers).aiAssisted).toBe(false);
  });

  it("ignores labels and authors that merely contain a marker", () => {
    const result = detectAiAssistance(
      pr({ labels: ["not-ai-assisted"], author: "copilot-swe-agent" }),
      markers,
    );
    expect(result.aiAssisted).toBe(false);
  });

  it("recognises a Generated with line in the description and quotes it", () => {
    const body =
      "Adds retries.\n\n🤖 Generated with [Claude Code](https://claude.com/claude-code)\r\n";
    expect(detectAiAssistance(pr({ body }), markers).evidence).toEqual([
      "PR description: 🤖 Generated with [Claude Code](https://claude.com/claude-code)",
    ]);
  });

  it("does not take a mention of generated code mid-sentence for the marker", () => {
    const body = "The client is regenerated with protoc.\nCode generated with care? No.";
    expect(detectAiAssistance(pr({ body: `x ${body}` }), markers).aiAssisted).toBe(false);
  });

  it("matches plain-phrase body patterns literally and case-insensitively", () => {
    const custom = { ...markers, body_patterns: ["written by [bot]"] };
    expect(detectAiAssistance(pr({ body: "WRITTEN BY [BOT] today" }), custom).aiAssisted).toBe(
      true,
    );
    expect(detectAiAssistance(pr({ body: "written by b" }), custom).aiAssisted).toBe(false);
  });

  it("quotes at most 100 characters of a matching description line", () => {
    const body = `Generated with ${"x".repeat(500)}`;
    const [evidence] = detectAiAssistance(pr({ body }), markers).evidence;
    expect(evidence).toHaveLength("PR description: ".length + 101);
    expect(evidence?.endsWith("…")).toBe(true);
  });

  it("lists every kind of evidence found", () => {
    const result = detectAiAssistance(
      pr({
        author: "devin-ai-integration[bot]",
        labels: ["ai-generated"],
        body: "Generated with Devin",
        commitMessages: [commit("Co-authored-by: Devin AI <devin@example.com>")],
      }),
      markers,
    );
    expect(result.evidence).toEqual([
      'label "ai-generated"',
      "author devin-ai-integration[bot]",
      "commit trailer Co-authored-by: Devin AI",
      "PR description: Generated with Devin",
    ]);
  });

  it("turns detection off for a marker kind given an empty list", () => {
    const none = { labels: [], co_authors: [], bot_authors: [], body_patterns: [] };
    const result = detectAiAssistance(
      pr({ labels: ["ai-assisted"], author: "Copilot", body: "Generated with X" }),
      none,
    );
    expect(result.aiAssisted).toBe(false);
  });
});
