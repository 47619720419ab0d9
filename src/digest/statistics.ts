// Order statistics for the digest. Percentiles use the nearest-rank method: the p-th percentile
// of n sorted values is the value at rank ⌈p/100 × n⌉, so it is always an observed value.
import { Duration } from "luxon";

/** Nearest-rank percentile (0 < p ≤ 100) of `values`; null for an empty list. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? null;
}

/** Nearest-rank median: for an even count, the lower of the two middle values. */
export function median(values: readonly number[]): number | null {
  return percentile(values, 50);
}

/** Nearest-rank percentile of durations; null for an empty list. */
export function durationPercentile(durations: readonly Duration[], p: number): Duration | null {
  const ms = percentile(
    durations.map((d) => d.toMillis()),
    p,
  );
  return ms === null ? null : Duration.fromMillis(ms);
}

/** `part` as a percentage of `whole`; null when `whole` is zero. */
export function percentage(part: number, whole: number): number | null {
  return whole === 0 ? null : (part / whole) * 100;
}
