// The running app around Probot: the store, the action worker and the periodic sweep, started
// and stopped together.
import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import { executorsFor } from "./executors.js";
import { contentBudget } from "./outbox/budget.js";
import { INBOX_LANES } from "./github/inbox.js";
import { inboxBatchApplier } from "./github/inbox-batch.js";
import { applyAtIngest, recordPending } from "./github/inbox-ingest.js";
import type { RecordDeliveries } from "./github/inbox-ingest.js";
import { redeliverFailed, scheduleReconciliation } from "./github/actions/reconcile.js";
import type { AppGitHub } from "./github/actions/reconcile.js";
import type { ShellDeps } from "./github/deps.js";
import { ActionWorker } from "./outbox/worker.js";
import type { Clock } from "./runtime-clock.js";
import { enqueueDueDigests } from "./scheduler/digest.js";
import { FigureRefresher } from "./scheduler/pull-request-figures.js";
import { sweep } from "./scheduler/sweep.js";
import type { SweepReport } from "./scheduler/sweep.js";
import { Metrics } from "./http/metrics.js";
import { ConfigCache } from "./sla/config-cache.js";
import { slackFollowUps } from "./slack/follow-ups.js";
import type { SlackSetup } from "./slack/setup.js";
import { DEFAULT_RETENTION, pruneExpired } from "./store/retention-policy.js";
import type { RetentionPolicy, RetentionReport } from "./store/retention-policy.js";
import type { Store } from "./store/store.js";

export interface RuntimeOptions {
  store: Store;
  /** Decision time: what is due (the sweep, the digest schedule). */
  clock: Clock;
  /**
   * Machine time: leases, retries and backoff, the content budget, rate-limit pauses. The real
   * clock unless a test or the demo drives its own; `sweep --at` keeps it real.
   */
  machineClock?: Clock;
  /** How long an action's lease lasts before another worker may retake it (default 5 min). */
  actionLeaseMs?: number;
  /** How long stopping waits for actions in flight before abandoning them (default 5 s). */
  stopGraceMs?: number;
  log: Logger;
  sweepIntervalSeconds: number;
  /** How often repositories are reconciled with GitHub (default: daily). */
  reconcileIntervalSeconds?: number;
  workerPollMs?: number;
  /**
   * Apply a webhook delivery in the transaction that records it when its repository's lane is
   * idle (default true); false leaves every delivery to the worker.
   */
  applyAtIngest?: boolean;
  /** How long the worker leases a claimed action (default 300 s: the worker's own default). */
  actionLeaseSeconds?: number;
  /** Slack delivery (digests, DMs, escalation alerts); null or absent when not configured. */
  slack?: SlackSetup | null;
  /** SLACK_SIGNING_SECRET: serves Slack's interactivity endpoint (buttons) when set. */
  slackSigningSecret?: string;
  /** How long finished work is kept; pruned in each reconciliation round. */
  retention?: RetentionPolicy;
}

export class Runtime {
  readonly configs = new ConfigCache();
  readonly metrics: Metrics;
  private deps: ShellDeps | null = null;
  private worker: ActionWorker | null = null;
  private sweepTimer: NodeJS.Timeout | null = null;
  private sweeping: Promise<unknown> | null = null;
  private reconcileTimer: NodeJS.Timeout | null = null;
  private reconciling: Promise<unknown> | null = null;
  private figures: FigureRefresher | null = null;
  /** Recorded on the inbox rows this process applies as it records them. */
  readonly inboxOwner = `inbox-${randomUUID()}`;
  /** App-level GitHub (webhook deliveries), bound with the Probot app. */
  appGitHub: AppGitHub | null = null;

  constructor(readonly options: RuntimeOptions) {
    this.metrics = new Metrics({ store: options.store, clock: options.clock });
  }

  /** The clock for leases, retries and budgets: `machineClock`, else the one clock given. */
  get machineClock(): Clock {
    return this.options.machineClock ?? this.options.clock;
  }

  /** The deps handlers need, before GitHub is bound (the app function binds it). */
  baseDeps(): Omit<ShellDeps, "github"> {
    const { store, clock, log } = this.options;
    return {
      store,
      clock,
      log,
      configs: this.configs,
      wakeWorker: () => this.worker?.wake(),
      takeContentSlot: contentBudget(store, this.machineClock),
    };
  }

  /**
   * How the webhook inbox records deliveries: applied at once when their lane is idle (the
   * default), or only recorded for the worker (`applyAtIngest: false`).
   */
  recordDeliveries(deps: ShellDeps): RecordDeliveries {
    if (this.options.applyAtIngest === false) return recordPending(deps);
    return applyAtIngest(deps, {
      lanes: INBOX_LANES,
      owner: this.inboxOwner,
      onApplied: (count) => this.metrics.actions.inc({ kind: "webhook", outcome: "done" }, count),
    });
  }

  /** Called once the Probot app exists: builds the worker over the bound GitHub client. */
  bind(deps: ShellDeps): void {
    this.deps = deps;
    this.worker = new ActionWorker({
      store: deps.store,
      clock: deps.clock,
      machineClock: this.machineClock,
      leaseMs: this.options.actionLeaseMs ?? (this.options.actionLeaseSeconds ?? 300) * 1000,
      log: deps.log.child({ name: "worker" }),
      executors: executorsFor(deps, this.options.slack ?? null),
      onOutcome: (kind, outcome) => this.metrics.actions.inc({ kind, outcome }),
      orderedLanes: INBOX_LANES,
      laneApplier: inboxBatchApplier(deps),
    });
  }

