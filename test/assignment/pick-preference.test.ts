import { pickReviewers } from "../../src/assignment/pick.js";
import { assignmentConfig, loadsOf, pickInput } from "./builders.js";

const first = (result: ReturnType<typeof pickReviewers>) => result.chosen[0]?.login;

describe("pickReviewers: CODEOWNERS", () => {
  const prefer = assignmentConfig({ prefer_codeowners: true, codeowners_bonus: 1 });

  it("lets a code owner win a tie", () => {
    const even = loadsOf({ dana: 1, eli: 1, fay: 1 });
    const owners = new Set(["@fay"]);
    const result = pickReviewers(
      pickInput({
        config: assignmentConfig({ prefer_codeowners: true, codeowners_bonus: 0 }),
        loads: even,
        codeowners: owners,
      }),
    );
    expect(first(result)).toBe("fay");
    expect(result.chosen[0]?.reason).toBe("1 open review, code owner, tied for lightest");
  });

  it("gives code owners a bonus off their load", () => {
    const loads = loadsOf({ dana: 1, eli: 2, fay: { openReviews: 1, load: 1.5 } });
    const result = pickReviewers(
      pickInput({ config: prefer, loads, codeowners: new Set(["eli", "fay"]) }),
    );
    expect(first(result)).toBe("fay");
    expect(result.ranking.find((c) => c.login === "fay")?.score).toBeCloseTo(0.5);
    expect(result.chosen[0]?.reason).toBe(
      "1 open review, code owner, preferred over lighter members",
    );
  });

  it("does not let the bonus outweigh a large load gap", () => {
    const loads = loadsOf({ dana: 1, eli: 4, fay: 3 });
    expect(
      first(pickReviewers(pickInput({ config: prefer, loads, codeowners: new Set(["eli"]) }))),
    ).toBe("dana");
  });

  it("ignores code owners unless prefer_codeowners is on", () => {
    const loads = loadsOf({ dana: 1, eli: 1.5, fay: 2 });
    expect(first(pickReviewers(pickInput({ loads, codeowners: new Set(["eli"]) })))).toBe("dana");
  });
});

describe("pickReviewers: reassignment on escalation", () => {
  it("never picks the reviewer who missed the SLA, nor the author", () => {
    const result = pickReviewers(
      pickInput({
        author: "fay",
        excludeAlso: ["dana"],
        alreadyRequested: ["dana"],
        loads: loadsOf({ dana: 0, eli: 5 }),
      }),
    );
    expect(result.chosen.map((c) => c.login)).toEqual(["eli"]);
    expect(result.ranking.find((c) => c.login === "fay")?.excluded).toBe("author");
  });

  it("reports the missed SLA when that person was no longer requested", () => {
    const result = pickReviewers(pickInput({ excludeAlso: ["Dana"] }));
    expect(result.ranking.find((c) => c.login === "dana")?.excluded).toBe("missed the SLA");
  });
});

describe("pickReviewers: determinism", () => {
  it("gives the same result for the same input", () => {
    const input = pickInput({ candidates: ["a", "b", "c", "d"], count: 2 });
    expect(pickReviewers(input)).toEqual(pickReviewers({ ...input }));
  });

  it("does not depend on the order of the candidate list", () => {
    const a = pickReviewers(pickInput({ candidates: ["a", "b", "c", "d"] }));
    const b = pickReviewers(pickInput({ candidates: ["d", "c", "b", "a"] }));
    expect(a).toEqual(b);
  });

  it("rotates ties across pull requests so every tied member gets picks", () => {
    const candidates = ["a", "b", "c", "d", "e"];
    const picks = new Map<string, number>();
    for (let n = 1; n <= 500; n += 1) {
      const login = first(pickReviewers(pickInput({ candidates, tieBreakSeed: `acme/app#${n}` })))!;
      picks.set(login, (picks.get(login) ?? 0) + 1);
    }
    expect([...picks.keys()].sort()).toEqual(candidates);
    for (const count of picks.values()) expect(count).toBeGreaterThan(60); // fair share: 100
  });
});
