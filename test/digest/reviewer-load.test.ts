import { computeDigest } from "../../src/digest/metrics.js";
import { at, digestInput, openRequest, pullRequest, review } from "./builders.js";

const pr = pullRequest({ number: 20 });
const requested = at("2025-03-04T09:00:00Z");

describe("reviewer load", () => {
  const input = digestInput({
    openRequests: [
      openRequest("bob", pr, requested),
      openRequest("bob", pullRequest({ number: 21 }), requested),
      openRequest("Bob", pullRequest({ number: 22 }), requested),
      openRequest("carol", pr, requested),
    ],
    reviews: [
      review("bob", requested.plus({ hours: 2 }), requested),
      review("carol", requested.plus({ hours: 1 }), requested),
      review("carol", requested.plus({ hours: 5 }), requested),
      review("carol", requested.plus({ hours: 3 }), null),
      review("dave", at("2025-03-05T10:00:00Z"), null),
      review("dave", at("2025-03-06T10:00:00Z"), null),
      review("erin", at("2025-03-11T10:00:00Z"), requested),
    ],
  });

  it("ranks reviewers by open requests, then reviews done, logins compared case-insensitively", () => {
    const { reviewerLoad } = computeDigest(input);
    expect(reviewerLoad.rows.map((r) => [r.login, r.openRequests, r.reviewsDone])).toEqual([
      ["bob", 3, 1],
      ["carol", 1, 3],
      ["dave", 0, 2],
    ]);
  });

  it("takes the median response time over reviews that answered a request", () => {
    const { reviewerLoad } = computeDigest(input);
    expect(reviewerLoad.rows[1]?.responseMedian?.as("hours")).toBe(1);
    expect(reviewerLoad.rows[2]?.responseMedian).toBeNull();
  });

  it("ignores reviews outside the week", () => {
    const { reviewerLoad } = computeDigest(input);
    expect(reviewerLoad.rows.some((r) => r.login === "erin")).toBe(false);
  });

  it("shows the top N and counts every reviewer", () => {
    const limits = { topReviewers: 2, breaches: 10 };
    const { reviewerLoad } = computeDigest({ ...input, limits });
    expect(reviewerLoad.rows.map((r) => r.login)).toEqual(["bob", "carol"]);
    expect(reviewerLoad.total).toBe(3);
  });
});
