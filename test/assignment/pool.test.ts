import {
  describePool,
  needsAssignment,
  poolCandidates,
  reviewerCount,
} from "../../src/assignment/pool.js";
import { assignmentConfig } from "./builders.js";

const pool = ["dana", "acme/senior-reviewers"];

describe("needsAssignment", () => {
  it("is needed when nobody was requested", () => {
    expect(needsAssignment({ requestedUsers: [], requestedTeams: [], pool })).toBe(true);
  });

  it("is needed when only a pool team was requested", () => {
    const requestedTeams = ["@Acme/Senior-Reviewers"];
    expect(needsAssignment({ requestedUsers: [], requestedTeams, pool })).toBe(true);
  });

  it("is not needed when a person or a team outside the pool was requested", () => {
    expect(needsAssignment({ requestedUsers: ["eli"], requestedTeams: [], pool })).toBe(false);
    const requestedTeams = ["acme/senior-reviewers", "acme/security"];
    expect(needsAssignment({ requestedUsers: [], requestedTeams, pool })).toBe(false);
  });
});

describe("poolCandidates", () => {
  it("expands teams into their members, once each, in pool order", () => {
    const members = new Map([["acme/senior-reviewers", ["Eli", "DANA", "fay"]]]);
    expect(poolCandidates(pool, members)).toEqual(["dana", "Eli", "fay"]);
    expect(poolCandidates(pool, new Map())).toEqual(["dana"]);
  });
});

describe("describePool and reviewerCount", () => {
  it("names a one-team pool by its team, anything else by its config key", () => {
    expect(describePool(["acme/senior-reviewers"])).toBe("@acme/senior-reviewers");
    expect(describePool(["dana"])).toBe("@dana");
    expect(describePool(pool)).toBe("assignment.pool");
  });

  it("asks for assignment.reviewers people on ready, one on escalation", () => {
    const config = assignmentConfig({ reviewers: 2 });
    expect(reviewerCount("ready", config)).toBe(2);
    expect(reviewerCount("escalation", config)).toBe(1);
  });
});
