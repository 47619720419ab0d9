// pull_request and pull_request_review webhooks: record the PR's new state, re-plan its next
// action, and enqueue event-driven work. Nothing here calls GitHub.
import { applyOnce } from "./once.js";
import type { Context } from "probot";
import { DateTime } from "luxon";
import type { RepoConfig } from "../../config/schema.js";
import { actionFor, importRun } from "../../outbox/catalogue.js";
import { enqueueAll } from "../../outbox/enqueue.js";
import { refreshNextDueOf } from "../next-due.js";
import type { Reviewer } from "../../sla/pull-request.js";
import type { ConfigCache } from "../../sla/config-cache.js";
import { withRequestAdded, withRequestRemoved } from "../../store/reviews.js";
import type { NewAction, RepositoryRow, Store, StoredPullRequest } from "../../store/store.js";
import { assignmentActionOnEvent } from "../assignment/triggers.js";
import type { ShellDeps } from "../deps.js";
import { installationIdOf, pullFields, reviewStateOf, reviewerOf, utc } from "../payloads.js";
import type { PullObject } from "../payloads.js";
import { checklistAction } from "./checklist.js";
import { recordAuthorPush } from "./push.js";
import { turnCheckAction } from "./turn-check.js";
import { ensureRepository } from "./repository.js";
import type { RepositoryRef } from "./repository.js";

type PullRequestPayload = Context<"pull_request">["payload"];
type ReviewPayload = Context<"pull_request_review">["payload"];

interface EventTarget {
  deliveryId: string;
  event: string;
  installationId: number;
  repository: RepositoryRef;
}

/** What applying an event changed: the PR it recorded, and the actions it calls for. */
interface Recorded {
  pullRequestId: number;
  actions: NewAction[];
  /** The PR as stored now, when known without reading it back. */
  pr?: StoredPullRequest | null;
}

/** An action that depends on the PR as stored after the event (the assignment trigger). */
type FollowUp = (pr: StoredPullRequest, repository: RepositoryRow | null) => NewAction | null;

/**
 * Runs `apply` once per delivery, in one transaction; false for a redelivery. The PR's new state
 * (read back only when `apply` does not know it) serves its next due time and the follow-ups, and
 * every action is enqueued in one statement.
 */
async function onceInTransaction(
  deps: ShellDeps,
  target: EventTarget,
  apply: (tx: Store, repositoryId: number) => Promise<Recorded | null>,
  followUp?: FollowUp,
): Promise<boolean> {
  const now = deps.clock.now();
  const outcome = await applyOnce(
    deps,
    { id: target.deliveryId, event: target.event },
    async (tx) => {
      const actions: NewAction[] = [];
      const repositoryId = target.repository.id;
      if (await ensureRepository(tx, target.installationId, target.repository, now)) {
        actions.push(
          actionFor(
            "import-repository",
            { repositoryId, run: importRun(repositoryId, target.deliveryId) },
            { installationId: target.installationId, dueAt: now },
          ),
        );
      }
      const recorded = await apply(tx, repositoryId);
      const pr = recorded && (recorded.pr ?? (await tx.pulls.get(recorded.pullRequestId)));
      if (recorded) actions.push(...recorded.actions);
      if (pr) {
        const repository = await tx.repos.get(pr.repositoryId);
        actions.push(...present(followUp?.(pr, repository)));
        await refreshNextDueOf({ store: tx, configs: deps.configs }, pr);
        actions.push(...present(turnCheckAction(pr, repository, deps.configs, now)));
      }
      await enqueueAll(tx, actions);
    },
  );
  return outcome.fresh;
}

function present<T>(value: T | null | undefined): T[] {
  return value === null || value === undefined ? [] : [value];
}

/** True when this event removes a pause label: the SLA clocks restart from now. */
function liftsPause(payload: PullRequestPayload, config: RepoConfig): boolean {
  if (payload.action !== "unlabeled" || !("label" in payload) || !payload.label) return false;
  const removed = payload.label.name.toLowerCase();
  return config.pause_labels.some((label) => label.toLowerCase() === removed);
}

interface PullRequestTarget {
  installationId: number;
  repositoryId: number;
  now: DateTime;
}

