import { Duration } from "luxon";
import { durationPercentile, median, percentage, percentile } from "../../src/digest/statistics.js";

describe("nearest-rank percentiles", () => {
  it("take the value at rank ceil(p/100 × n) of the sorted values", () => {
    const values = [15, 20, 35, 40, 50];
    expect(percentile(values, 30)).toBe(20);
    expect(percentile(values, 40)).toBe(20);
    expect(percentile(values, 50)).toBe(35);
    expect(percentile(values, 100)).toBe(50);
  });

  it("give the lower middle value as the median of an even count", () => {
    expect(median([4, 1, 3, 2])).toBe(2);
  });

  it("give the largest value as p90 of fewer than ten values", () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9], 90)).toBe(9);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
  });

  it("are null for no values, never NaN", () => {
    expect(median([])).toBeNull();
    expect(durationPercentile([], 90)).toBeNull();
  });

  it("work on durations", () => {
    const durations = [3, 1, 2].map((h) => Duration.fromObject({ hours: h }));
    expect(durationPercentile(durations, 50)?.as("hours")).toBe(2);
  });
});

describe("percentage", () => {
  it("is null when there is nothing to divide by", () => {
    expect(percentage(0, 0)).toBeNull();
    expect(percentage(1, 4)).toBe(25);
  });
});
