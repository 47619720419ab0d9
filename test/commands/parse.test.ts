import fc from "fast-check";
import { COMMAND_NAMES, parseCommand } from "../../src/commands/parse.js";

describe("parseCommand", () => {
  it.each([
    ["/review-sla status", { name: "status" }],
    ["/REVIEW-SLA Status", { name: "status" }],
    ["  /review-sla claim  ", { name: "claim" }],
    ["\n\n/review-sla pause\nbecause of the freeze", { name: "pause" }],
    ["/review-sla resume", { name: "resume" }],
    ["/review-sla reassign", { name: "reassign", to: null }],
    ["/review-sla reassign @gus", { name: "reassign", to: "gus" }],
    ["/review-sla reassign Gus-Two", { name: "reassign", to: "Gus-Two" }],
    ["/review-sla snooze 4h", { name: "snooze", span: { type: "for", text: "4h" } }],
    ["/review-sla snooze 1D", { name: "snooze", span: { type: "for", text: "1d" } }],
    ["/review-sla snooze 1d 4h", { name: "snooze", span: { type: "for", text: "1d 4h" } }],
    [
      "/review-sla snooze until 2026-12-08",
      { name: "snooze", span: { type: "until", date: "2026-12-08" } },
    ],
  ])("reads %j as a command", (text, command) => {
    expect(parseCommand(text)).toEqual({ ok: true, command });
  });

  it.each([
    ["plain prose", "Looks good to me"],
    ["a command on the second line", "Thanks!\n/review-sla claim"],
    ["a quoted command", "> /review-sla claim\nyou can type this"],
    ["a fenced command", "```\n/review-sla claim\n```"],
    ["an indented code command", "    /review-sla claim"],
    ["inline code", "`/review-sla claim` claims the review"],
    ["another tool's prefix", "/review-slack claim"],
    ["an empty comment", ""],
  ])("ignores %s", (_name, text) => {
    expect(parseCommand(text)).toBeNull();
  });

  it.each([
    ["/review-sla", "unknown command"],
    ["/review-sla merge", "unknown command `merge`"],
    ["/review-sla snooze", "usage"],
    ["/review-sla snooze forever", "usage"],
    ["/review-sla snooze until tomorrow", "usage"],
    ["/review-sla snooze until 2026-02-30", "usage"],
    ["/review-sla status now", "takes no argument"],
    ["/review-sla reassign @a @b", "usage"],
    ["/review-sla reassign not/a/login", "usage"],
  ])("answers %j with the reason it cannot be read", (text, problem) => {
    const parsed = parseCommand(text);
    expect(parsed?.ok).toBe(false);
    expect(parsed && !parsed.ok ? parsed.problem : "").toContain(problem);
  });

  it("yields exactly one command or none for any comment text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const parsed = parseCommand(text);
        if (parsed === null) return;
        // Only the first non-blank line speaks: it is what made the comment a command.
        const first = text.split(/\r\n|\r|\n/).find((l) => l.trim() !== "") ?? "";
        expect(first.trim().toLowerCase().startsWith("/review-sla")).toBe(true);
        if (parsed.ok) expect(COMMAND_NAMES).toContain(parsed.command.name);
        else expect(parsed.problem.length).toBeGreaterThan(0);
      }),
    );
  });

  it("takes the first line's command whatever follows, even another command", () => {
    const lines = fc.array(fc.string({ maxLength: 60 }), { maxLength: 5 });
    fc.assert(
      fc.property(fc.constantFrom(...COMMAND_NAMES), lines, (name, rest) => {
        const text = [`/review-sla ${name}${name === "snooze" ? " 2h" : ""}`, ...rest].join("\n");
        const parsed = parseCommand(text);
        expect(parsed?.ok && parsed.command.name).toBe(name);
      }),
    );
  });
});
