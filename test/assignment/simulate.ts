// A review stream for the fairness property: pull requests arrive, each gets one reviewer from
// an equally available pool and is reviewed after a delay; we total the weight each person got.
import { DateTime } from "luxon";
import {
  reviewerLoads,
  sizeWeight,
  type OpenRequest,
  type RecentReview,
} from "../../src/assignment/load.js";
import { pickReviewers } from "../../src/assignment/pick.js";
import type { AssignmentConfig } from "../../src/config/assignment.js";
import { pickInput } from "./builders.js";

export interface StreamItem {
  lines: number;
  /** Hours since the previous pull request arrived. */
  gapHours: number;
  /** Hours from assignment until the review is submitted. */
  reviewHours: number;
}

/** Cumulative size weight assigned per reviewer, in pool order. */
export interface StreamTotals {
  weight: number[];
  count: number[];
}

interface Assigned extends OpenRequest {
  doneAt: DateTime;
}

const HOUR_MS = 3_600_000;
const start = DateTime.fromISO("2025-01-06T09:00:00Z", { zone: "utc" }).toMillis();

function loadsAt(now: DateTime, assigned: readonly Assigned[], config: AssignmentConfig) {
  const openRequests: OpenRequest[] = [];
  const recentReviews: RecentReview[] = [];
  for (const a of assigned) {
    if (a.doneAt > now) openRequests.push(a);
    else recentReviews.push({ ...a, submittedAt: a.doneAt });
  }
  return reviewerLoads({ openRequests, recentReviews, now, config });
}

function emptyTotals(pool: readonly string[]): StreamTotals {
  return { weight: pool.map(() => 0), count: pool.map(() => 0) };
}

function credit(totals: StreamTotals, at: number, lines: number): void {
  totals.weight[at] = (totals.weight[at] ?? 0) + sizeWeight(lines);
  totals.count[at] = (totals.count[at] ?? 0) + 1;
}

/** Assigns every item with our picker, keeping only the history the load can still see. */
export function runPicker(
  pool: readonly string[],
  stream: readonly StreamItem[],
  config: AssignmentConfig,
): StreamTotals {
  const totals = emptyTotals(pool);
  const base = pickInput({ candidates: [...pool], author: "author", config });
  const windowMs = config.recent_window.toMillis();
  let nowMs = start;
  let assigned: Assigned[] = [];
  stream.forEach((item, n) => {
    nowMs += item.gapHours * HOUR_MS;
    const now = DateTime.fromMillis(nowMs, { zone: "utc" });
    assigned = assigned.filter((a) => a.doneAt.toMillis() > nowMs - windowMs);
    const loads = loadsAt(now, assigned, config);
    const login = pickReviewers({ ...base, loads, tieBreakSeed: `sim/repo#${n}` }).chosen[0]?.login;
    if (login === undefined) throw new Error(`nobody picked for item ${n}`);
    credit(totals, pool.indexOf(login), item.lines);
    const doneAt = DateTime.fromMillis(nowMs + item.reviewHours * HOUR_MS, { zone: "utc" });
    assigned.push({ login, pullRequestId: n, additions: item.lines, deletions: 0, doneAt });
  });
  return totals;
}

/** Plain round robin over the same stream: the baseline GitHub's team assignment offers. */
export function runRoundRobin(
  pool: readonly string[],
  stream: readonly StreamItem[],
): StreamTotals {
  const totals = emptyTotals(pool);
  stream.forEach((item, n) => credit(totals, n % pool.length, item.lines));
  return totals;
}

export const spread = (values: readonly number[]) => Math.max(...values) - Math.min(...values);
