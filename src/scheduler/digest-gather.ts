// Reads what one scope's digest is computed from out of the store (a few queries), as the plain
// `DigestInput` the pure core takes: the PRs, actions, requests and reviews of the scope.
import { exemptionOf } from "../sla/exemptions.js";
import type { DateTime } from "luxon";
import { teamCalendar } from "../config/calendar.js";
import type {
  DigestAction,
  DigestInput,
  DigestPullRequest,
  OpenReviewRequest,
  SubmittedReview,
} from "../digest/input.js";
import { digestPeriod, previousPeriod } from "../digest/period.js";
import type { DigestPeriod } from "../digest/period.js";
import type { ConfigCache } from "../sla/config-cache.js";
import { slaFor } from "../sla/overrides.js";
import type { PullRequestState } from "../sla/pull-request.js";
import { isHumanReview } from "../sla/reviewers.js";
import { whoseTurn } from "../sla/turn.js";
import { slackUsersFor } from "../identity/slack-users.js";
import type { IdentityDeps } from "../identity/slack-users.js";
import type { DigestPullRequestRow } from "../store/digests.js";
import type { RepositoryRow } from "../store/store.js";
import type { DigestScope } from "./digest-scope.js";

export interface GatherDeps extends IdentityDeps {
  configs: ConfigCache;
  log: { warn(obj: object, msg: string): void };
  /** The installation's GitHub client (team members, emails); null for an offline preview. */
  github:
    | (IdentityDeps["github"] & {
        /** A team's members, or null when the team is not found or not readable. */
        listTeamMembers(org: string, slug: string): Promise<string[] | null>;
      })
    | null;
  githubWebUrl: string;
}

export interface GatheredDigest {
  input: DigestInput;
  /** What could not be taken into account (e.g. teams without GitHub access), for the preview. */
  notes: string[];
}

/** Lower-case logins of the scope's teams; notes the teams that could not be read. */
async function teamMembers(
  deps: GatherDeps,
  scope: DigestScope,
  notes: string[],
): Promise<Set<string>> {
  const members = new Set<string>();
  for (const team of scope.teams) {
    const logins = deps.github ? await deps.github.listTeamMembers(team.org, team.slug) : null;
    if (logins === null) notes.push(`team ${team.org}/${team.slug} could not be read`);
    for (const login of logins ?? []) members.add(login.toLowerCase());
  }
  return members;
}

/** The PR as it stood at `at`: history after it removed, open unless closed by then. */
function pullRequestAsOf(pr: PullRequestState, at: DateTime): PullRequestState {
  const before = (t: DateTime | null | undefined) => (t && t <= at ? t : null);
  const closedAt = before(pr.closedAt);
  return {
    ...pr,
    open: closedAt === null,
    closedAt,
    mergedAt: before(pr.mergedAt),
    merged: before(pr.mergedAt) !== null,
    pushedAt: before(pr.pushedAt),
    reviews: pr.reviews.filter((r) => r.submittedAt <= at),
    requests: pr.requests
      .filter((q) => q.requestedAt <= at)
      .map((q) => ({ ...q, removedAt: before(q.removedAt), satisfiedAt: before(q.satisfiedAt) })),
  };
}

/**
 * A stored PR as the digest (and the dashboard) measures it: its SLAs from its repo's config.
 * When the row carries its review history, the first review is the first by a person (not a bot,
 * not `sla.ignore_reviewers`, as for the SLA), and `turnAt` gives whose turn it was at that time.
 */
export function toDigestPullRequest(
  row: DigestPullRequestRow,
  repository: RepositoryRow | undefined,
  deps: Pick<GatherDeps, "configs" | "githubWebUrl">,
  turnAt?: DateTime,
): DigestPullRequest {
  const { pr } = row;
  const { config, calendar } = deps.configs.resolve(repository?.configJson ?? null);
  const sla = slaFor(pr, config.sla);
  let { firstReviewAt, firstChangesRequestedAt } = row;
  if (pr.reviews.length > 0) {
    const author = pr.author.toLowerCase();
    const human = pr.reviews.filter(
      (r) =>
        r.submittedAt >= pr.readyAt &&
        r.reviewer.toLowerCase() !== author &&
        isHumanReview(r, config.sla.ignore_reviewers),
    );
    firstReviewAt = human[0]?.submittedAt ?? null;
    firstChangesRequestedAt =
      human.find((r) => r.state === "changes_requested")?.submittedAt ?? null;
  }
  const asOf = turnAt === undefined ? null : pullRequestAsOf(pr, turnAt);
  const turn =
    asOf !== null && asOf.open && pr.createdAt <= (turnAt ?? pr.createdAt)
      ? whoseTurn(asOf, config, calendar).whose
      : null;
  return {
    owner: pr.owner,
    repo: pr.repo,
    number: pr.number,
    title: pr.title,
    url: `${deps.githubWebUrl}/${pr.owner}/${pr.repo}/pull/${pr.number}`,
    author: pr.author,
    aiAssisted: pr.aiAssisted,
    draft: pr.draft,
    exempt: ["paused", "skipped-label", "skipped-author"].includes(exemptionOf(pr, config) ?? ""),
    open: pr.open,
    createdAt: pr.createdAt,
    readyAt: pr.readyAt,
    firstReviewAt,
    changesRequestedAt: firstChangesRequestedAt,
    mergedAt: pr.mergedAt,
    closedAt: pr.closedAt,
    firstReviewSla: sla.firstReview,
    resolutionSla: sla.resolution,
    ...(turn === null ? {} : { turnAtPeriodEnd: turn }),
  };
}

