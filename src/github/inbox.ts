// The webhook inbox: a delivery is recorded as one outbox row (its delivery id is the unique key,
// so a redelivery changes nothing) before GitHub gets its answer. It is applied in that same
// transaction when its lane is idle (src/github/inbox-ingest.ts), otherwise by the action worker
// moments later, in arrival order. Nothing is lost if the process dies between.
import { actionFor } from "../outbox/catalogue.js";
import type { ActionKind, Executor } from "../outbox/catalogue.js";
import type { OrderedLanes } from "../outbox/worker.js";
import type { NewAction } from "../store/store.js";
import type { Logger } from "pino";
import { capText, TEXT_CAPS } from "../config/limits.js";
import type { ShellDeps } from "./deps.js";
import type { RecordDeliveries } from "./inbox-ingest.js";
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

/** A delivery as it is kept (its payload slimmed), and the inbox action that records it. */
function inboxDelivery(
  received: InboxEntry,
  now: ReturnType<ShellDeps["clock"]["now"]>,
  log: Logger | undefined,
): { entry: InboxEntry; action: NewAction } {
  const cut: string[] = [];
  const entry = { ...received, payload: slimPayload(received.payload, 0, cut) };
  if (cut.length > 0)
    log?.warn({ delivery: entry.deliveryId, event: entry.event, cut }, "webhook.text_capped");
  const action = actionFor("webhook", entry, {
    installationId: inboxLaneOf(entry.payload),
    dueAt: now,
    priority: WEBHOOK_PRIORITY,
  });
  return { entry, action };
}

interface Waiting {
  entry: InboxEntry;
  settle: (fresh: boolean) => void;
  fail: (error: unknown) => void;
}

/** One writer: deliveries waiting for its next transaction, and how many its current one holds. */
interface WriterQueue {
  waiting: Waiting[];
  writing: number;
  /** A flush loop runs (or is about to). */
  active: boolean;
}

/**
 * Group commit: deliveries that arrive while a write is in flight are written together in one
 * transaction, so a burst of webhooks costs one commit, not one each. `record` decides what that
 * transaction does: record them pending for the worker (`recordPending`), or also apply those
 * whose lane is idle (`applyAtIngest`, src/github/inbox-ingest.ts).
 *
 * With `writers` above 1 (Postgres: one connection each), deliveries are split between that many
 * writers that commit side by side. A lane with deliveries outstanding (queued or being written)
 * sends its next one to the same writer, so a lane keeps its arrival order; a lane with nothing
 * outstanding goes to the writer with the least to do, so a few busy lanes never share one writer
 * while others stand idle (a fixed lane-to-writer mapping did that whenever repository ids
 * collided modulo the writer count).
 */
export class InboxWriter {
  private readonly queues: WriterQueue[];
  /** Lanes with deliveries outstanding: their writer, and how many are not settled yet. */
  private readonly lanes = new Map<number, { queue: WriterQueue; outstanding: number }>();

  constructor(
    private readonly deps: Pick<ShellDeps, "clock"> & { log?: Logger },
    private readonly write: RecordDeliveries,
    options: { writers?: number; maxBatch?: number } = {},
  ) {
    const writers = Math.max(1, Math.trunc(options.writers ?? 1));
    this.queues = Array.from({ length: writers }, () => ({
      waiting: [],
      writing: 0,
      active: false,
    }));
    this.maxBatch = options.maxBatch ?? 200;
  }

  private readonly maxBatch: number;

  /** Resolves once the delivery is recorded (and applied, when that is on): true if it was new. */
  record(entry: InboxEntry): Promise<boolean> {
    const lane = inboxLaneOf(entry.payload);
    const held = this.lanes.get(lane) ?? { queue: this.leastBusy(), outstanding: 0 };
    held.outstanding += 1;
    this.lanes.set(lane, held);
    const queue = held.queue;
    const recorded = new Promise<boolean>((settle, fail) => {
      queue.waiting.push({ entry, settle, fail });
      // One turn of the event loop lets deliveries that arrived together share a commit.
      if (!queue.active) {
        queue.active = true;
        setImmediate(() => void this.flush(queue));
      }
    });
    return recorded.finally(() => {
      held.outstanding -= 1;
      if (held.outstanding === 0 && this.lanes.get(lane) === held) this.lanes.delete(lane);
    });
  }

  /** The writer with the fewest deliveries queued or being written (the first among equals). */
  private leastBusy(): WriterQueue {
    let best = this.queues[0] as WriterQueue;
    for (const queue of this.queues)
      if (queue.waiting.length + queue.writing < best.waiting.length + best.writing) best = queue;
    return best;
  }

  private async flush(queue: WriterQueue): Promise<void> {
    while (queue.waiting.length > 0) {
      const batch = queue.waiting.splice(0, this.maxBatch);
      queue.writing = batch.length;
      try {
        const now = this.deps.clock.now();
        const deliveries = batch.map((w) => inboxDelivery(w.entry, now, this.deps.log));
        const inserted = await this.write(deliveries);
        const claimed = new Set<string>();
        for (const [i, { settle }] of batch.entries()) {
          const key = deliveries[i]?.action.key ?? "";
          settle(inserted.has(key) && !claimed.has(key));
          claimed.add(key);
        }
      } catch (error) {
        for (const { fail } of batch) fail(error);
      }
    }
    queue.writing = 0;
    queue.active = false;
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
