// Catch-up and repair: imports a repository's open pull requests with their review history, 50
// per GraphQL request, one page per outbox action (so a crash resumes at the page it stopped
// at), then repairs PRs the store thinks open that GitHub has closed meanwhile.
import type { DateTime } from "luxon";
import type { Logger } from "pino";
import { refreshNextDue } from "../next-due.js";
import { reviewerKey } from "../../sla/pull-request.js";
import type { Reviewer } from "../../sla/pull-request.js";
import { actionFor } from "../../outbox/catalogue.js";
import type { Executor, PayloadOf } from "../../outbox/catalogue.js";
import { enqueue } from "../../outbox/enqueue.js";
import type { ActionRow, NewAction, Store } from "../../store/store.js";
import type { InstallationGitHub, IssueEvent, PullSummary, ReviewSummary } from "../client.js";
import type { ShellDeps } from "../deps.js";
import {
  IMPORT_OPEN_PULLS,
  IMPORT_PAGE_SIZE,
  fromGraphql,
  pullStatesQuery,
} from "../graphql-pulls.js";
import type { GraphqlPull, ImportPage } from "../graphql-pulls.js";
import { pullFields, reviewStateOf, reviewerOf, utc } from "../payloads.js";
import type { PullObject } from "../payloads.js";
import { refreshRepositoryConfig } from "./config.js";

type TimelineStep =
  | { at: DateTime; kind: "request" | "unrequest"; reviewer: Reviewer }
  | { at: DateTime; kind: "review"; review: ReviewSummary };

interface Target {
  installationId: number;
  repositoryId: number;
  owner: string;
  repo: string;
}

type PendingPull = PullObject & {
  requested_reviewers?: ({ login: string } | null)[] | null;
  requested_teams?: ({ slug: string } | null)[] | null;
};

function timeline(events: IssueEvent[], reviews: ReviewSummary[]): TimelineStep[] {
  const steps: TimelineStep[] = [];
  for (const event of events) {
    const reviewer = reviewerOf(event);
    if (!reviewer) continue;
    const at = utc(event.created_at);
    if (event.event === "review_requested") steps.push({ at, kind: "request", reviewer });
    if (event.event === "review_request_removed") steps.push({ at, kind: "unrequest", reviewer });
  }
  for (const review of reviews) {
    if (review.submitted_at && review.user)
      steps.push({ at: utc(review.submitted_at), kind: "review", review });
  }
  return steps.sort((a, b) => a.at.toMillis() - b.at.toMillis());
}

/** The last time the PR became ready for review, from its events (creation when never a draft). */
function readySince(pull: PullSummary | PullObject, events: IssueEvent[]): DateTime {
  const ready = events.filter((e) => e.event === "ready_for_review").map((e) => utc(e.created_at));
  return ready.length > 0 ? ready.reduce((a, b) => (b > a ? b : a)) : utc(pull.created_at);
}

async function replay(store: Store, prId: number, steps: TimelineStep[]): Promise<void> {
  await store.reviews.replaceHistory(prId, { requests: [], reviews: [] });
  for (const step of steps) {
    if (step.kind === "review") {
      const state = reviewStateOf(step.review.state);
      const reviewer = step.review.user?.login;
      if (state && reviewer)
        await store.reviews.record(prId, {
          id: step.review.id,
          reviewer,
          state,
          submittedAt: step.at,
        });
    } else if (step.kind === "request") {
      await store.reviews.addRequest(prId, step.reviewer, step.at);
    } else {
      await store.reviews.removeRequest(prId, step.reviewer, step.at);
    }
  }
}

/** Stores a PR with its history replayed in time order, the same steps webhooks take. */
export async function recordPullHistory(
  deps: ShellDeps,
  target: Target,
  pull: PendingPull,
  reviews: ReviewSummary[],
  events: IssueEvent[],
): Promise<number> {
  const fields = pullFields(pull, {
    ...target,
    previousReadyAt: readySince(pull, events),
    becameReady: false,
  });
  await deps.store.transaction(async (tx) => {
    await tx.pulls.upsert(fields);
    await replay(tx, fields.id, timeline(events, reviews));
    // Requests GitHub shows as pending but whose event we could not see: waiting since ready.
    const stored = await tx.pulls.get(fields.id);
    const pending = new Set(
      (stored?.requests ?? [])
        .filter((r) => !r.removedAt && !r.satisfiedAt)
        .map((r) => reviewerKey(r.reviewer)),
    );
    const current: Reviewer[] = [
      ...(pull.requested_reviewers ?? []).flatMap((u) =>
        u ? [{ type: "user" as const, login: u.login }] : [],
      ),
      ...(pull.requested_teams ?? []).flatMap((t) =>
        t ? [{ type: "team" as const, slug: t.slug }] : [],
      ),
    ];
    for (const reviewer of current) {
      if (!pending.has(reviewerKey(reviewer)))
        await tx.reviews.addRequest(fields.id, reviewer, fields.readyAt);
    }
  });
  await refreshNextDue(deps, fields.id);
  return fields.id;
}

