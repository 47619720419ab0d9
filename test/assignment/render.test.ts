import { pickReviewers } from "../../src/assignment/pick.js";
import { renderAssignmentComment, renderRanking } from "../../src/assignment/render.js";
import { readMarker } from "../../src/comments/markers.js";
import { assignmentConfig, loadsOf, pickInput } from "./builders.js";

const prKey = "acme/app#12";

describe("renderAssignmentComment", () => {
  it("names the chosen reviewer, the reason and who was skipped, without pinging them", () => {
    const result = pickReviewers(
      pickInput({ away: new Set(["eli"]), loads: loadsOf({ dana: 1, fay: 2 }) }),
    );
    const body = renderAssignmentComment({
      ...result,
      poolName: "@acme/senior-reviewers",
      trigger: "ready",
      prKey,
    });
    expect(body.split("\n")).toEqual([
      "<!-- review-sla:assignment key=acme/app#12 -->",
      "Requested review from @dana — 1 open review, lightest in `@acme/senior-reviewers`. " +
        "Skipped: `@eli` (away).",
    ]);
    expect(readMarker(body)).toEqual({ kind: "assignment", fields: { key: prKey } });
  });

  it("does not list reasons that are no news (author, already requested)", () => {
    const result = pickReviewers(pickInput({ author: "eli", alreadyRequested: ["fay"] }));
    const body = renderAssignmentComment({
      ...result,
      poolName: "@acme/x",
      trigger: "ready",
      prKey,
    });
    expect(body).not.toContain("Skipped");
  });

  it("says an escalation added one reviewer", () => {
    const result = pickReviewers(
      pickInput({ excludeAlso: ["dana"], loads: loadsOf({ eli: 1, fay: 2 }) }),
    );
    const body = renderAssignmentComment({
      ...result,
      poolName: "assignment.pool",
      trigger: "escalation",
      prKey,
    });
    expect(body).toContain(
      "Escalation: also requested review from @eli — 1 open review, lightest in `assignment.pool`.",
    );
  });

  it("explains in one comment why nobody was requested", () => {
    const result = pickReviewers(
      pickInput({
        config: assignmentConfig({ max_open_reviews: 3 }),
        away: new Set(["fay"]),
        loads: loadsOf({ dana: 3, eli: 3 }),
      }),
    );
    const body = renderAssignmentComment({
      ...result,
      poolName: "@acme/senior-reviewers",
      trigger: "ready",
      prKey,
    });
    expect(body.split("\n")[1]).toBe(
      "No reviewer requested from `@acme/senior-reviewers`: nobody is available " +
        "(away: `@fay`; at cap \\(3 open reviews\\): `@eli`, `@dana`).",
    );
    expect(body).not.toMatch(/(^|\s)@(fay|eli|dana)\b/);
  });

  it("says when the pool is empty", () => {
    const result = pickReviewers(pickInput({ candidates: [] }));
    const body = renderAssignmentComment({
      ...result,
      poolName: "@acme/x",
      trigger: "escalation",
      prKey,
    });
    expect(body).toContain(
      "Escalation: no additional reviewer requested from `@acme/x`: the pool has no members.",
    );
  });

  it("keeps a long skipped list short", () => {
    const candidates = ["a", "b", "c", "d", "e", "f", "g", "h"];
    const result = pickReviewers(pickInput({ candidates, busy: new Set(candidates.slice(1)) }));
    const body = renderAssignmentComment({
      ...result,
      poolName: "@acme/x",
      trigger: "ready",
      prKey,
    });
    expect(body).toContain("and 2 more.");
  });

  it("keeps a pool name with Markdown inside a code span", () => {
    const result = pickReviewers(pickInput());
    const body = renderAssignmentComment({
      ...result,
      poolName: "@acme/`x`",
      trigger: "ready",
      prKey,
    });
    expect(body).toContain("in `@acme/'x'`");
  });
});

describe("renderRanking", () => {
  it("prints every candidate as an aligned plain-text table", () => {
    const result = pickReviewers(
      pickInput({ author: "fay", loads: loadsOf({ dana: 1, eli: { openReviews: 1, load: 2.5 } }) }),
    );
    expect(renderRanking(result.ranking)).toBe(
      [
        "#  reviewer  load  score  status",
        "1  dana      1.00  1.00   available",
        "2  eli       2.50  2.50   available",
        "3  fay       0.00  0.00   author",
      ].join("\n"),
    );
  });

  it("says when there is nobody to rank", () => {
    expect(renderRanking([])).toBe("(the pool has no members)");
  });
});