  get actionWorker(): ActionWorker {
    if (!this.worker) throw new Error("the runtime is not bound to a Probot app yet");
    return this.worker;
  }

  get shellDeps(): ShellDeps {
    if (!this.deps) throw new Error("the runtime is not bound to a Probot app yet");
    return this.deps;
  }

  /** One sweep now (or as of `at`), under the sweep lock so replicas never sweep together. */
  async sweepOnce(
    options: { at?: ReturnType<Clock["now"]>; dryRun?: boolean } = {},
  ): Promise<SweepReport | null> {
    const { store, log, clock } = this.options;
    const at = options.at ?? clock.now();
    const timer = this.metrics.sweepDuration.startTimer();
    const outcome = await store.withLock("sweep", () =>
      sweep(
        {
          store,
          configs: this.configs,
          log: log.child({ name: "sweep" }),
          followUps: slackFollowUps(this.options.slack),
        },
        { at, dryRun: options.dryRun ?? false },
      ),
    );
    if (this.options.slack && !options.dryRun)
      await store.withLock("digest", () => enqueueDueDigests(this.digestDeps(), at));
    if (!outcome.acquired) {
      log.info("sweep.skipped_locked");
      return null;
    }
    timer();
    for (const action of outcome.result.actions)
      this.metrics.sweepActions.inc({ kind: action.kind });
    if (!options.dryRun) this.worker?.wake();
    return outcome.result;
  }

  private digestDeps() {
    const { store, log, slack } = this.options;
    const requireChannel = slack?.gateway.kind === "bot";
    return { store, configs: this.configs, log: log.child({ name: "digest" }), requireChannel };
  }

  /**
   * One reconciliation round: a reconcile action per tracked repository, redelivery of webhooks
   * that failed here since the last round, and a retention pass. Under a lock, so replicas do it
   * once.
   */
  async reconcileOnce(): Promise<{
    repositories: number;
    redelivered: number;
    pruned: RetentionReport;
  } | null> {
    const deps = this.shellDeps;
    const interval = this.options.reconcileIntervalSeconds ?? 86_400;
    const now = deps.clock.now();
    const round = String(Math.floor(now.toSeconds() / interval));
    const outcome = await deps.store.withLock("reconcile", async () => {
      const repositories = await scheduleReconciliation(deps, round);
      const since = now.minus({ seconds: interval + 3600 });
      const redelivered = this.appGitHub ? await redeliverFailed(deps, this.appGitHub, since) : 0;
      const retention = this.options.retention ?? DEFAULT_RETENTION;
      const pruned = await pruneExpired(deps.store, retention, now);
      return { repositories, redelivered, pruned };
    });
    if (!outcome.acquired) return null;
    deps.log.info(outcome.result, "reconcile.scheduled");
    return outcome.result;
  }

  /** Starts the worker loop and the periodic sweep. */
  startBackground(): void {
    this.actionWorker.start(this.options.workerPollMs ?? 2_000);
    const every = this.options.sweepIntervalSeconds * 1000;
    const tick = () => {
      this.sweeping = this.sweepOnce()
        .catch((error: unknown) => this.options.log.error({ err: error }, "sweep.error"))
        .finally(() => {
          this.sweeping = null;
          if (this.sweepTimer) this.sweepTimer = setTimeout(tick, every);
        });
    };
    this.sweepTimer = setTimeout(tick, 1_000);
    const reconcileEvery = (this.options.reconcileIntervalSeconds ?? 86_400) * 1000;
    const reconcile = () => {
      this.reconciling = this.reconcileOnce()
        .catch((error: unknown) => this.options.log.error({ err: error }, "reconcile.error"))
        .finally(() => {
          this.reconciling = null;
          if (this.reconcileTimer) this.reconcileTimer = setTimeout(reconcile, reconcileEvery);
        });
    };
    // First round a minute after start: catches what was missed while the app was down.
    this.reconcileTimer = setTimeout(reconcile, Math.min(60_000, reconcileEvery));
    // The dashboard's per-PR figures, measured again after changes (marked by the store).
    this.figures = new FigureRefresher({ ...this.options, configs: this.configs });
    this.figures.start();
  }

  /**
   * Stops timers and claiming, gives actions in flight `stopGraceMs` to finish, abandons the rest
   * to their leases, then closes the store (also bounded: an abandoned action may hold it).
   */
  async stop(): Promise<void> {
    if (this.sweepTimer) clearTimeout(this.sweepTimer);
    if (this.reconcileTimer) clearTimeout(this.reconcileTimer);
    this.sweepTimer = null;
    this.reconcileTimer = null;
    const graceMs = this.options.stopGraceMs ?? 5_000;
    await Promise.all([
      this.worker?.stop(graceMs),
      boundedWait(Promise.all([this.sweeping, this.reconciling, this.figures?.stop()]), graceMs),
    ]);
    const closed = await boundedWait(this.options.store.close(), 2_000);
    if (!closed) this.options.log.warn("store.close_timeout");
  }
}

/** True when `work` settled within `ms`; never throws (shutdown goes on either way). */
async function boundedWait(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  const done = work.then(
    () => true,
    () => true,
  );
  return Promise.race([done, deadline]).finally(() => clearTimeout(timer));
}
