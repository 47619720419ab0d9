// The action worker: performs the outbox's due actions (GitHub and Slack calls). The webhook
// inbox's lanes and each installation run on their own, so no installation's backlog holds up
// another's; several lanes run side by side, each on one replica at a time.
import { randomInt, randomUUID } from "node:crypto";
import type { DateTime } from "luxon";
import type { Logger } from "pino";
import type { Clock } from "../runtime-clock.js";
import type { ActionRow, Store } from "../store/store.js";
import { ContentBudgetExhausted } from "./budget.js";
import type { Executors } from "./catalogue.js";
import { classifyFailure } from "./failures.js";
import { performAction } from "./perform.js";
import { PollLoop } from "./loop.js";

export type { Executor, Executors } from "./catalogue.js";

/** What a lane applier is given besides the rows: the lease to complete them under. */
export interface LaneLease {
  owner: string;
  /** The decision time to record as each batch's `performedAt`. */
  now: () => DateTime;
  /** True once the worker is stopping: apply nothing more, hand the rest to `one`. */
  stopping: () => boolean;
}

/**
 * Applies the ordered lane's claimed rows, in claim order, several to a transaction where it can;
 * any row it does not complete itself goes to `one` (performed alone, with the usual retries).
 * Returns the rows it completed.
 */
export type LaneApplier = (
  rows: readonly ActionRow[],
  lease: LaneLease,
  one: (row: ActionRow) => Promise<void>,
) => Promise<ActionRow[]>;

/**
 * Installation ids whose actions are performed strictly in claim order, each by one worker at a
 * time across every replica (under the lock `lane:<id>`): the webhook inbox, one lane per group
 * of repositories. Different lanes run side by side, on one replica or several.
 */
export interface OrderedLanes {
  lanes: readonly number[];
  /**
   * A lane for actions that concern every lane: its next action is taken only once every older
   * action of `lanes` is done, and while it is pending no newer action of `lanes` is taken.
   */
  barrier?: number;
}

export interface WorkerDeps {
  store: Store;
  /** Decision time: what is due. `sweep --at` and simulations move it. */
  clock: Clock;
  /**
   * Machine time: leases, retry waits, rate-limit pauses. The real clock in production; defaults
   * to `clock` for tests and the demo that drive one simulated clock for everything.
   */
  machineClock?: Clock;
  log: Logger;
  /** One per action kind (the catalogue's); each gets its payload parsed. */
  executors: Executors;
  leaseMs?: number;
  /** How often an action's lease is renewed while it runs (default a third of `leaseMs`). */
  leaseRenewMs?: number;
  /** Actions one claim takes from an ordered lane (default 20). */
  batchSize?: number;
  /** Actions one claim takes for one installation (default 5). */
  installationBatch?: number;
  /** Installations performed side by side (default 32). */
  maxInstallations?: number;
  /**
   * The ordered lanes (the webhook inbox, so one repository's events are applied in arrival
   * order). They run in their own loop, never behind an installation's actions.
   */
  orderedLanes?: OrderedLanes;
  /** Ordered lanes this worker runs side by side (default 4). */
  laneConcurrency?: number;
  /** Applies an ordered lane's batches (the webhook inbox); without it, one row at a time. */
  laneApplier?: LaneApplier;
  /** Called after each attempt, for metrics. */
  onOutcome?: (kind: string, outcome: "done" | "retry" | "failed" | "deferred") => void;
}

/** Batches one installation's runner takes before another installation gets its turn. */
const TURN_BATCHES = 2;

/** First wait before trying again a lane that was held (see `dispatchLanes`). */
const HELD_RETRY_MS = 20;

export class ActionWorker {
  readonly owner = `worker-${randomUUID()}`;
  private readonly paused = new Map<number, DateTime>();
  /** Claimed by this worker and not yet started: handed back when stopping. */
  private readonly queued = new Map<number, ActionRow>();
  private readonly runners = new Map<number, Promise<void>>();
  private readonly laneRunners = new Map<number, Promise<void>>();
  private laneDispatcher: PollLoop | null = null;
  private dispatcher: PollLoop | null = null;
  private cursor = Number.MIN_SAFE_INTEGER;
  /**
   * Where the next look for lanes with work starts (round-robin over the lanes); replicas start
   * at different lanes, so they seldom try the same lane's lock at once.
   */
  private laneCursor = randomInt(1 << 16);
  private stopping = false;
  /** The background poll interval (`start`). */
  private pollMs = 2_000;

