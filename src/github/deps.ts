// What the GitHub-facing shell is handed: the store, the clock, a logger, configs and GitHub.
import type { Logger } from "pino";
import type { Clock } from "../runtime-clock.js";
import type { ConfigCache } from "../sla/config-cache.js";
import type { Store } from "../store/store.js";
import type { InstallationGitHub } from "./client.js";

export interface ShellDeps {
  store: Store;
  clock: Clock;
  log: Logger;
  configs: ConfigCache;
  /** An authenticated client for one installation (its own token and throttle bucket). */
  github: (installationId: number) => Promise<InstallationGitHub>;
  /** Asks the action worker to look at the outbox soon. */
  wakeWorker: () => void;
  /**
   * Call before each content-creating GitHub call (comment, review request): records it against
   * the installation's budget, or throws ContentBudgetExhausted so the action is deferred.
   */
  takeContentSlot: (installationId: number) => Promise<void>;
}

export const CONFIG_PATH = ".github/review-sla.yml";