/** Imports one PR over REST (three calls): for PRs whose history does not fit one GraphQL page. */
export async function importPullRequest(
  deps: ShellDeps,
  github: InstallationGitHub,
  target: Target,
  number: number,
): Promise<number> {
  const pull = await github.getPull(target.owner, target.repo, number);
  const [reviews, events] = await Promise.all([
    github.listReviews(target.owner, target.repo, number),
    github.listIssueEvents(target.owner, target.repo, number),
  ]);
  return recordPullHistory(deps, target, pull, reviews, events);
}

async function recordNode(
  deps: ShellDeps,
  github: InstallationGitHub,
  target: Target,
  node: GraphqlPull,
): Promise<void> {
  const { pull, reviews, events, complete } = fromGraphql(node);
  if (complete) await recordPullHistory(deps, target, pull, reviews, events);
  else await importPullRequest(deps, github, target, node.number);
}

/** PRs the store has open that the listing did not show: closed or merged while unheard. */
async function repairMissing(
  deps: ShellDeps,
  github: InstallationGitHub,
  target: Target,
  seen: ReadonlySet<number>,
): Promise<number> {
  const missing: number[] = [];
  for (const id of await deps.store.pulls.listOpenIds(target.installationId, target.repositoryId)) {
    const pr = await deps.store.pulls.get(id);
    if (pr && !seen.has(pr.number)) missing.push(pr.number);
  }
  for (let i = 0; i < missing.length; i += IMPORT_PAGE_SIZE) {
    const numbers = missing.slice(i, i + IMPORT_PAGE_SIZE);
    const data = await github.graphql<{ repository: Record<string, GraphqlPull | null> | null }>(
      pullStatesQuery(numbers),
      {
        owner: target.owner,
        name: target.repo,
      },
    );
    for (const node of Object.values(data.repository ?? {}))
      if (node) await recordNode(deps, github, target, node);
  }
  return missing.length;
}

type ImportPayload = PayloadOf<"import-repository">;

/** The first page of an import run named `run` (for `review-sla backfill`). */
export function importAction(
  installationId: number,
  repositoryId: number,
  run: string,
  dueAt: DateTime,
): NewAction {
  return actionFor("import-repository", { repositoryId, run }, { installationId, dueAt });
}

/** Imports one page; enqueues the next, or repairs missing PRs after the last. */
export async function importPage(
  deps: ShellDeps,
  action: Pick<ActionRow, "installationId" | "key">,
  payload: ImportPayload,
  log: Logger,
): Promise<unknown> {
  const repository = await deps.store.repos.get(payload.repositoryId);
  if (!repository || repository.removedAt)
    return { imported: 0, skipped: "repository not tracked" };
  const page = payload.page ?? 0;
  const tag = payload.tag ?? action.key;
  const target = {
    installationId: action.installationId,
    repositoryId: repository.id,
    owner: repository.owner,
    repo: repository.name,
  };
  if (page === 0) await refreshRepositoryConfig(deps, action.installationId, repository.id, log);
  const github = await deps.github(action.installationId);
  const data = await github.graphql<ImportPage>(IMPORT_OPEN_PULLS, {
    owner: target.owner,
    name: target.repo,
    cursor: payload.cursor ?? null,
    size: IMPORT_PAGE_SIZE,
  });
  const listing = data.repository?.pullRequests;
  if (!listing) throw new Error(`GitHub did not return ${target.owner}/${target.repo}`);
  for (const node of listing.nodes) await recordNode(deps, github, target, node);
  const seen = [...(payload.seen ?? []), ...listing.nodes.map((n) => n.number)];
  if (listing.pageInfo.hasNextPage) {
    const next = { repositoryId: repository.id, tag, cursor: listing.pageInfo.endCursor, seen };
    await enqueue(
      deps.store,
      "import-repository",
      { ...next, page: page + 1, run: tag },
      { installationId: action.installationId, dueAt: deps.clock.now() },
    );
    deps.wakeWorker();
    return { imported: listing.nodes.length, page, more: true };
  }
  const repaired = await repairMissing(deps, github, target, new Set(seen));
  log.info({ repo: `${target.owner}/${target.repo}`, open: seen.length, repaired }, "import.done");
  return { imported: listing.nodes.length, page, open: seen.length, repaired };
}

export function importExecutor(deps: ShellDeps): Executor<"import-repository"> {
  return (action, log) => importPage(deps, action, action.payload, log);
}
