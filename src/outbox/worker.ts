// The action worker: performs the outbox's due actions (GitHub and Slack calls), one lease at a
// time, retrying failures with backoff and pausing an installation that hit a rate limit.
import { randomUUID } from "node:crypto";
import type { DateTime } from "luxon";
import type { Logger } from "pino";
import type { Clock } from "../runtime-clock.js";
import type { ActionRow, ClaimOptions, Store } from "../store/store.js";
import { ContentBudgetExhausted } from "./budget.js";
import type { Executors } from "./catalogue.js";
import { classifyFailure } from "./failures.js";
import { performAction } from "./perform.js";

export type { Executor, Executors } from "./catalogue.js";

export interface WorkerDeps {
  store: Store;
  clock: Clock;
  log: Logger;
  /** One per action kind (the catalogue's); each gets its payload parsed. */
  executors: Executors;
  leaseMs?: number;
  batchSize?: number;
  /**
   * An installation id whose actions only one worker at a time performs, strictly in claim order,
   * across every replica: the webhook inbox, so one PR's events are applied in arrival order.
   */
  orderedLane?: number;
  /** Called after each attempt, for metrics. */
  onOutcome?: (kind: string, outcome: "done" | "retry" | "failed" | "deferred") => void;
}

export class ActionWorker {
  readonly owner = `worker-${randomUUID()}`;
  private readonly paused = new Map<number, DateTime>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private stopping = false;
  private started = false;
  private wakeRequested = false;
  private intervalMs = 1000;

  constructor(private readonly deps: WorkerDeps) {}

  /** Installations paused by a rate limit, with the time they resume. */
  pausedInstallations(): Map<number, DateTime> {
    const now = this.deps.clock.now();
    for (const [id, until] of this.paused) if (until <= now) this.paused.delete(id);
    return new Map(this.paused);
  }

  /** Claims one batch of due actions and performs them in order; returns how many it tried. */
  async runOnce(): Promise<number> {
    const lane = this.deps.orderedLane;
    let count = 0;
    if (lane !== undefined) {
      const held = await this.deps.store.withLock(`lane:${lane}`, async () => {
        const claimed = await this.claim({ installationIds: [lane] });
        await this.performInOrder(claimed);
        return claimed.length;
      });
      if (held.acquired) count += held.result;
    }
    const paused = [...this.pausedInstallations().keys()];
    const claimed = await this.claim({
      excludeInstallationIds: lane === undefined ? paused : [lane, ...paused],
    });
    // Installations proceed side by side (one's throttled comments never hold up another's);
    // within an installation, actions run in claim order: most overdue first.
    const byInstallation = new Map<number, ActionRow[]>();
    for (const action of claimed) {
      byInstallation.set(action.installationId, [
        ...(byInstallation.get(action.installationId) ?? []),
        action,
      ]);
    }
    await Promise.all([...byInstallation.values()].map((actions) => this.performInOrder(actions)));
    return count + claimed.length;
  }

  private claim(
    filter: Pick<ClaimOptions, "installationIds" | "excludeInstallationIds">,
  ): Promise<ActionRow[]> {
    return this.deps.store.outbox.claim({
      owner: this.owner,
      now: this.deps.clock.now(),
      leaseMs: this.deps.leaseMs ?? 5 * 60_000,
      limit: this.deps.batchSize ?? 20,
      ...filter,
    });
  }

  private async performInOrder(actions: ActionRow[]): Promise<void> {
    for (const action of actions) {
      const pausedUntil = this.paused.get(action.installationId);
      if (pausedUntil) {
        // Paused while this batch ran (rate limit or content budget): hand the rest back.
        await this.deps.store.outbox.fail(action.id, this.owner, {
          error: "deferred: installation paused",
          retryAt: pausedUntil,
        });
        continue;
      }
      await this.perform(action);
    }
  }

  /** Runs batches until nothing is claimable (bounded): for the CLI and tests. */
  async drain(maxBatches = 10_000): Promise<number> {
    let total = 0;
    for (let i = 0; i < maxBatches; i += 1) {
      const count = await this.runOnce();
      if (count === 0) break;
      total += count;
    }
    return total;
  }

  private async perform(action: ActionRow): Promise<void> {
    const { store, clock, executors } = this.deps;
    const log = this.deps.log.child({
      action: action.key,
      kind: action.kind,
      installation: action.installationId,
    });
    try {
      const result = await performAction(executors, action, log);
      await store.outbox.complete(action.id, this.owner, {
        at: clock.now(),
        result: result ?? null,
      });
      this.deps.onOutcome?.(action.kind, "done");
    } catch (error) {
      if (error instanceof ContentBudgetExhausted) {
        await this.defer(action, error.until, log);
        return;
      }
      const failure = classifyFailure(error, action.attempts, clock.now());
      if (failure.pauseInstallationUntil) {
        this.paused.set(action.installationId, failure.pauseInstallationUntil);
        log.warn({ until: failure.pauseInstallationUntil.toISO() }, "installation.rate_limited");
      }
      await store.outbox.fail(action.id, this.owner, {
        error: failure.message,
        retryAt: failure.retryAt,
      });
      const outcome = failure.retryAt ? "retry" : "failed";
      this.deps.onOutcome?.(action.kind, outcome);
      log[outcome === "retry" ? "warn" : "error"](
        {
          attempts: action.attempts,
          error: failure.message,
          retryAt: failure.retryAt?.toISO() ?? null,
        },
        outcome === "retry" ? "action.retry_scheduled" : "action.failed",
      );
    }
  }

  /** Out of content budget: wait for the next slot, and hold the installation's other actions. */
  private async defer(action: ActionRow, until: DateTime, log: Logger): Promise<void> {
    this.paused.set(action.installationId, until);
    await this.deps.store.outbox.fail(action.id, this.owner, {
      error: `deferred: content-creation budget, next slot ${until.toISO() ?? "?"}`,
      retryAt: until,
    });
    this.deps.onOutcome?.(action.kind, "deferred");
    log.info({ until: until.toISO() }, "action.deferred_budget");
  }

  /** Polls every `intervalMs` and whenever woken, until stopped. */
  start(intervalMs: number): void {
    this.intervalMs = intervalMs;
    this.started = true;
    this.stopping = false;
    this.schedule(0);
  }

  /** Asks for a pass soon (after a handler enqueued something). */
  wake(): void {
    if (!this.started || this.stopping) return;
    if (this.running) this.wakeRequested = true;
    else this.schedule(0);
  }

  private schedule(delayMs: number): void {
    if (this.stopping) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.tick(), delayMs);
  }

  private tick(): void {
    this.timer = null;
    this.running = this.drain(50)
      .catch((error: unknown) => {
        this.deps.log.error({ err: error }, "worker.error");
        return 0;
      })
      .finally(() => {
        this.running = null;
        const again = this.wakeRequested;
        this.wakeRequested = false;
        this.schedule(again ? 0 : this.intervalMs);
      });
  }

  /** Stops polling and waits for the batch in flight to finish. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.started = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }
}
