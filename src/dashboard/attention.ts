// The PRs that need someone now: breaching an SLA (the digest's rule) or due within one working
// day, each with whose turn it is (the SLA core's turn) and the working time left or overdue.
import { Duration } from "luxon";
import type { DateTime } from "luxon";
import { breachingNow } from "../digest/breaching.js";
import type { DigestInput, DigestPullRequest } from "../digest/input.js";
import { workingTimeMeter } from "../digest/working-time.js";
import { evaluatePullRequest } from "../sla/policy.js";
import type { SlaRules, Turn } from "../sla/policy.js";
import type { PullRequestState } from "../sla/pull-request.js";
import type { ClockMode, TeamCalendar } from "../clock/calendar.js";

export interface AttentionItem {
  owner: string;
  repo: string;
  number: number;
  /** Untrusted: escaped by the renderer. */
  title: string;
  url: string;
  author: string;
  sla: "first-review" | "resolution";
  turn: Turn;
  /** Who the turn names: pending reviewers, the author, or nobody. */
  waitingOn: string[];
  /** Working time left before the SLA (negative: overdue by that much). */
  leftMs: number;
}

export interface AttentionInput {
  now: DateTime;
  calendar: TeamCalendar;
  clockMode: ClockMode;
  rules: SlaRules;
  /** Open PRs with their review history, and the same PR as the digest measures it. */
  pulls: readonly { state: PullRequestState; measured: DigestPullRequest }[];
}

/** One working day of the team: 24 h of counted time, or the working hours of one day. */
export function oneWorkingDay(calendar: TeamCalendar, mode: ClockMode): Duration {
  if (mode !== "working-hours") return Duration.fromObject({ hours: 24 });
  return Duration.fromObject({
    minutes: calendar.workingHours.end - calendar.workingHours.start,
  });
}

function waitingOn(state: PullRequestState, turn: Turn): string[] {
  if (turn.whose === "author" || turn.whose === "merge") return [state.author];
  if (turn.whose !== "reviewers") return [];
  return state.requests
    .filter((r) => r.removedAt === null && r.satisfiedAt === null)
    .map((r) => (r.reviewer.type === "user" ? r.reviewer.login : `team ${r.reviewer.slug}`));
}

/** The SLA still running for a PR at `now` and its working time left; null when none runs. */
function runningSla(pr: DigestPullRequest, now: DateTime, waitedMs: number) {
  const reviewed = pr.firstReviewAt !== null && pr.firstReviewAt <= now;
  const resolved = [pr.changesRequestedAt, pr.mergedAt].some((t) => t !== null && t <= now);
  if (!reviewed)
    return { sla: "first-review" as const, leftMs: pr.firstReviewSla.toMillis() - waitedMs };
  if (!resolved)
    return { sla: "resolution" as const, leftMs: pr.resolutionSla.toMillis() - waitedMs };
  return null;
}

/** Breaching now (oldest first) and due within a working day (soonest first). */
export function attention(input: AttentionInput): {
  breaching: AttentionItem[];
  dueSoon: AttentionItem[];
} {
  const meter = workingTimeMeter(input, input.now);
  const digestView: DigestInput = {
    scopeName: "",
    period: { start: input.now, end: input.now },
    previousPeriod: { start: input.now, end: input.now },
    now: input.now,
    calendar: input.calendar,
    clockMode: input.clockMode,
    pullRequests: input.pulls.map((p) => p.measured),
    actions: [],
    openRequests: [],
    reviews: [],
    slackUsers: new Map(),
    unmappedLogins: [],
    limits: { topReviewers: 0, breaches: Number.MAX_SAFE_INTEGER },
  };
  const breachKeys = new Set(
    breachingNow(digestView, () => null, meter).items.map(
      (b) => `${b.owner}/${b.repo}#${b.number}`,
    ),
  );
  const day = oneWorkingDay(input.calendar, input.clockMode).toMillis();
  const breaching: AttentionItem[] = [];
  const dueSoon: AttentionItem[] = [];
  for (const { state, measured } of input.pulls) {
    if (!measured.open || measured.draft || measured.exempt) continue;
    const waited = meter.between(measured.readyAt, input.now).toMillis();
    const running = runningSla(measured, input.now, waited);
    if (running === null) continue;
    const turn = evaluatePullRequest(state, input.rules, input.calendar, input.now, new Set()).turn;
    const item: AttentionItem = {
      owner: measured.owner,
      repo: measured.repo,
      number: measured.number,
      title: measured.title,
      url: measured.url,
      author: measured.author,
      turn,
      waitingOn: waitingOn(state, turn),
      ...running,
    };
    const key = `${item.owner}/${item.repo}#${item.number}`;
    if (breachKeys.has(key)) breaching.push(item);
    else if (running.leftMs > 0 && running.leftMs <= day) dueSoon.push(item);
  }
  breaching.sort((a, b) => a.leftMs - b.leftMs);
  dueSoon.sort((a, b) => a.leftMs - b.leftMs);
  return { breaching, dueSoon };
}
