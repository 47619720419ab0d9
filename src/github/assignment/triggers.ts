// When reviewer assignment is enqueued: a pull request becoming ready (or losing its last
// reviewer) without a specific reviewer, and an escalation with `escalation.reassign` on.
import type { DateTime } from "luxon";
import type { Logger } from "pino";
import type { ConfigCache } from "../../sla/config-cache.js";
import { currentCycle } from "../../sla/cycle.js";
import { actionFor } from "../../outbox/catalogue.js";
import type { Action } from "../../outbox/catalogue.js";
import { enqueue } from "../../outbox/enqueue.js";
import type { NewAction, RepositoryRow, Store, StoredPullRequest } from "../../store/store.js";
import type { ShellDeps } from "../deps.js";
import { pendingReviewers } from "./inputs.js";

const READY_ACTIONS = new Set(["opened", "ready_for_review", "reopened"]);

/** Kinds that wait for the repository's configuration: released when it is loaded. */
export const WAITS_FOR_CONFIG: readonly string[] = ["assign"];

/**
 * How long an assignment waits for a configuration never loaded before it runs anyway (and
 * retries a few times before defaults apply): the import that loads it releases it at once.
 */
export const CONFIG_WAIT_MS = 120_000;

/** False only when the stored config says assignment is off (an unloaded one may turn it on). */
function mayAssign(configs: ConfigCache, configJson: unknown, fetched: boolean): boolean {
  return !fetched || configs.resolve(configJson).config.assignment.enabled;
}

/** What makes each readiness (or each withdrawal of the last reviewer) assign at most once. */
function assignReason(pr: StoredPullRequest, action: string, at: string): string | null {
  if (READY_ACTIONS.has(action)) return `ready@${pr.readyAt.toUTC().toISO() ?? ""}`;
  if (action === "review_request_removed") return `unrequested@${at}`;
  return null;
}

/**
 * Called by the pull_request handler inside its transaction, after the event is recorded.
 * Enqueues an `assign` action when the PR is ready and no user is asked to review it.
 */
export async function enqueueAssignmentOnEvent(
  tx: Store,
  configs: ConfigCache,
  event: AssignmentEvent,
): Promise<boolean> {
  // Other events never assign: skip loading the PR for them (most deliveries are pushes).
  if (!mayTrigger(event.action)) return false;
  const pr = await tx.pulls.get(event.pullRequestId);
  const repository = pr && (await tx.repos.get(pr.repositoryId));
  const action = pr && assignmentActionOnEvent(pr, repository, configs, event);
  return action ? tx.outbox.enqueue(action) : false;
}

export interface AssignmentEvent {
  action: string;
  pullRequestId: number;
  /** The payload's `updated_at`. */
  at: string;
  now: DateTime;
}

/** Whether an event of this action can assign at all (most deliveries are pushes: they cannot). */
export function mayTrigger(action: string): boolean {
  return READY_ACTIONS.has(action) || action === "review_request_removed";
}

/** The `assign` action an event calls for on `pr` as stored after it, or null. */
export function assignmentActionOnEvent(
  pr: StoredPullRequest,
  repository: RepositoryRow | null,
  configs: ConfigCache,
  event: AssignmentEvent,
): NewAction | null {
  if (!mayTrigger(event.action)) return null;
  if (!pr.open || pr.draft || pendingReviewers(pr).users.length > 0) return null;
  const reason = assignReason(pr, event.action, event.at);
  if (reason === null || !repository) return null;
  const loaded = repository.configFetchedAt !== null;
  if (!mayAssign(configs, repository.configJson, loaded)) return null;
  return actionFor(
    "assign",
    {
      owner: pr.owner,
      repo: pr.repo,
      number: pr.number,
      trigger: "ready",
      missedSla: [],
      repositoryId: pr.repositoryId,
      reason,
    },
    {
      installationId: pr.installationId,
      pullRequestId: pr.id,
      // Parked until the import loads the configuration (`releaseWaiting`).
      dueAt: loaded ? pr.updatedAt : event.now.plus({ milliseconds: CONFIG_WAIT_MS }),
    },
  );
}

/**
 * Called by the escalation executor once its comment is up: with `escalation.reassign` and
 * assignment on, enqueues one `reassign`, excluding the reviewers who missed the SLA.
 */
export async function enqueueReassignment(
  deps: ShellDeps,
  escalation: Action<"reminder" | "escalation">,
  log: Logger,
): Promise<void> {
  if (escalation.kind !== "escalation" || escalation.pullRequestId === null) return;
  const pr = await deps.store.pulls.get(escalation.pullRequestId);
  const repository = pr && (await deps.store.repos.get(pr.repositoryId));
  if (!pr || !repository) return;
  const { config } = deps.configs.resolve(repository.configJson);
  if (!config.escalation.reassign || !config.assignment.enabled) return;
  const missedSla = (currentCycle(pr)?.pendingReviewers ?? []).flatMap((r) =>
    r.type === "user" ? [r.login] : [],
  );
  const added = await enqueue(
    deps.store,
    "reassign",
    {
      owner: pr.owner,
      repo: pr.repo,
      number: pr.number,
      trigger: "escalation",
      missedSla,
      escalationKey: escalation.key,
    },
    { installationId: pr.installationId, pullRequestId: pr.id, dueAt: deps.clock.now() },
  );
  if (added) {
    log.info({ key: `reassign:${escalation.key}`, missedSla }, "reassign.enqueued");
    deps.wakeWorker();
  }
}
