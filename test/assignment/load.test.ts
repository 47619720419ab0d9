import fc from "fast-check";
import { DateTime } from "luxon";
import { MAX_SIZE_WEIGHT, reviewerLoads, sizeWeight } from "../../src/assignment/load.js";
import { assignmentConfig } from "./builders.js";

const now = DateTime.fromISO("2025-06-10T12:00:00Z", { zone: "utc" });
const pr = (id: number, lines: number) => ({ pullRequestId: id, additions: lines, deletions: 0 });

describe("sizeWeight", () => {
  it("is 1 for an empty change and grows with size, a big PR outweighing a small one", () => {
    expect(sizeWeight(0)).toBe(1);
    expect(sizeWeight(250)).toBeCloseTo(2);
    expect(sizeWeight(2000) / sizeWeight(20)).toBeGreaterThan(3);
  });

  it("is monotonic, sublinear and bounded", () => {
    fc.assert(
      fc.property(fc.nat(1_000_000), fc.nat(1_000_000), (a, b) => {
        const [small, big] = a <= b ? [a, b] : [b, a];
        expect(sizeWeight(small)).toBeLessThanOrEqual(sizeWeight(big));
        expect(sizeWeight(big)).toBeLessThanOrEqual(MAX_SIZE_WEIGHT);
        // Sublinear: doubling the lines never doubles the weight.
        expect(sizeWeight(2 * big + 1)).toBeLessThan(2 * sizeWeight(big));
      }),
    );
  });

  it("treats nonsense sizes as empty or huge, never as NaN", () => {
    expect(sizeWeight(-5)).toBe(1);
    expect(sizeWeight(Number.NaN)).toBe(1);
    expect(sizeWeight(Number.POSITIVE_INFINITY)).toBe(MAX_SIZE_WEIGHT);
  });
});

describe("reviewerLoads", () => {
  it("counts open requests per lowercase login, weighted by size", () => {
    const loads = reviewerLoads({
      openRequests: [
        { login: "Dana", ...pr(1, 20) },
        { login: "dana", ...pr(2, 2000) },
        { login: "dana", ...pr(2, 2000) },
        { login: "eli", ...pr(3, 20) },
      ],
      recentReviews: [],
      now,
      config: assignmentConfig(),
    });
    expect(loads.get("dana")?.openReviews).toBe(2);
    expect(loads.get("dana")?.weightedOpen).toBeCloseTo(sizeWeight(20) + sizeWeight(2000));
    expect(loads.get("eli")?.load).toBeCloseTo(sizeWeight(20));
  });

  it("counts every open request as 1 when weight_by_size is off", () => {
    const loads = reviewerLoads({
      openRequests: [{ login: "dana", ...pr(1, 3000) }],
      recentReviews: [],
      now,
      config: assignmentConfig({ weight_by_size: false }),
    });
    expect(loads.get("dana")?.load).toBe(1);
  });

  it("counts reviews submitted within the window, once per pull request", () => {
    const config = assignmentConfig({ recent_window: "4d", recent_weight: 0.5 });
    const reviewed = (login: string, id: number, daysAgo: number) => ({
      login,
      ...pr(id, 0),
      submittedAt: now.minus({ days: daysAgo }),
    });
    const loads = reviewerLoads({
      openRequests: [],
      recentReviews: [
        reviewed("dana", 1, 0),
        reviewed("dana", 1, 1), // same PR: one review effort
        reviewed("eli", 2, 3.9),
        reviewed("fay", 3, 4), // at the window's edge: no longer counted
      ],
      now,
      config,
    });
    expect(loads.get("dana")).toMatchObject({ recentReviews: 1, weightedRecent: 1, load: 0.5 });
    expect(loads.get("eli")).toMatchObject({ recentReviews: 1, weightedRecent: 1, load: 0.5 });
    expect(loads.has("fay")).toBe(false);
  });

  it("by default counts a just-finished review as much as an open one", () => {
    const loads = reviewerLoads({
      openRequests: [{ login: "dana", ...pr(1, 400) }],
      recentReviews: [{ login: "eli", ...pr(2, 400), submittedAt: now.minus({ hours: 1 }) }],
      now,
      config: assignmentConfig(),
    });
    expect(loads.get("eli")?.load).toBe(loads.get("dana")?.load);
  });

  it("makes someone who just did five big reviews heavier than someone with one open", () => {
    const recentReviews = [1, 2, 3, 4, 5].map((id) => ({
      login: "dana",
      ...pr(id, 2000),
      submittedAt: now.minus({ hours: 2 }),
    }));
    const loads = reviewerLoads({
      openRequests: [{ login: "eli", ...pr(9, 200) }],
      recentReviews,
      now,
      config: assignmentConfig(),
    });
    expect(loads.get("dana")!.load).toBeGreaterThan(loads.get("eli")!.load);
  });
});
