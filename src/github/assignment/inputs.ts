// Gathers everything the pure picker needs for one pull request: the pool with teams expanded,
// loads from the store, co-authors, who is away, busy or off hours, and code owners.
import type { DateTime } from "luxon";
import { awayOn, mergeAway } from "../../assignment/away.js";
import { coAuthorLogins } from "../../assignment/co-authors.js";
import { reviewerLoads } from "../../assignment/load.js";
import type { PickInput } from "../../assignment/pick.js";
import {
  describePool,
  needsAssignment,
  poolCandidates,
  reviewerCount,
} from "../../assignment/pool.js";
import { isWithinWorkingHours } from "../../clock/calendar.js";
import { parsePoolEntry } from "../../config/assignment.js";
import { personCalendar } from "../../config/calendar.js";
import type { RepoConfig } from "../../config/schema.js";
import type { RepositoryRow, StoredPullRequest } from "../../store/store.js";
import type { InstallationGitHub } from "../client.js";
import { teamMembers } from "../teams.js";
import type { TeamDeps } from "../teams.js";
import { codeownerLogins } from "./codeowners.js";

export type Trigger = "ready" | "escalation";

const lower = (login: string) => login.toLowerCase();

export interface AssignmentTarget {
  pr: StoredPullRequest;
  repository: RepositoryRow;
  config: RepoConfig;
}

/** Requests still waiting for an answer: user logins and team slugs. */
export function pendingReviewers(pr: StoredPullRequest): { users: string[]; teams: string[] } {
  const pending = pr.requests.filter((r) => r.removedAt === null && r.satisfiedAt === null);
  return {
    users: pending.flatMap((r) => (r.reviewer.type === "user" ? [r.reviewer.login] : [])),
    teams: pending.flatMap((r) => (r.reviewer.type === "team" ? [r.reviewer.slug] : [])),
  };
}

/** True when nobody specific is asked: no user, and only pool teams (of the PR's org), if any. */
export function needsPoolAssignment(target: AssignmentTarget): boolean {
  const { users, teams } = pendingReviewers(target.pr);
  return needsAssignment({
    requestedUsers: users,
    requestedTeams: teams.map((slug) => `${target.pr.owner}/${slug}`),
    pool: target.config.assignment.pool,
  });
}

function poolTeams(pool: readonly string[]): string[] {
  return pool.flatMap((text) => {
    const entry = parsePoolEntry(text);
    return entry?.type === "team" ? [`${entry.org}/${entry.slug}`] : [];
  });
}

async function busyAmong(
  deps: TeamDeps,
  github: InstallationGitHub,
  logins: readonly string[],
): Promise<Set<string>> {
  try {
    return await github.busyUsers(logins);
  } catch (error) {
    // GitHub status is a courtesy signal: unreadable means "not known to be busy".
    deps.log.warn({ err: error, users: logins.length }, "assignment.status_unavailable");
    return new Set();
  }
}

async function loadsAt(deps: TeamDeps, target: AssignmentTarget, now: DateTime) {
  const installationId = target.pr.installationId;
  const config = target.config.assignment;
  return reviewerLoads({
    openRequests: await deps.store.reviews.openUserRequests(installationId),
    recentReviews: await deps.store.reviews.submittedSince(
      installationId,
      now.minus(config.recent_window),
    ),
    now,
    config,
  });
}

async function codeowners(deps: TeamDeps, github: InstallationGitHub, target: AssignmentTarget) {
  if (!target.config.assignment.prefer_codeowners) return new Set<string>();
  const { pr, repository } = target;
  return codeownerLogins(deps, github, {
    installationId: pr.installationId,
    owner: pr.owner,
    repo: pr.repo,
    number: pr.number,
    defaultBranch: repository.defaultBranch,
  });
}

/**
 * Who is away, busy (GitHub status) or outside their working hours. Only people who could still
 * be picked are looked up on GitHub.
 */
async function availability(
  deps: TeamDeps,
  github: InstallationGitHub,
  target: AssignmentTarget,
  people: { candidates: readonly string[]; notAsked: readonly string[]; now: DateTime },
): Promise<Pick<PickInput, "away" | "busy" | "outsideWorkingHours">> {
  const { config } = target;
  const { candidates, now } = people;
  const awayRanges = mergeAway(config.assignment.away, config.people);
  const away = awayOn(now, candidates, awayRanges, config.people, config.timezone);
  const skip = new Set([...people.notAsked, ...config.assignment.exclude, ...away].map(lower));
  const busy = await busyAmong(
    deps,
    github,
    candidates.filter((login) => !skip.has(lower(login))),
  );
  const outsideWorkingHours = new Set(
    candidates.filter((login) => !isWithinWorkingHours(now, personCalendar(config, login))),
  );
  return { away, busy, outsideWorkingHours };
}

/** The picker's input for `target` as of `now`; reads GitHub (teams, commits, status, CODEOWNERS). */
export async function gatherPickInput(
  deps: TeamDeps,
  github: InstallationGitHub,
  target: AssignmentTarget,
  options: { trigger: Trigger; missedSla: readonly string[]; now: DateTime },
): Promise<PickInput> {
  const { pr, config } = target;
  const { now } = options;
  const settings = config.assignment;
  const members = await teamMembers(deps, github, pr.installationId, poolTeams(settings.pool));
  const candidates = poolCandidates(settings.pool, members, config.sla.ignore_reviewers);
  // Reviewers who missed the SLA are still requested; they are reported as having missed it.
  const missed = new Set(options.missedSla.map(lower));
  const alreadyRequested = pendingReviewers(pr).users.filter((l) => !missed.has(lower(l)));
  const coAuthors = coAuthorLogins(
    await github.listPullCommitMessages(pr.owner, pr.repo, pr.number),
  );
  const notAsked = [pr.author, ...coAuthors, ...alreadyRequested, ...options.missedSla];
  const available = await availability(deps, github, target, { candidates, notAsked, now });
  return {
    candidates,
    poolName: describePool(settings.pool),
    count: reviewerCount(options.trigger, settings),
    author: pr.author,
    coAuthors,
    alreadyRequested,
    excludeAlso: options.missedSla,
    loads: await loadsAt(deps, target, now),
    ...available,
    codeowners: await codeowners(deps, github, target),
    config: settings,
    tieBreakSeed: `${pr.owner}/${pr.repo}#${pr.number}`,
  };
}