async function applyPullRequestEvent(
  tx: Store,
  configs: ConfigCache,
  payload: PullRequestPayload,
  { installationId, repositoryId, now }: PullRequestTarget,
): Promise<Recorded> {
  const pull = payload.pull_request as PullObject & {
    requested_reviewers?: ({ login?: string } | null)[];
    requested_teams?: ({ slug?: string } | null)[];
  };
  // The PR as stored before the event: by number, and by its id (the row the upsert writes).
  const { byNumber: existing, byId: stored } = await tx.pulls.findSnapshot(
    repositoryId,
    pull.number,
    pull.id,
  );
  const repository = await tx.repos.get(repositoryId);
  const effective = configs.resolve(repository?.configJson ?? null);
  const becameReady =
    payload.action === "ready_for_review" ||
    payload.action === "reopened" ||
    liftsPause(payload, effective.config);
  const fields = pullFields(pull, {
    installationId,
    repositoryId,
    owner: payload.repository.owner.login,
    repo: payload.repository.name,
    previousReadyAt: existing?.readyAt ?? null,
    becameReady,
  });
  let pr = await tx.pulls.upsertReturning(fields, stored ?? { requests: [], reviews: [] });
  const actions: NewAction[] = [];
  const at = utc(pull.updated_at);
  if (payload.action === "review_requested" || payload.action === "review_request_removed") {
    const reviewer = reviewerOf(payload as Parameters<typeof reviewerOf>[0]);
    if (reviewer && payload.action === "review_requested") {
      await tx.reviews.addRequest(pull.id, reviewer, at);
      pr = pr && { ...pr, requests: withRequestAdded(pr.requests, reviewer, at) };
    }
    if (reviewer && payload.action === "review_request_removed") {
      await tx.reviews.removeRequest(pull.id, reviewer, at);
      pr = pr && { ...pr, requests: withRequestRemoved(pr.requests, reviewer, at) };
    }
  }
  if (payload.action === "opened") {
    // Reviewers chosen when the PR was created are pending from its creation.
    const chosen: Reviewer[] = [
      ...(pull.requested_reviewers ?? []).flatMap((u) =>
        u?.login ? [{ type: "user" as const, login: u.login }] : [],
      ),
      ...(pull.requested_teams ?? []).flatMap((t) =>
        t?.slug ? [{ type: "team" as const, slug: t.slug }] : [],
      ),
    ];
    for (const reviewer of chosen) {
      await tx.reviews.addRequest(pull.id, reviewer, fields.createdAt);
      pr = pr && { ...pr, requests: withRequestAdded(pr.requests, reviewer, fields.createdAt) };
    }
  }
  if (payload.action === "synchronize") {
    // The turn before the push decides: the PR as the upsert left it (or, if a newer snapshot
    // was kept, as stored).
    const before = pr ?? (await tx.pulls.get(pull.id));
    if (before) actions.push(...present(await recordAuthorPush(tx, before, effective, at)));
    pr = pr && pushedBy(pr, at);
  }
  if (["opened", "reopened", "synchronize"].includes(payload.action)) {
    actions.push(
      actionFor(
        "config-check",
        {
          owner: fields.owner,
          repo: fields.repo,
          number: pull.number,
          headSha: pull.head.sha,
          repositoryId,
        },
        { installationId, pullRequestId: pull.id, dueAt: at },
      ),
    );
  }
  const target = { installationId, repositoryId, now };
  actions.push(...present(checklistAction(payload, effective.config, target)));
  return { pullRequestId: pull.id, actions, pr };
}

/** `pr` after `recordPush(at)`: an older push never moves the time back. */
function pushedBy(pr: StoredPullRequest, at: DateTime): StoredPullRequest {
  const pushedAt = pr.pushedAt ?? null;
  return pushedAt !== null && pushedAt >= at ? pr : { ...pr, pushedAt: at };
}

export async function onPullRequest(
  deps: ShellDeps,
  deliveryId: string,
  payload: PullRequestPayload,
): Promise<boolean> {
  const installationId = installationIdOf(payload);
  if (!installationId) return false;
  const now = deps.clock.now();
  return onceInTransaction(
    deps,
    {
      deliveryId,
      event: `pull_request.${payload.action}`,
      installationId,
      repository: payload.repository,
    },
    (tx, repositoryId) =>
      applyPullRequestEvent(tx, deps.configs, payload, { installationId, repositoryId, now }),
    (pr, repository) =>
      assignmentActionOnEvent(pr, repository, deps.configs, {
        action: payload.action,
        pullRequestId: pr.id,
        at: payload.pull_request.updated_at,
        now,
      }),
  );
}

async function applyReviewEvent(
  tx: Store,
  payload: ReviewPayload,
  installationId: number,
  repositoryId: number,
): Promise<Recorded | null> {
  const pull = payload.pull_request as unknown as PullObject;
  // Review of a PR we never saw: track it from this partial copy; any full event overrides it.
  const fields = pullFields(pull, {
    installationId,
    repositoryId,
    owner: payload.repository.owner.login,
    repo: payload.repository.name,
    previousReadyAt: null,
    becameReady: false,
  });
  await tx.pulls.insertIfMissing({ ...fields, updatedAt: DateTime.fromMillis(0, { zone: "utc" }) });
  const recorded = { pullRequestId: pull.id, actions: [] };
  if (payload.action === "dismissed") {
    await tx.reviews.markDismissed(pull.id, payload.review.id);
    return recorded;
  }
  if (payload.action !== "submitted") return null;
  const state = reviewStateOf(payload.review.state);
  const reviewer = payload.review.user?.login;
  if (!state || !reviewer) return null;
  const submittedAt = payload.review.submitted_at
    ? utc(payload.review.submitted_at)
    : utc(pull.updated_at);
  const reviewerIsBot = payload.review.user?.type === "Bot";
  await tx.reviews.record(pull.id, {
    id: payload.review.id,
    reviewer,
    state,
    submittedAt,
    reviewerIsBot,
  });
  return recorded;
}

export async function onPullRequestReview(
  deps: ShellDeps,
  deliveryId: string,
  payload: ReviewPayload,
): Promise<boolean> {
  const installationId = payload.installation?.id;
  if (!installationId) return false;
  return onceInTransaction(
    deps,
    {
      deliveryId,
      event: `pull_request_review.${payload.action}`,
      installationId,
      repository: payload.repository,
    },
    (tx, repositoryId) => applyReviewEvent(tx, payload, installationId, repositoryId),
  );
}
