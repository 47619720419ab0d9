// Chooses reviewers from a pool: drop who cannot review now, rank the rest by load (minus a
// code-owner bonus), break ties by a rotating hash, and say why each person was chosen.
import type { AssignmentConfig } from "../config/assignment.js";
import { formatDuration } from "../config/duration.js";
import {
  OUTSIDE_WORKING_HOURS,
  exclusionReason,
  loginSet,
  type ExclusionContext,
} from "./exclusions.js";
import type { ReviewerLoad } from "./load.js";
import { rotationKey } from "./tie-break.js";

export interface PickInput {
  /** Pool members resolved to logins (teams expanded by the caller). */
  candidates: readonly string[];
  poolName: string;
  count: number;
  author: string;
  coAuthors: readonly string[];
  alreadyRequested: readonly string[];
  /** E.g. the reviewer who missed the SLA; reported as "missed the SLA". */
  excludeAlso: readonly string[];
  loads: ReadonlyMap<string, ReviewerLoad>;
  away: ReadonlySet<string>;
  busy: ReadonlySet<string>;
  /** Only consulted when `only_working_hours` is on. */
  outsideWorkingHours: ReadonlySet<string>;
  /** Logins owning changed paths (with or without `@`); teams expanded by the caller. */
  codeowners: ReadonlySet<string>;
  config: AssignmentConfig;
  tieBreakSeed: string;
}

export interface RankedCandidate {
  login: string;
  load: number;
  score: number;
  excluded: string | null;
}

export interface ChosenReviewer {
  login: string;
  load: number;
  /** Plain text ending in a ranking phrase, e.g. "1 open review, lightest". */
  reason: string;
}

export interface PickResult {
  chosen: ChosenReviewer[];
  ranking: RankedCandidate[];
  summary: string;
}

interface Scored extends RankedCandidate {
  key: string;
  owner: boolean;
  rotation: number;
}

/** Scores are compared at micro-load precision so float noise never decides between people. */
const quantise = (score: number) => Math.round(score * 1e6);

function unique(logins: readonly string[]): string[] {
  const seen = new Set<string>();
  return logins.filter((login) => {
    const key = login.replace(/^@/, "").toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function exclusionContext(input: PickInput): ExclusionContext {
  return {
    author: input.author.replace(/^@/, "").toLowerCase(),
    coAuthors: loginSet(input.coAuthors),
    alreadyRequested: loginSet(input.alreadyRequested),
    missedSla: loginSet(input.excludeAlso),
    excludedByConfig: loginSet(input.config.exclude),
    away: loginSet(input.away),
    busy: loginSet(input.busy),
    maxOpenReviews: input.config.max_open_reviews,
    loads: input.loads,
  };
}

function scoreAll(input: PickInput): Scored[] {
  const context = exclusionContext(input);
  const owners = loginSet(input.codeowners);
  return unique(input.candidates).map((spelled) => {
    const login = spelled.replace(/^@/, "");
    const key = login.toLowerCase();
    const load = input.loads.get(key)?.load ?? 0;
    const owner = input.config.prefer_codeowners && owners.has(key);
    const score = owner ? load - input.config.codeowners_bonus : load;
    const rotation = rotationKey(input.tieBreakSeed, key);
    return { login, key, load, score, owner, rotation, excluded: exclusionReason(key, context) };
  });
}

/** With only_working_hours, excludes those outside their hours unless that leaves nobody. */
function applyWorkingHours(scored: Scored[], input: PickInput): boolean {
  if (!input.config.only_working_hours) return false;
  const outside = loginSet(input.outsideWorkingHours);
  const available = scored.filter((c) => c.excluded === null);
  if (available.length === 0 || available.every((c) => outside.has(c.key))) {
    return available.length > 0;
  }
  for (const candidate of available)
    if (outside.has(candidate.key)) candidate.excluded = OUTSIDE_WORKING_HOURS;
  return false;
}

function compare(a: Scored, b: Scored): number {
  return (
    Number(a.excluded !== null) - Number(b.excluded !== null) ||
    quantise(a.score) - quantise(b.score) ||
    Number(b.owner) - Number(a.owner) ||
    a.rotation - b.rotation ||
    a.key.localeCompare(b.key)
  );
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

function reasonFor(picked: Scored, index: number, available: Scored[], input: PickInput): string {
  const load = input.loads.get(picked.key);
  const facts = [plural(load?.openReviews ?? 0, "open review")];
  const recent = load?.recentReviews ?? 0;
  if (recent > 0)
    facts.push(`${recent} reviewed in the last ${formatDuration(input.config.recent_window)}`);
  const first = available[0] ?? picked;
  const tied =
    available.filter((c) => quantise(c.score) === quantise(picked.score)).length > 1 &&
    quantise(picked.score) === quantise(first.score);
  const lighterElsewhere = available.some(
    (c) => c !== picked && !c.owner && quantise(c.load) < quantise(picked.load),
  );
  if (picked.owner && lighterElsewhere) facts.push("code owner, preferred over lighter members");
  else {
    if (picked.owner) facts.push("code owner");
    if (tied) facts.push("tied for lightest");
    else facts.push(index === 0 ? "lightest" : "next lightest");
  }
  return facts.join(", ");
}

function describeExclusions(ranking: readonly RankedCandidate[]): string {
  return ranking
    .filter((c) => c.excluded !== null)
    .map((c) => `${c.login} (${c.excluded})`)
    .join(", ");
}

function summarise(chosen: ChosenReviewer[], ranking: RankedCandidate[], input: PickInput) {
  const skipped = describeExclusions(ranking);
  if (chosen.length === 0) {
    const why = ranking.length === 0 ? "the pool has no members" : `unavailable: ${skipped}`;
    return `nobody can be picked from ${input.poolName}: ${why}`;
  }
  const parts = [
    `picked ${chosen.map((c) => `${c.login} (${c.reason})`).join(", ")} from ${input.poolName}`,
  ];
  if (chosen.length < input.count)
    parts.push(`only ${chosen.length} of ${input.count} wanted could be picked`);
  if (skipped !== "") parts.push(`skipped ${skipped}`);
  return parts.join("; ");
}

/** Picks up to `input.count` reviewers; the same input always gives the same result. */
export function pickReviewers(input: PickInput): PickResult {
  const scored = scoreAll(input);
  const fellBack = applyWorkingHours(scored, input);
  scored.sort(compare);
  const available = scored.filter((c) => c.excluded === null);
  const picks = available.slice(0, Math.max(0, input.count));
  const chosen = picks.map((picked, index) => ({
    login: picked.login,
    load: picked.load,
    reason: reasonFor(picked, index, available, input),
  }));
  const ranking = scored.map(({ login, load, score, excluded }) => ({
    login,
    load,
    score,
    excluded,
  }));
  let summary = summarise(chosen, ranking, input);
  if (fellBack) summary += "; nobody is in working hours, so everyone available was considered";
  return { chosen, ranking, summary };
}
