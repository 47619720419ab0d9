// The webhook inbox: a delivery is recorded as one outbox row (its delivery id is the unique key,
// so a redelivery changes nothing) and GitHub gets its answer at once; the action worker applies
// it to the store moments later, in arrival order. Nothing is lost if the process dies between.
import type { Logger } from "pino";
import type { ActionRow } from "../store/store.js";
import type { ShellDeps } from "./deps.js";
import { onChecklistComment } from "./handlers/checklist.js";
import { onInstallation, onInstallationRepositories, onPush } from "./handlers/installation.js";
import { onPullRequest, onPullRequestReview } from "./handlers/pull-request.js";

export const WEBHOOK_KIND = "webhook";
/** Webhooks share one lane, never paused by an installation's rate limit or content budget. */
export const WEBHOOK_LANE = 0;
/** Before any GitHub-calling action: state first, then what depends on it. */
const WEBHOOK_PRIORITY = -1_000_000_000_000;

export interface InboxEntry {
  event: string;
  deliveryId: string;
  payload: unknown;
}

/**
 * What is kept of a payload: everything but hypermedia links (`*_url`, `_links`) and the two
 * copies of the repository inside `pull_request.head`/`base` — none of which a handler reads,
 * and which make up most of a delivery's size.
 */
export function slimPayload(value: unknown, depth = 0): unknown {
  if (Array.isArray(value)) return value.map((item) => slimPayload(item, depth + 1));
  if (typeof value !== "object" || value === null) return value;
  const kept: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (key.endsWith("_url") || key === "_links") continue;
    if (key === "repo" && depth === 2) continue;
    kept[key] = slimPayload(field, depth + 1);
  }
  return kept;
}

/** Records a verified delivery for the worker; false for a redelivery already recorded. */
export async function recordWebhook(
  deps: Pick<ShellDeps, "store" | "clock" | "wakeWorker">,
  entry: InboxEntry,
): Promise<boolean> {
  const inserted = await deps.store.enqueueAction({
    key: `webhook:${entry.deliveryId}`,
    installationId: WEBHOOK_LANE,
    pullRequestId: null,
    kind: WEBHOOK_KIND,
    payload: { ...entry, payload: slimPayload(entry.payload) },
    dueAt: deps.clock.now(),
    priority: WEBHOOK_PRIORITY,
  });
  if (inserted) deps.wakeWorker();
  return inserted;
}

type Apply = (deps: ShellDeps, deliveryId: string, payload: never) => Promise<boolean>;

const HANDLERS: Record<string, Apply> = {
  pull_request: onPullRequest,
  pull_request_review: onPullRequestReview,
  issue_comment: onChecklistComment,
  installation: onInstallation,
  installation_repositories: onInstallationRepositories,
  push: onPush,
};

/** Applies a recorded delivery with the event's handler (each handler is idempotent by delivery). */
export function webhookExecutor(deps: ShellDeps) {
  return async (action: ActionRow, log: Logger): Promise<unknown> => {
    const entry = action.payload as Partial<InboxEntry> | null;
    const handler = entry?.event ? HANDLERS[entry.event] : undefined;
    if (
      !entry?.deliveryId ||
      !handler ||
      typeof entry.payload !== "object" ||
      entry.payload === null
    ) {
      log.warn({ event: entry?.event }, "webhook.unhandled");
      return { applied: false };
    }
    const applied = await handler(deps, entry.deliveryId, entry.payload as never);
    return { applied };
  };
}
