// Fairness of the picker over long review streams, against GitHub-style round robin.
//
// Bound: while every assignment of a stream is still counted by the load (each pull request
// is open, or was reviewed within recent_window, and recent_weight is 1), a reviewer's load is
// exactly the total size weight assigned to them. Always giving the next pull request (weight
// w) to the lightest is then list scheduling: if the spread was ≤ w_max before, the lightest
// ends at min + w ≤ min + w_max and nobody else changes, so the spread stays ≤ w_max, the
// largest single-PR weight in the stream (≤ MAX_SIZE_WEIGHT = 5). Older history is forgotten on
// purpose — someone back from three weeks away should not get everything until lifetime totals
// even out — so over streams far longer than the window the spread can drift; there we only
// claim to beat round robin on average.
import fc from "fast-check";
import { sizeWeight } from "../../src/assignment/load.js";
import { assignmentConfig } from "./builders.js";
import { runPicker, runRoundRobin, spread, type StreamItem } from "./simulate.js";

const STREAM_LENGTH = 300;

const streamOf = (maxGapHours: number) =>
  fc.record({
    poolSize: fc.integer({ min: 3, max: 8 }),
    stream: fc.array(
      fc.record({
        lines: fc.integer({ min: 1, max: 3000 }),
        gapHours: fc.double({ min: 0, max: maxGapHours, noNaN: true }),
        reviewHours: fc.double({ min: 0.5, max: 72, noNaN: true }),
      }),
      { minLength: STREAM_LENGTH, maxLength: STREAM_LENGTH },
    ),
  });

const poolOf = (size: number) => Array.from({ length: size }, (_, i) => `reviewer-${i}`);
const maxWeight = (stream: readonly StreamItem[]) =>
  Math.max(...stream.map((item) => sizeWeight(item.lines)));
const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const report: string[] = [];

afterAll(() => {
  console.log(
    `FAIRNESS spread of cumulative weighted load, ${STREAM_LENGTH} PRs: ${report.join("; ")}`,
  );
});

describe("fairness over a stream", () => {
  it("keeps the spread within one PR's weight while the stream is inside the load's memory", () => {
    // 300 PRs at most 6 h apart and reviewed within 72 h all fit in a 90-day window.
    const config = assignmentConfig({ recent_window: "90d" });
    const ours: number[] = [];
    const robin: number[] = [];
    fc.assert(
      fc.property(streamOf(6), ({ poolSize, stream }) => {
        const pool = poolOf(poolSize);
        const picked = runPicker(pool, stream, config);
        const bound = maxWeight(stream);
        ours.push(spread(picked.weight));
        robin.push(spread(runRoundRobin(pool, stream).weight));
        expect(spread(picked.weight)).toBeLessThanOrEqual(bound + 1e-6);
        expect(Math.min(...picked.count)).toBeGreaterThanOrEqual(1);
        expect(spread(picked.weight)).toBeLessThanOrEqual(robin.at(-1)! + bound);
      }),
      { numRuns: 12 },
    );
    report.push(
      `inside the window ours max ${Math.max(...ours).toFixed(2)} (bound: the largest PR weight, ≤ 5) ` +
        `vs round robin mean ${mean(robin).toFixed(2)}, max ${Math.max(...robin).toFixed(2)}`,
    );
  });

  it("beats round robin on average with the default 5-day window over ~7 weeks", () => {
    const config = assignmentConfig();
    const samples = fc.sample(streamOf(8), { numRuns: 12, seed: 20250610 });
    const ours: number[] = [];
    const robin: number[] = [];
    for (const { poolSize, stream } of samples) {
      const pool = poolOf(poolSize);
      const picked = runPicker(pool, stream, config);
      expect(Math.min(...picked.count)).toBeGreaterThanOrEqual(1);
      ours.push(spread(picked.weight));
      robin.push(spread(runRoundRobin(pool, stream).weight));
    }
    expect(mean(ours)).toBeLessThanOrEqual(mean(robin) + 1);
    report.push(
      `default 5d window ours mean ${mean(ours).toFixed(2)}, max ${Math.max(...ours).toFixed(2)} ` +
        `vs round robin mean ${mean(robin).toFixed(2)}, max ${Math.max(...robin).toFixed(2)}`,
    );
  });
});
