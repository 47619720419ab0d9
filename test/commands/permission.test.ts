import type { Command } from "../../src/commands/parse.js";
import { permissionFor } from "../../src/commands/permission.js";
import type { CallerFacts } from "../../src/commands/permission.js";

const facts = (login: string, writeAccess: boolean | null = null): CallerFacts => ({
  login,
  author: "dana",
  requestedReviewers: ["alice"],
  poolMembers: ["alice", "gus"],
  writeAccess,
});

const status: Command = { name: "status" };
const claim: Command = { name: "claim" };
const pass = (to: string | null): Command => ({ name: "reassign", to });
const snooze: Command = { name: "snooze", span: { type: "for", text: "4h" } };

describe("permissionFor", () => {
  it.each([
    ["the author", status, facts("Dana"), { allowed: true, as: "author" }],
    ["a requested reviewer", snooze, facts("alice"), { allowed: true, as: "reviewer" }],
    ["a pool member", { name: "pause" }, facts("gus"), { allowed: true, as: "pool member" }],
    ["a pool member claiming", claim, facts("gus"), { allowed: true, as: "pool member" }],
    ["a reviewer passing on", pass("gus"), facts("alice"), { allowed: true, as: "reviewer" }],
    [
      "a reviewer passing to next best",
      pass(null),
      facts("alice"),
      { allowed: true, as: "reviewer" },
    ],
    ["a writer", { name: "resume" }, facts("wes", true), { allowed: true, as: "writer" }],
  ] as const)("lets %s", (_who, command, caller, expected) => {
    expect(permissionFor(command, caller)).toEqual(expected);
  });

  it("asks GitHub about write access only when the cheap checks do not decide", () => {
    expect(permissionFor(status, facts("wes"))).toEqual({ allowed: "ask-write-access" });
    expect(permissionFor(status, facts("alice"))).toEqual({ allowed: true, as: "reviewer" });
  });

  it.each([
    ["a stranger", status, facts("mallory", false), "only the author, requested reviewers"],
    ["the author claiming", claim, facts("dana"), "your own pull request"],
    ["a writer outside the pool claiming", claim, facts("wes", true), "only review pool members"],
    ["someone not requested passing on", pass(null), facts("gus"), "only a requested reviewer"],
    ["the author passing on", pass(null), facts("dana"), "you are this pull request's author"],
    ["passing to the author", pass("DANA"), facts("alice"), "cannot review their own"],
    ["passing to oneself", pass("alice"), facts("alice"), "already requested"],
  ] as const)("refuses %s politely", (_who, command, caller, reason) => {
    const permission = permissionFor(command, caller);
    expect(permission.allowed).toBe(false);
    expect(permission.allowed === false ? permission.reason : "").toContain(reason);
  });
});
