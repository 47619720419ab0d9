// Catch-up: imports a repository's open pull requests with their review history, so PRs that
// were already days old when the app arrived are timed from when review was really requested.
import type { DateTime } from "luxon";
import type { Logger } from "pino";
import { refreshNextDue } from "../../scheduler/next-due.js";
import { reviewerKey } from "../../sla/pull-request.js";
import type { Reviewer } from "../../sla/pull-request.js";
import type { ActionRow, Store } from "../../store/store.js";
import type { InstallationGitHub, IssueEvent, PullSummary, ReviewSummary } from "../client.js";
import type { ShellDeps } from "../deps.js";
import { pullFields, reviewStateOf, reviewerOf, utc } from "../payloads.js";
import { refreshRepositoryConfig } from "./config.js";

type TimelineStep =
  | { at: DateTime; kind: "request" | "unrequest"; reviewer: Reviewer }
  | { at: DateTime; kind: "review"; review: ReviewSummary };

function timeline(events: IssueEvent[], reviews: ReviewSummary[]): TimelineStep[] {
  const steps: TimelineStep[] = [];
  for (const event of events) {
    const reviewer = reviewerOf(event);
    if (!reviewer) continue;
    if (event.event === "review_requested")
      steps.push({ at: utc(event.created_at), kind: "request", reviewer });
    if (event.event === "review_request_removed")
      steps.push({ at: utc(event.created_at), kind: "unrequest", reviewer });
  }
  for (const review of reviews) {
    if (review.submitted_at && review.user)
      steps.push({ at: utc(review.submitted_at), kind: "review", review });
  }
  return steps.sort((a, b) => a.at.toMillis() - b.at.toMillis());
}

/** The last time the PR became ready for review, from its events (creation when never a draft). */
function readySince(pull: PullSummary, events: IssueEvent[]): DateTime {
  const ready = events.filter((e) => e.event === "ready_for_review").map((e) => utc(e.created_at));
  return ready.length > 0 ? ready.reduce((a, b) => (b > a ? b : a)) : utc(pull.created_at);
}

async function replay(store: Store, prId: number, steps: TimelineStep[]): Promise<void> {
  await store.replaceReviewHistory(prId, { requests: [], reviews: [] });
  for (const step of steps) {
    if (step.kind === "review") {
      const state = reviewStateOf(step.review.state);
      const reviewer = step.review.user?.login;
      if (state && reviewer) {
        await store.recordReview(prId, {
          id: step.review.id,
          reviewer,
          state,
          submittedAt: step.at,
        });
      }
    } else if (step.kind === "request") {
      await store.addReviewRequest(prId, step.reviewer, step.at);
    } else {
      await store.removeReviewRequest(prId, step.reviewer, step.at);
    }
  }
}

/** Imports one open PR; returns its id. Three GitHub calls: the PR, its reviews, its events. */
export async function importPullRequest(
  deps: ShellDeps,
  github: InstallationGitHub,
  target: { installationId: number; repositoryId: number; owner: string; repo: string },
  number: number,
): Promise<number> {
  const pull = await github.getPull(target.owner, target.repo, number);
  const [reviews, events] = await Promise.all([
    github.listReviews(target.owner, target.repo, number),
    github.listIssueEvents(target.owner, target.repo, number),
  ]);
  const fields = pullFields(pull, {
    ...target,
    previousReadyAt: readySince(pull, events),
    becameReady: false,
  });
  await deps.store.transaction(async (tx) => {
    await tx.upsertPullRequest(fields);
    await replay(tx, fields.id, timeline(events, reviews));
    // Requests GitHub shows as pending but whose event we could not see: waiting since ready.
    const stored = await tx.getPullRequest(fields.id);
    const pending = new Set(
      (stored?.requests ?? [])
        .filter((r) => !r.removedAt && !r.satisfiedAt)
        .map((r) => reviewerKey(r.reviewer)),
    );
    const current = [
      ...(pull.requested_reviewers ?? []).map((u) =>
        u ? ({ type: "user", login: u.login } as const) : null,
      ),
      ...(pull.requested_teams ?? []).map((t) =>
        t ? ({ type: "team", slug: t.slug } as const) : null,
      ),
    ];
    for (const reviewer of current) {
      if (reviewer && !pending.has(reviewerKey(reviewer)))
        await tx.addReviewRequest(fields.id, reviewer, fields.readyAt);
    }
  });
  await refreshNextDue(deps, fields.id);
  return fields.id;
}

export async function importRepository(
  deps: ShellDeps,
  installationId: number,
  repositoryId: number,
  log: Logger,
): Promise<{ imported: number }> {
  const repository = await deps.store.getRepository(repositoryId);
  if (!repository || repository.removedAt) return { imported: 0 };
  await refreshRepositoryConfig(deps, installationId, repositoryId, log);
  const github = await deps.github(installationId);
  const pulls = await github.listOpenPulls(repository.owner, repository.name);
  const target = { installationId, repositoryId, owner: repository.owner, repo: repository.name };
  for (const pull of pulls) await importPullRequest(deps, github, target, pull.number);
  log.info(
    { repo: `${repository.owner}/${repository.name}`, imported: pulls.length },
    "import.done",
  );
  return { imported: pulls.length };
}

export function importExecutor(deps: ShellDeps) {
  return async (action: ActionRow, log: Logger): Promise<unknown> => {
    const payload = action.payload as { repositoryId?: unknown } | null;
    if (typeof payload?.repositoryId !== "number")
      throw new Error(`action ${action.key} lacks repositoryId`);
    return importRepository(deps, action.installationId, payload.repositoryId, log);
  };
}