  constructor(private readonly deps: WorkerDeps) {}

  private get machine(): Clock {
    return this.deps.machineClock ?? this.deps.clock;
  }

  /** Installations paused by a rate limit, with the (machine) time they resume. */
  pausedInstallations(): Map<number, DateTime> {
    const now = this.machine.now();
    for (const [id, until] of this.paused) if (until <= now) this.paused.delete(id);
    return new Map(this.paused);
  }

  /**
   * One pass: the next batch of each ordered lane with work (`laneConcurrency` side by side),
   * then one batch for each installation with due work (up to `maxInstallations`, round-robin),
   * side by side. Returns how many actions it tried.
   */
  async runOnce(): Promise<number> {
    const lanes = await this.dueLanes(Number.POSITIVE_INFINITY);
    const inbox = (
      await eachLimited(lanes, this.laneConcurrency, (lane) => this.lanePass(lane))
    ).reduce((sum: number, n) => sum + (n === "held" ? 0 : n), 0);
    const ids = await this.dueInstallations(this.deps.maxInstallations ?? 32);
    const counts = await Promise.all(ids.map((id) => this.installationPass(id)));
    return counts.reduce((sum, n) => sum + n, inbox);
  }

  /** Runs passes until nothing is claimable (bounded): for the CLI and tests. */
  async drain(maxBatches = 10_000): Promise<number> {
    let total = 0;
    for (let i = 0; i < maxBatches && !this.stopping; i += 1) {
      const count = await this.runOnce();
      if (count === 0) break;
      total += count;
    }
    return total;
  }

  private get laneConcurrency(): number {
    return Math.max(1, this.deps.laneConcurrency ?? 4);
  }

  /** Ordered lanes with due work that this worker is not running yet, round-robin, at most `limit`. */
  private async dueLanes(limit: number): Promise<number[]> {
    const ordered = this.deps.orderedLanes;
    if (!ordered || limit <= 0 || this.stopping) return [];
    const all = [...ordered.lanes, ...(ordered.barrier === undefined ? [] : [ordered.barrier])];
    const start = this.laneCursor % all.length;
    const rotated = [...all.slice(start), ...all.slice(0, start)];
    const free = rotated.filter((lane) => !this.laneRunners.has(lane));
    const due = await this.deps.store.outbox.lanesWithWork(free, this.deps.clock.now());
    const picked = due.slice(0, limit);
    const last = picked.at(-1);
    if (last !== undefined) this.laneCursor = all.indexOf(last) + 1;
    return picked;
  }

  /**
   * One batch of one ordered lane, under its lock: how many rows it took, or "held" when another
   * worker (or a transaction applying new deliveries at once) holds the lane.
   */
  private async lanePass(lane: number): Promise<number | "held"> {
    const ordered = this.deps.orderedLanes;
    if (!ordered || this.stopping) return 0;
    const held = await this.deps.store.withLock(`lane:${lane}`, async () => {
      const claimed = await this.claimLane(lane, ordered);
      await (this.deps.laneApplier ? this.applyLane(claimed) : this.performInOrder(claimed));
      return claimed.length;
    });
    return held.acquired ? held.result : "held";
  }

  private async claimLane(lane: number, ordered: OrderedLanes): Promise<ActionRow[]> {
    const { barrier } = ordered;
    const fencedBy = lane === barrier ? ordered.lanes : barrier === undefined ? [] : [barrier];
    const claimed = await this.deps.store.outbox.claimLane({
      owner: this.owner,
      now: this.machine.now(),
      dueBy: this.deps.clock.now(),
      leaseMs: this.deps.leaseMs ?? 5 * 60_000,
      // A barrier goes alone: the next one waits for the lanes again.
      limit: lane === barrier ? 1 : (this.deps.batchSize ?? 20),
      lane,
      fencedBy,
    });
    for (const action of claimed) this.queued.set(action.id, action);
    return claimed;
  }

  private async installationPass(installationId: number): Promise<number> {
    if (this.stopping || this.pausedInstallations().has(installationId)) return 0;
    const claimed = await this.claim([installationId], this.deps.installationBatch ?? 5);
    await this.performInOrder(claimed);
    return claimed.length;
  }

