import { Duration } from "luxon";
import { mention, renderEscalation, renderReminder } from "../../src/comments/sla-comments.js";
import { readMarker } from "../../src/comments/markers.js";
import type { Reviewer } from "../../src/sla/pull-request.js";

const alice: Reviewer = { type: "user", login: "alice" };
const bob: Reviewer = { type: "user", login: "Bob" };
const team: Reviewer = { type: "team", slug: "backend" };
const base = {
  key: "reminder:1/2:c1:first_review",
  owner: "acme",
  sla: Duration.fromObject({ hours: 24 }),
  clock: "workdays" as const,
};

describe("reminder comments", () => {
  it("mention the pending reviewers and teams and carry the action's marker", () => {
    const body = renderReminder({ ...base, reviewers: [alice, team] });
    expect(body).toContain("@alice @acme/backend — could you take a look");
    expect(readMarker(body)).toEqual({ kind: "reminder", fields: { key: base.key } });
  });

  it("name reviewers who are away without pinging them", () => {
    const body = renderReminder({ ...base, reviewers: [alice, bob], away: new Set(["bob"]) });
    expect(body).toContain("@alice — could you take a look");
    expect(body).toContain("Also requested, but away: `Bob`.");
    expect(body).not.toContain("@Bob");
  });

  it("ask for someone else when everyone requested is away", () => {
    const body = renderReminder({ ...base, reviewers: [bob], away: new Set(["bob"]) });
    expect(body).toContain(
      "Everyone requested is away (`Bob`): please request review from someone else.",
    );
    expect(body).not.toMatch(/@\w/);
  });
});

describe("escalation comments", () => {
  it("mention the escalation targets and list whom the PR waits on", () => {
    const body = renderEscalation({
      ...base,
      key: "escalation:1/2:c1:resolution",
      reviewers: [alice],
      targets: ["acme/leads", "dana"],
    });
    expect(body).toContain("@acme/leads @dana — please help unblock it.");
    expect(body).toContain("Still waiting on: @alice.");
  });
});

describe("mention", () => {
  it("pings only valid GitHub handles; anything else is inert code", () => {
    expect(mention("@dana")).toBe("@dana");
    expect(mention("acme/eng-leads")).toBe("@acme/eng-leads");
    expect(mention("everyone <!-- x -->")).toBe("`everyone <!-- x -->`");
    expect(mention("a`b")).toBe("`a'b`");
  });
});
