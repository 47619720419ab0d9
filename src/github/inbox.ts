// The webhook inbox: a delivery is recorded as one outbox row (its delivery id is the unique key,
// so a redelivery changes nothing) and GitHub gets its answer at once; the action worker applies
// it to the store moments later, in arrival order. Nothing is lost if the process dies between.
import { actionFor } from "../outbox/catalogue.js";
import type { ActionKind, Executor } from "../outbox/catalogue.js";
import { enqueueAll } from "../outbox/enqueue.js";
import type { OrderedLanes } from "../outbox/worker.js";
import type { NewAction } from "../store/store.js";
import type { Logger } from "pino";
import { capText, TEXT_CAPS } from "../config/limits.js";
import type { ShellDeps } from "./deps.js";
import { onCheckRunRerequested } from "./handlers/checklist.js";
import { onIssueComment } from "./handlers/command.js";
import { onInstallation, onInstallationRepositories, onPush } from "./handlers/installation.js";
import { onPullRequest, onPullRequestReview } from "./handlers/pull-request.js";

export const WEBHOOK_KIND = "webhook" satisfies ActionKind;

/**
 * The inbox's lanes. Each lane is applied by one worker at a time, in arrival order, and no lane
 * is paused by an installation's rate limit or content budget. A delivery about a repository
 * goes to that repository's lane (`0`, `-1`, … `-15`: repository id modulo 16, negated, below
 * every real installation id), so one repository's deliveries stay in arrival order while
 * different repositories are applied side by side, on any replica. A delivery about no
 * repository (`installation`, `installation_repositories`) goes to the barrier lane: it is
 * applied only once every older delivery of every lane is, and no newer one is applied before
 * it — such an event can touch any repository of the installation (created, deleted, a
 * repository removed), so it keeps its place in the whole inbox's arrival order.
 * The count is part of the stored data (migration 0011 moved rows by it): changing it needs a
 * migration that moves pending rows again.
 */
export const INBOX_LANE_COUNT = 16;
export const INBOX_LANES: OrderedLanes = {
  lanes: Array.from({ length: INBOX_LANE_COUNT }, (_, lane) => 0 - lane),
  barrier: -INBOX_LANE_COUNT,
};

/** `repository.id` of a delivery's payload, or null when it names no repository. */
export function payloadRepositoryId(payload: unknown): number | null {
  const repository =
    typeof payload === "object" && payload !== null && "repository" in payload
      ? payload.repository
      : null;
  const id =
    typeof repository === "object" && repository !== null && "id" in repository
      ? repository.id
      : null;
  return typeof id === "number" ? id : null;
}

/** The lane (installation id of the inbox row) of a delivery's payload. */
export function inboxLaneOf(payload: unknown): number {
  const id = payloadRepositoryId(payload);
  if (id === null || !Number.isSafeInteger(id)) return -INBOX_LANE_COUNT;
  return 0 - (Math.abs(id) % INBOX_LANE_COUNT); // `0 -`: never a negative zero
}
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
 * and which make up most of a delivery's size. Free text (`title`, `body`) is cut to GitHub's
 * own limits (src/config/limits.ts); the paths cut are added to `cut`.
 */
export function slimPayload(value: unknown, depth = 0, cut: string[] = [], at = ""): unknown {
  if (Array.isArray(value))
    return value.map((item, i) => slimPayload(item, depth + 1, cut, `${at}[${i}]`));
  if (typeof value !== "object" || value === null) return value;
  const kept: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (key.endsWith("_url") || key === "_links") continue;
    if (key === "repo" && depth === 2) continue;
    const path = at ? `${at}.${key}` : key;
    const cap = TEXT_CAPS[key];
    if (cap !== undefined && typeof field === "string" && field.length > cap) {
      cut.push(`${path} (${field.length} characters)`);
      kept[key] = capText(field, cap);
    } else kept[key] = slimPayload(field, depth + 1, cut, path);
  }
  return kept;
}

function inboxAction(
  entry: InboxEntry,
  now: ReturnType<ShellDeps["clock"]["now"]>,
  log: Logger | undefined,
): NewAction {
  const cut: string[] = [];
  const payload = slimPayload(entry.payload, 0, cut);
  if (cut.length > 0)
    log?.warn({ delivery: entry.deliveryId, event: entry.event, cut }, "webhook.text_capped");
  return actionFor(
    "webhook",
    { ...entry, payload },
    { installationId: inboxLaneOf(payload), dueAt: now, priority: WEBHOOK_PRIORITY },
  );
}

interface Waiting {
  entry: InboxEntry;
  settle: (fresh: boolean) => void;
  fail: (error: unknown) => void;
}

/**
 * Group commit: deliveries that arrive while a write is in flight are written together in one
 * statement, so a burst of webhooks costs one database round trip, not one each.
 */
export class InboxWriter {
  private waiting: Waiting[] = [];
  private writing = false;

  constructor(
    private readonly deps: Pick<ShellDeps, "store" | "clock" | "wakeWorker"> & { log?: Logger },
    private readonly maxBatch = 200,
  ) {}

  record(entry: InboxEntry): Promise<boolean> {
    return new Promise((settle, fail) => {
      this.waiting.push({ entry, settle, fail });
      // One turn of the event loop lets deliveries that arrived together share a commit.
      if (!this.writing) {
        this.writing = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.maxBatch);
      try {
        const now = this.deps.clock.now();
        const actions = batch.map((w) => inboxAction(w.entry, now, this.deps.log));
        const inserted = await enqueueAll(this.deps.store, actions);
        const claimed = new Set<string>();
        for (const [i, { settle }] of batch.entries()) {
          const key = actions[i]?.key ?? "";
          settle(inserted.has(key) && !claimed.has(key));
          claimed.add(key);
        }
        if (inserted.size > 0) this.deps.wakeWorker();
      } catch (error) {
        for (const { fail } of batch) fail(error);
      }
    }
    this.writing = false;
  }
}

type Apply = (deps: ShellDeps, deliveryId: string, payload: never) => Promise<boolean>;

const HANDLERS: Record<string, Apply> = {
  pull_request: onPullRequest,
  pull_request_review: onPullRequestReview,
  issue_comment: onIssueComment,
  check_run: onCheckRunRerequested,
  installation: onInstallation,
  installation_repositories: onInstallationRepositories,
  push: onPush,
};

/** A delivery its event's handler can apply: the handler bound to the delivery, or null. */
export function handlerOf(entry: InboxEntry): ((deps: ShellDeps) => Promise<boolean>) | null {
  const handler = HANDLERS[entry.event];
  const payload = entry.payload;
  if (!handler || typeof payload !== "object" || payload === null) return null;
  return (deps) => handler(deps, entry.deliveryId, payload as never);
}

/** Applies a recorded delivery with the event's handler (each handler is idempotent by delivery). */
export function webhookExecutor(deps: ShellDeps): Executor<"webhook"> {
  return async (action, log) => {
    const apply = handlerOf(action.payload);
    if (!apply) {
      log.warn({ event: action.payload.event }, "webhook.unhandled");
      return { applied: false };
    }
    return { applied: await apply(deps) };
  };
}