  /** Installations with claimable work, continuing after the last one served (round-robin). */
  private async dueInstallations(limit: number): Promise<number[]> {
    if (limit <= 0 || this.stopping) return [];
    const ordered = this.deps.orderedLanes;
    const floor = ordered
      ? Math.max(...ordered.lanes, ordered.barrier ?? Number.MIN_SAFE_INTEGER)
      : Number.MIN_SAFE_INTEGER;
    const exclude = [...this.pausedInstallations().keys(), ...this.runners.keys()];
    const query = { now: this.machine.now(), dueBy: this.deps.clock.now(), exclude, limit };
    const ids = await this.deps.store.outbox.claimableInstallations({
      ...query,
      after: Math.max(floor, this.cursor),
    });
    if (ids.length < limit && this.cursor > floor) {
      const wrapped = await this.deps.store.outbox.claimableInstallations({
        ...query,
        after: floor,
        limit: limit - ids.length,
      });
      ids.push(...wrapped.filter((id) => !ids.includes(id)));
    }
    this.cursor = ids.at(-1) ?? floor;
    return ids;
  }

  private async claim(installationIds: number[], limit: number): Promise<ActionRow[]> {
    const claimed = await this.deps.store.outbox.claim({
      owner: this.owner,
      now: this.machine.now(),
      dueBy: this.deps.clock.now(),
      leaseMs: this.deps.leaseMs ?? 5 * 60_000,
      limit,
      installationIds,
    });
    for (const action of claimed) this.queued.set(action.id, action);
    return claimed;
  }

