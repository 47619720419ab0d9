// Reviewer load as the dashboard shows it: open review requests per person, their size-weighted
// sum (the assignment's size weight), who is away today and who has reached the cap.
import type { DateTime } from "luxon";
import { awayOn, mergeAway } from "../assignment/away.js";
import { sizeWeight } from "../assignment/load.js";
import type { RepoConfig } from "../config/schema.js";

export interface OpenRequestItem {
  login: string;
  additions: number;
  deletions: number;
}

export interface LoadRow {
  login: string;
  openReviews: number;
  /** Sum of min(5, 1 + log2(1 + lines / 250)) over the open requests. */
  weighted: number;
  away: boolean;
  /** `assignment.max_open_reviews`, when set. */
  cap: number | null;
  atCap: boolean;
}

/** One row per requested person, heaviest first. */
export function reviewerLoadRows(
  requests: readonly OpenRequestItem[],
  config: RepoConfig,
  now: DateTime,
): LoadRow[] {
  const tallies = new Map<string, { login: string; open: number; weighted: number }>();
  for (const request of requests) {
    const key = request.login.toLowerCase();
    const tally = tallies.get(key) ?? { login: request.login, open: 0, weighted: 0 };
    tally.open += 1;
    tally.weighted += sizeWeight(request.additions + request.deletions);
    tallies.set(key, tally);
  }
  const logins = [...tallies.values()].map((t) => t.login);
  const ranges = mergeAway(config.assignment.away, config.people);
  const away = awayOn(now, logins, ranges, config.people, config.timezone);
  const cap = config.assignment.max_open_reviews ?? null;
  return [...tallies.values()]
    .map((t) => ({
      login: t.login,
      openReviews: t.open,
      weighted: Math.round(t.weighted * 100) / 100,
      away: away.has(t.login.toLowerCase()),
      cap,
      atCap: cap !== null && t.open >= cap,
    }))
    .sort((a, b) => b.weighted - a.weighted || a.login.localeCompare(b.login));
}
