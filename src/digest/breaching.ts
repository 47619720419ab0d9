// PRs past an SLA right now: open, ready, not a draft, and either unreviewed past the first-review
// SLA or neither merged nor sent back (changes requested) past the resolution SLA. Oldest first.
import type { DateTime } from "luxon";
import type { DigestInput, DigestPullRequest, OpenReviewRequest, PullRequestRef } from "./input.js";
import type { BreachingPullRequest, WaitingOn } from "./report.js";
import type { SlackDirectory } from "./slack-users.js";
import { uniqueLogins } from "./slack-users.js";
import type { WorkingTimeMeter } from "./working-time.js";

export function prKey(ref: PullRequestRef): string {
  return `${ref.owner}/${ref.repo}#${ref.number}`.toLowerCase();
}

/** Open at `now`: still open, or closed only later (a digest computed `--at` a past time). */
function openAt(pr: DigestPullRequest, now: DateTime): boolean {
  return pr.open || (pr.closedAt !== null && pr.closedAt > now);
}

function breachOf(
  pr: DigestPullRequest,
  now: DateTime,
  meter: WorkingTimeMeter,
): BreachingPullRequest | null {
  if (!openAt(pr, now) || pr.draft || pr.exempt || pr.readyAt > now) return null;
  const waited = meter.between(pr.readyAt, now);
  const reviewed = pr.firstReviewAt !== null && pr.firstReviewAt <= now;
  const resolved = [pr.changesRequestedAt, pr.mergedAt].some((t) => t !== null && t <= now);
  const base = {
    owner: pr.owner,
    repo: pr.repo,
    number: pr.number,
    title: pr.title,
    url: pr.url,
    author: pr.author,
    readyAt: pr.readyAt,
    waited,
    waitingOn: [],
  };
  if (!reviewed && waited.toMillis() > pr.firstReviewSla.toMillis()) {
    return { ...base, kind: "first-review", sla: pr.firstReviewSla };
  }
  if (!resolved && waited.toMillis() > pr.resolutionSla.toMillis()) {
    return { ...base, kind: "resolution", sla: pr.resolutionSla };
  }
  return null;
}

function waitingOnFor(
  requests: readonly OpenReviewRequest[],
  slackUserId: SlackDirectory,
): WaitingOn[] {
  return uniqueLogins(requests.map((r) => r.login)).map((login) => ({
    login,
    slackUserId: slackUserId(login),
  }));
}

function oldestFirst(a: BreachingPullRequest, b: BreachingPullRequest): number {
  return a.readyAt.toMillis() - b.readyAt.toMillis() || prKey(a).localeCompare(prKey(b));
}

/** The breaching PRs at `now`: the oldest `limits.breaches` of them, and how many in all. */
export function breachingNow(
  input: DigestInput,
  slackUserId: SlackDirectory,
  meter: WorkingTimeMeter,
): { items: BreachingPullRequest[]; total: number } {
  const all = input.pullRequests
    .map((pr) => breachOf(pr, input.now, meter))
    .filter((b) => b !== null)
    .sort(oldestFirst);
  const requestsByPr = new Map<string, OpenReviewRequest[]>();
  for (const request of input.openRequests) {
    const key = prKey(request.pr);
    const list = requestsByPr.get(key) ?? [];
    list.push(request);
    requestsByPr.set(key, list);
  }
  const items = all.slice(0, input.limits.breaches).map((breach) => ({
    ...breach,
    waitingOn: waitingOnFor(requestsByPr.get(prKey(breach)) ?? [], slackUserId),
  }));
  return { items, total: all.length };
}