  private async performInOrder(actions: ActionRow[]): Promise<void> {
    for (const action of actions) {
      if (!this.queued.delete(action.id)) continue; // handed back while stopping
      if (this.stopping) {
        await this.release(action, "released: worker stopping");
        continue;
      }
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

  private async applyLane(claimed: ActionRow[]): Promise<void> {
    const applier = this.deps.laneApplier;
    if (!applier) return;
    const lease: LaneLease = {
      owner: this.owner,
      now: () => this.deps.clock.now(),
      stopping: () => this.stopping,
    };
    const one = (row: ActionRow) => this.performInOrder([row]);
    const applied = await applier(claimed, lease, one);
    for (const row of applied) {
      this.queued.delete(row.id);
      this.deps.onOutcome?.(row.kind, "done");
    }
  }

  /** Hands a claimed action back at once, for this or another replica to take. */
  private release(action: ActionRow, reason: string): Promise<void> {
    return this.deps.store.outbox.fail(action.id, this.owner, {
      error: reason,
      retryAt: this.machine.now(),
    });
  }

  private async perform(action: ActionRow): Promise<void> {
    const { store, clock, executors } = this.deps;
    const machineNow = () => this.machine.now();
    const log = this.deps.log.child({
      action: action.key,
      kind: action.kind,
      installation: action.installationId,
    });
    // The claim's lease ran from the claim; the actions before this one in its batch may have used
    // most of it. Renew it for this action, and skip the action if another worker took it over:
    // two workers must never perform the same action at once.
    const leaseMs = this.deps.leaseMs ?? 5 * 60_000;
    const renew = () =>
      store.outbox.renew(action.id, this.owner, machineNow().plus({ milliseconds: leaseMs }));
    if (!(await renew())) {
      log.warn("action.lease_lost");
      return;
    }
    // A slow call (retries, a throttled write) keeps the lease alive while it runs.
    const heartbeat = setInterval(
      () => {
        renew().then(
          (held) => {
            if (!held) log.error("action.lease_lost_while_running");
          },
          (error: unknown) => log.warn({ err: error }, "action.lease_renew_failed"),
        );
      },
      this.deps.leaseRenewMs ?? Math.floor(leaseMs / 3),
    );
    heartbeat.unref();
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
      const failure = classifyFailure(error, action.attempts, machineNow());
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
    } finally {
      clearInterval(heartbeat);
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

  /**
   * Background mode: a dispatcher that gives each ordered lane with work its own runner (at most
   * `laneConcurrency` at once), and one that gives each installation with due work its own
   * sequential runner (at most `maxInstallations` at once).
   */
  start(intervalMs: number): void {
    this.stopping = false;
    this.pollMs = intervalMs;
    const log = this.deps.log;
    this.laneDispatcher = new PollLoop(() => this.dispatchLanes(), intervalMs, log, "lanes");
    this.dispatcher = new PollLoop(() => this.dispatch(), intervalMs, log, "dispatch");
    this.laneDispatcher.start();
    this.dispatcher.start();
  }

  /** Asks for a pass soon (after a handler enqueued something). */
  wake(): void {
    this.laneDispatcher?.wake();
    this.dispatcher?.wake();
  }

  /**
   * Starts a runner for each lane with work, up to `laneConcurrency`. Returns 0: a runner that
   * did work wakes the dispatcher when it ends; one that found its lane held asks again after a
   * short wait that doubles while lanes stay held (up to the poll interval), so a lane held for a
   * moment — by a transaction applying deliveries at once, or another replica's batch — is taken
   * soon after, without a tight loop against a replica that keeps it.
   */
  private async dispatchLanes(): Promise<number> {
    const lanes = await this.dueLanes(this.laneConcurrency - this.laneRunners.size);
    for (const lane of lanes) {
      const runner = this.runLane(lane).then((turn) => {
        this.laneRunners.delete(lane);
        if (turn === "held") this.retryHeldLanes();
        else this.heldRetryMs = HELD_RETRY_MS;
        if (turn === "worked") this.laneDispatcher?.wake();
      });
      this.laneRunners.set(lane, runner);
    }
    return 0;
  }

  /** Wait before looking again at lanes another holder kept (doubles, up to the poll interval). */
  private heldRetryMs = HELD_RETRY_MS;
  private heldRetry: NodeJS.Timeout | null = null;

  private retryHeldLanes(): void {
    if (this.heldRetry || this.stopping) return;
    const delay = Math.min(this.heldRetryMs, this.pollMs);
    this.heldRetryMs = Math.min(this.heldRetryMs * 2, this.pollMs);
    this.heldRetry = setTimeout(() => {
      this.heldRetry = null;
      this.laneDispatcher?.wake();
    }, delay);
    this.heldRetry.unref();
  }

  /** One lane's turn: batches until it is empty (or a few), then other lanes get theirs. */
  private async runLane(lane: number): Promise<"worked" | "idle" | "held"> {
    let turn: "worked" | "idle" | "held" = "idle";
    try {
      for (let i = 0; i < TURN_BATCHES; i += 1) {
        const taken = await this.lanePass(lane);
        if (taken === "held") return turn === "worked" ? turn : "held";
        if (taken === 0) break;
        turn = "worked";
      }
    } catch (error) {
      this.deps.log.error({ err: error, lane }, "worker.error");
    }
    return turn;
  }

  private async dispatch(): Promise<number> {
    const free = (this.deps.maxInstallations ?? 32) - this.runners.size;
    const ids = await this.dueInstallations(free);
    for (const id of ids) {
      const runner = this.runTurn(id).finally(() => {
        this.runners.delete(id);
        this.dispatcher?.wake();
      });
      this.runners.set(id, runner);
    }
    return ids.length;
  }

  /** One installation's turn: a few batches in order, then others get theirs. */
  private async runTurn(installationId: number): Promise<void> {
    try {
      for (let i = 0; i < TURN_BATCHES; i += 1) {
        if ((await this.installationPass(installationId)) === 0) return;
      }
    } catch (error) {
      this.deps.log.error({ err: error, installation: installationId }, "worker.error");
    }
  }

  /**
   * Stops claiming, hands back what was claimed but not started, and waits up to `graceMs` for
   * actions in flight. Whatever is still running after that is abandoned: its lease expires and
   * another replica (or the next start) retakes it; the comment marker prevents a duplicate.
   */
  async stop(graceMs = Number.POSITIVE_INFINITY): Promise<void> {
    this.stopping = true;
    if (this.heldRetry) clearTimeout(this.heldRetry);
    this.heldRetry = null;
    const inFlight = Promise.all([
      this.laneDispatcher?.stop(),
      this.dispatcher?.stop(),
      ...this.laneRunners.values(),
      ...this.runners.values(),
    ]).then(() => "settled" as const);
    const settled = await withDeadline(inFlight, graceMs);
    const unstarted = [...this.queued.values()];
    this.queued.clear();
    await Promise.all(unstarted.map((a) => this.release(a, "released: worker stopping")));
    if (settled !== "settled") {
      this.deps.log.warn({ released: unstarted.length }, "worker.stop_abandoned_in_flight");
    }
  }
}

/** `work` over `items`, at most `limit` at a time; the results in the items' order. */
async function eachLimited<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const at = next++;
      results[at] = await work(items[at] as T);
    }
  });
  await Promise.all(runners);
  return results;
}

/** `work`'s value, or "timeout" once `ms` have passed (a finite wait for a shutdown). */
function withDeadline<T>(work: Promise<T>, ms: number): Promise<T | "timeout"> {
  if (!Number.isFinite(ms)) return work;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
