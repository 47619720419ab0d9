// The running app around Probot: the store, the action worker and the periodic sweep, started
// and stopped together.
import type { Logger } from "pino";
import { executorsFor } from "./github/actions/index.js";
import type { ShellDeps } from "./github/deps.js";
import { ActionWorker } from "./github/worker.js";
import type { Clock } from "./runtime-clock.js";
import { sweep } from "./scheduler/sweep.js";
import type { SweepReport } from "./scheduler/sweep.js";
import { ConfigCache } from "./sla/config-cache.js";
import type { Store } from "./store/store.js";

export interface RuntimeOptions {
  store: Store;
  clock: Clock;
  log: Logger;
  sweepIntervalSeconds: number;
  workerPollMs?: number;
}

export class Runtime {
  readonly configs = new ConfigCache();
  private deps: ShellDeps | null = null;
  private worker: ActionWorker | null = null;
  private sweepTimer: NodeJS.Timeout | null = null;
  private sweeping: Promise<unknown> | null = null;

  constructor(readonly options: RuntimeOptions) {}

  /** The deps handlers need, before GitHub is bound (the app function binds it). */
  baseDeps(): Omit<ShellDeps, "github"> {
    const { store, clock, log } = this.options;
    return { store, clock, log, configs: this.configs, wakeWorker: () => this.worker?.wake() };
  }

  /** Called once the Probot app exists: builds the worker over the bound GitHub client. */
  bind(deps: ShellDeps): void {
    this.deps = deps;
    this.worker = new ActionWorker({
      store: deps.store,
      clock: deps.clock,
      log: deps.log.child({ name: "worker" }),
      executors: executorsFor(deps),
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
    const outcome = await store.withLock("sweep", () =>
      sweep(
        { store, configs: this.configs, log: log.child({ name: "sweep" }) },
        { at, dryRun: options.dryRun ?? false },
      ),
    );
    if (!outcome.acquired) {
      log.info("sweep.skipped_locked");
      return null;
    }
    if (!options.dryRun) this.worker?.wake();
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
  }

  /** Stops timers, lets the action in flight finish, then closes the store. */
  async stop(): Promise<void> {
    if (this.sweepTimer) clearTimeout(this.sweepTimer);
    this.sweepTimer = null;
    await this.sweeping;
    await this.worker?.stop();
    await this.options.store.close();
  }
}
