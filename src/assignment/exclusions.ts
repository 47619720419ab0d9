// Why a pool member cannot be picked right now, as short plain-text reasons shown in the
// comment and the CLI ranking. The first reason that applies is the one reported.
import type { ReviewerLoad } from "./load.js";

export interface ExclusionContext {
  author: string;
  coAuthors: ReadonlySet<string>;
  alreadyRequested: ReadonlySet<string>;
  missedSla: ReadonlySet<string>;
  excludedByConfig: ReadonlySet<string>;
  away: ReadonlySet<string>;
  busy: ReadonlySet<string>;
  maxOpenReviews: number | undefined;
  loads: ReadonlyMap<string, ReviewerLoad>;
}

export const OUTSIDE_WORKING_HOURS = "outside working hours";

/** Reasons that describe someone's availability (worth telling the team), not the PR itself. */
export function isAvailabilityReason(reason: string): boolean {
  return (
    reason === "away" ||
    reason === "busy" ||
    reason === OUTSIDE_WORKING_HOURS ||
    reason.startsWith("at cap")
  );
}

function atCap(login: string, context: ExclusionContext): string | null {
  const cap = context.maxOpenReviews;
  const open = context.loads.get(login)?.openReviews ?? 0;
  if (cap === undefined || open < cap) return null;
  return `at cap (${open} open review${open === 1 ? "" : "s"})`;
}

/** The reason `login` (lowercase) must not be picked, ignoring working hours; null if none. */
export function exclusionReason(login: string, context: ExclusionContext): string | null {
  if (login === context.author) return "author";
  if (context.coAuthors.has(login)) return "co-author";
  if (context.alreadyRequested.has(login)) return "already requested";
  if (context.missedSla.has(login)) return "missed the SLA";
  if (context.excludedByConfig.has(login)) return "excluded by config";
  if (context.away.has(login)) return "away";
  if (context.busy.has(login)) return "busy";
  return atCap(login, context);
}

/** Lowercases logins and drops a leading `@`, for case-insensitive comparison. */
export function loginSet(logins: Iterable<string>): Set<string> {
  const set = new Set<string>();
  for (const login of logins) set.add(login.replace(/^@/, "").toLowerCase());
  return set;
}