/** An action that spoke: not skipped as stale, not a reminder overtaken by an escalation. */
export function performed(action: { payload: unknown; result: unknown }): boolean {
  const flag = (value: unknown, name: string) =>
    typeof value === "object" && value !== null && name in value;
  return !flag(action.payload, "superseded") && !flag(action.result, "skipped");
}

/** The scope's PRs (by id) open at some point since the previous week began. */
async function scopePullRequests(
  deps: GatherDeps,
  scope: DigestScope,
  repositories: readonly RepositoryRow[],
  window: { now: DateTime; openSince: DateTime; periodEnd: DateTime; notes: string[] },
): Promise<Map<number, DigestPullRequest>> {
  const members = await teamMembers(deps, scope, window.notes);
  const rows = await deps.store.digests.digestPullRequests(
    repositories.map((r) => r.id),
    { createdBefore: window.now, openSince: window.openSince, history: true },
  );
  const byId = new Map(repositories.map((r) => [r.id, r]));
  const prs = new Map<number, DigestPullRequest>();
  for (const row of rows) {
    const inScope =
      scope.repositoryIds.has(row.pr.repositoryId) || members.has(row.pr.author.toLowerCase());
    if (!inScope) continue;
    const repository = byId.get(row.pr.repositoryId);
    prs.set(row.pr.id, toDigestPullRequest(row, repository, deps, window.periodEnd));
  }
  return prs;
}

function actionKind(kind: string): DigestAction["kind"] {
  return kind === "reminder" || kind === "nudge" ? kind : "escalation";
}

/** The scope's actions since the previous week began, its open requests and week's reviews. */
async function scopeActivity(
  store: GatherDeps["store"],
  scope: DigestScope,
  prs: ReadonlyMap<number, DigestPullRequest>,
  times: { period: DigestPeriod; previous: DigestPeriod; now: DateTime },
) {
  const { period, previous, now } = times;
  const range = { from: previous.start, to: period.end };
  const kinds = ["reminder", "escalation", "nudge"];
  const actions: DigestAction[] = (
    await store.digests.performedActions(scope.installationId, kinds, range)
  )
    .filter((a) => a.pullRequestId !== null && prs.has(a.pullRequestId) && performed(a))
    .map((a) => ({ kind: actionKind(a.kind), performedAt: a.performedAt }));
  const openRequests: OpenReviewRequest[] = [];
  for (const request of await store.digests.pendingUserRequestsAt(scope.installationId, now)) {
    const pr = prs.get(request.pullRequestId);
    if (pr) openRequests.push({ login: request.login, requestedAt: request.requestedAt, pr });
  }
  const reviews: SubmittedReview[] = [];
  const week = { from: period.start, to: period.end };
  for (const review of await store.digests.reviewsBetween(scope.installationId, week)) {
    const pr = prs.get(review.pullRequestId);
    if (pr) reviews.push({ ...review, pr });
  }
  return { actions, openRequests, reviews };
}

/** Snoozes and claims performed in the scope's installation during the week. */
async function commandCounts(
  deps: GatherDeps,
  installationId: number,
  period: { start: DateTime; end: DateTime },
) {
  const counts = await deps.store.commands.countBetween([installationId], period.start, period.end);
  return { snoozes: counts.get("snooze") ?? 0, claims: counts.get("claim") ?? 0 };
}

/** The digest input of `scope` for the last full week before `now`. */
export async function gatherDigestInput(
  deps: GatherDeps,
  scope: DigestScope,
  now: DateTime,
): Promise<GatheredDigest> {
  const { config } = scope;
  const period = digestPeriod(now, config.timezone);
  const previous = previousPeriod(period, config.timezone);
  const notes: string[] = [];
  const repositories = await deps.store.repos.list(scope.installationId);
  const prs = await scopePullRequests(deps, scope, repositories, {
    now,
    openSince: previous.start,
    periodEnd: period.end < now ? period.end : now,
    notes,
  });
  const activity = await scopeActivity(deps.store, scope, prs, { period, previous, now });
  const logins = [...new Set(activity.openRequests.map((r) => r.login))];
  const { slackUsers, unmapped } = await slackUsersFor(deps, config, logins);
  const input: DigestInput = {
    scopeName: scope.name,
    period,
    previousPeriod: previous,
    now,
    calendar: teamCalendar(config),
    clockMode: config.clock,
    pullRequests: [...prs.values()],
    ...activity,
    slackUsers,
    unmappedLogins: unmapped,
    commands: await commandCounts(deps, scope.installationId, period),
    limits: { topReviewers: config.digest.top_n, breaches: config.digest.breaches_limit },
  };
  return { input, notes };
}
