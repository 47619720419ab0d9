import { pickReviewers } from "../../src/assignment/pick.js";
import { assignmentConfig, loadsOf, pickInput } from "./builders.js";

const chosenLogins = (result: ReturnType<typeof pickReviewers>) =>
  result.chosen.map((c) => c.login);
const reasonOf = (result: ReturnType<typeof pickReviewers>, login: string) =>
  result.ranking.find((c) => c.login === login)?.excluded;

describe("pickReviewers: load", () => {
  it("picks the member with the lowest load and says why", () => {
    const result = pickReviewers(pickInput({ loads: loadsOf({ dana: 1, eli: 3, fay: 2 }) }));
    expect(result.chosen).toEqual([{ login: "dana", load: 1, reason: "1 open review, lightest" }]);
    expect(result.ranking.map((c) => c.login)).toEqual(["dana", "fay", "eli"]);
    expect(result.summary).toBe(
      "picked dana (1 open review, lightest) from @acme/senior-reviewers",
    );
  });

  it("picks `count` people in load order", () => {
    const result = pickReviewers(
      pickInput({ count: 2, loads: loadsOf({ dana: 1, eli: 3, fay: 2 }) }),
    );
    expect(result.chosen.map((c) => [c.login, c.reason])).toEqual([
      ["dana", "1 open review, lightest"],
      ["fay", "2 open reviews, next lightest"],
    ]);
  });

  it("mentions recent reviews in the reason", () => {
    const loads = loadsOf({
      dana: { openReviews: 0, recentReviews: 2, load: 0.8 },
      eli: 1,
      fay: 1,
    });
    expect(pickReviewers(pickInput({ loads })).chosen[0]?.reason).toBe(
      "0 open reviews, 2 reviewed in the last 5d, lightest",
    );
  });

  it("treats logins case-insensitively and ignores duplicates", () => {
    const result = pickReviewers(
      pickInput({
        candidates: ["Dana", "dana", "@eli"],
        author: "DANA",
        loads: loadsOf({ eli: 4 }),
      }),
    );
    expect(result.ranking.map((c) => [c.login, c.excluded])).toEqual([
      ["eli", null],
      ["Dana", "author"],
    ]);
  });
});

describe("pickReviewers: who is never picked", () => {
  it("excludes the author and co-authors", () => {
    const result = pickReviewers(
      pickInput({ author: "dana", coAuthors: ["Eli"], loads: loadsOf({ fay: 9 }) }),
    );
    expect(chosenLogins(result)).toEqual(["fay"]);
    expect(reasonOf(result, "dana")).toBe("author");
    expect(reasonOf(result, "eli")).toBe("co-author");
  });

  it("excludes people already requested and those excluded by config", () => {
    const result = pickReviewers(
      pickInput({ alreadyRequested: ["dana"], config: assignmentConfig({ exclude: ["eli"] }) }),
    );
    expect(chosenLogins(result)).toEqual(["fay"]);
    expect(reasonOf(result, "dana")).toBe("already requested");
    expect(reasonOf(result, "eli")).toBe("excluded by config");
  });

  it("skips people who are away or busy", () => {
    const result = pickReviewers(
      pickInput({ away: new Set(["dana"]), busy: new Set(["eli"]), loads: loadsOf({ fay: 5 }) }),
    );
    expect(chosenLogins(result)).toEqual(["fay"]);
    expect(reasonOf(result, "dana")).toBe("away");
    expect(reasonOf(result, "eli")).toBe("busy");
    // Excluded people stay in ranked order (by load), so the CLI shows who would be next.
    expect(result.summary).toContain("skipped eli (busy), dana (away)");
  });

  it("replaces a team-only request with one person from that team", () => {
    const result = pickReviewers(
      pickInput({
        candidates: ["dana", "eli", "fay", "zoe"],
        alreadyRequested: ["acme/senior-reviewers"],
        loads: loadsOf({ dana: 2, eli: 1, fay: 3 }),
      }),
    );
    expect(chosenLogins(result)).toEqual(["eli"]);
  });
});

describe("pickReviewers: caps", () => {
  const config = assignmentConfig({ max_open_reviews: 3 });

  it("does not pick someone already holding the maximum of open reviews", () => {
    const result = pickReviewers(
      pickInput({ config, loads: loadsOf({ dana: 3, eli: { openReviews: 2, load: 9 }, fay: 4 }) }),
    );
    expect(chosenLogins(result)).toEqual(["eli"]);
    expect(reasonOf(result, "dana")).toBe("at cap (3 open reviews)");
    expect(reasonOf(result, "fay")).toBe("at cap (4 open reviews)");
  });

  it("picks nobody when nobody can be picked, and the summary says why", () => {
    const result = pickReviewers(
      pickInput({ config, away: new Set(["fay"]), loads: loadsOf({ dana: 3, eli: 3 }) }),
    );
    expect(result.chosen).toEqual([]);
    expect(result.summary).toBe(
      "nobody can be picked from @acme/senior-reviewers: unavailable: " +
        "fay (away), eli (at cap (3 open reviews)), dana (at cap (3 open reviews))",
    );
  });

  it("says so when the pool is empty or fewer people than wanted are available", () => {
    expect(pickReviewers(pickInput({ candidates: [] })).summary).toContain(
      "the pool has no members",
    );
    const short = pickReviewers(pickInput({ count: 3, away: new Set(["fay"]) }));
    expect(short.chosen).toHaveLength(2);
    expect(short.summary).toContain("only 2 of 3 wanted could be picked");
  });
});

describe("pickReviewers: working hours", () => {
  const config = assignmentConfig({ only_working_hours: true });

  it("prefers people inside their working hours", () => {
    const result = pickReviewers(
      pickInput({
        config,
        outsideWorkingHours: new Set(["dana"]),
        loads: loadsOf({ eli: 2, fay: 1 }),
      }),
    );
    expect(chosenLogins(result)).toEqual(["fay"]);
    expect(reasonOf(result, "dana")).toBe("outside working hours");
  });

  it("falls back to everyone available when nobody is in working hours", () => {
    const result = pickReviewers(
      pickInput({
        config,
        away: new Set(["fay"]),
        outsideWorkingHours: new Set(["dana", "eli"]),
        loads: loadsOf({ dana: 2, eli: 1 }),
      }),
    );
    expect(chosenLogins(result)).toEqual(["eli"]);
    expect(reasonOf(result, "dana")).toBeNull();
    expect(result.summary).toContain("nobody is in working hours");
  });

  it("ignores working hours unless only_working_hours is on", () => {
    const result = pickReviewers(pickInput({ outsideWorkingHours: new Set(["dana", "eli"]) }));
    expect(result.ranking.every((c) => c.excluded === null)).toBe(true);
  });
});
