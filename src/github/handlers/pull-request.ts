// pull_request and pull_request_review webhooks: record the PR's new state, re-plan its next
// action, and enqueue event-driven work. Nothing here calls GitHub.
import { applyOnce } from "./once.js";
import type { Context } from "probot";
import { DateTime } from "luxon";
import { importRun } from "../../outbox/catalogue.js";
import { enqueue } from "../../outbox/enqueue.js";
import { refreshNextDue } from "../next-due.js";
import type { Reviewer } from "../../sla/pull-request.js";
import type { ConfigCache } from "../../sla/config-cache.js";
import type { Store } from "../../store/store.js";
import { enqueueAssignmentOnEvent } from "../assignment/triggers.js";
import type { ShellDeps } from "../deps.js";
import { installationIdOf, pullFields, reviewStateOf, reviewerOf, utc } from "../payloads.js";
import type { PullObject } from "../payloads.js";
import { enqueueChecklist } from "./checklist.js";
import { recordAuthorPush } from "./push.js";
import { enqueueTurnCheck } from "./turn-check.js";
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

/** Runs `apply` once per delivery, in one transaction; false for a redelivery. */
async function onceInTransaction(
  deps: ShellDeps,
  target: EventTarget,
  apply: (tx: Store, repositoryId: number) => Promise<number | null>,
): Promise<boolean> {
  const now = deps.clock.now();
  const outcome = await applyOnce(
    deps,
    { id: target.deliveryId, event: target.event },
    async (tx) => {
      if (await ensureRepository(tx, target.installationId, target.repository, now)) {
        const repositoryId = target.repository.id;
        await enqueue(
          tx,
          "import-repository",
          { repositoryId, run: importRun(repositoryId, target.deliveryId) },
          { installationId: target.installationId, dueAt: now },
        );
      }
      const pullRequestId = await apply(tx, target.repository.id);
      if (pullRequestId !== null) {
        await refreshNextDue({ store: tx, configs: deps.configs }, pullRequestId);
        await enqueueTurnCheck(tx, deps.configs, pullRequestId, now);
      }
    },
  );
  return outcome.fresh;
}

/** True when this event removes a pause label: the SLA clocks restart from now. */
async function liftsPause(
  tx: Store,
  configs: ConfigCache,
  payload: PullRequestPayload,
  repositoryId: number,
): Promise<boolean> {
  if (payload.action !== "unlabeled" || !("label" in payload) || !payload.label) return false;
  const repository = await tx.repos.get(repositoryId);
  const { config } = configs.resolve(repository?.configJson ?? null);
  const removed = payload.label.name.toLowerCase();
  return config.pause_labels.some((label) => label.toLowerCase() === removed);
}

async function applyPullRequestEvent(
  tx: Store,
  payload: PullRequestPayload,
  installationId: number,
  repositoryId: number,
  configs: ConfigCache,
): Promise<number> {
  const pull = payload.pull_request as PullObject & {
    requested_reviewers?: ({ login?: string } | null)[];
    requested_teams?: ({ slug?: string } | null)[];
  };
  const existing = await tx.pulls.find(repositoryId, pull.number);
  const becameReady =
    payload.action === "ready_for_review" ||
    payload.action === "reopened" ||
    (await liftsPause(tx, configs, payload, repositoryId));
  const fields = pullFields(pull, {
    installationId,
    repositoryId,
    owner: payload.repository.owner.login,
    repo: payload.repository.name,
    previousReadyAt: existing?.readyAt ?? null,
    becameReady,
  });
  await tx.pulls.upsert(fields);
  const at = utc(pull.updated_at);
  if (payload.action === "review_requested" || payload.action === "review_request_removed") {
    const reviewer = reviewerOf(payload as Parameters<typeof reviewerOf>[0]);
    if (reviewer && payload.action === "review_requested")
      await tx.reviews.addRequest(pull.id, reviewer, at);
    if (reviewer && payload.action === "review_request_removed")
      await tx.reviews.removeRequest(pull.id, reviewer, at);
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
    for (const reviewer of chosen) await tx.reviews.addRequest(pull.id, reviewer, fields.createdAt);
  }
  if (payload.action === "synchronize") await recordAuthorPush(tx, configs, pull.id, at);
  if (["opened", "reopened", "synchronize"].includes(payload.action)) {
    await enqueue(
      tx,
      "config-check",
      {
        owner: fields.owner,
        repo: fields.repo,
        number: pull.number,
        headSha: pull.head.sha,
        repositoryId,
      },
      { installationId, pullRequestId: pull.id, dueAt: at },
    );
  }
  return pull.id;
}

export async function onPullRequest(
  deps: ShellDeps,
  deliveryId: string,
  payload: PullRequestPayload,
): Promise<boolean> {
  const installationId = installationIdOf(payload);
  if (!installationId) return false;
  return onceInTransaction(
    deps,
    {
      deliveryId,
      event: `pull_request.${payload.action}`,
      installationId,
      repository: payload.repository,
    },
    async (tx, repositoryId) => {
      const id = await applyPullRequestEvent(
        tx,
        payload,
        installationId,
        repositoryId,
        deps.configs,
      );
      const target = { installationId, repositoryId, now: deps.clock.now() };
      await enqueueChecklist(tx, deps.configs, payload, target);
      await enqueueAssignmentOnEvent(tx, deps.configs, {
        action: payload.action,
        pullRequestId: id,
        at: payload.pull_request.updated_at,
        now: target.now,
      });
      return id;
    },
  );
}

async function applyReviewEvent(
  tx: Store,
  payload: ReviewPayload,
  installationId: number,
  repositoryId: number,
): Promise<number | null> {
  const pull = payload.pull_request as unknown as PullObject;
  if (!(await tx.pulls.get(pull.id))) {
    // Review of a PR we never saw: track it from this partial copy; any full event overrides it.
    const fields = pullFields(pull, {
      installationId,
      repositoryId,
      owner: payload.repository.owner.login,
      repo: payload.repository.name,
      previousReadyAt: null,
      becameReady: false,
    });
    await tx.pulls.upsert({ ...fields, updatedAt: DateTime.fromMillis(0, { zone: "utc" }) });
  }
  if (payload.action === "dismissed") {
    await tx.reviews.markDismissed(pull.id, payload.review.id);
    return pull.id;
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
  return pull.id;
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
