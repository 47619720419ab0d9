// A shell wired for unit tests: an in-memory SQLite store, a manual clock, a silent log and a
// GitHub client supplied by the test (by default one that fails if it is ever called).
import { DateTime } from "luxon";
import type { InstallationGitHub } from "../../src/github/client.js";
import { contentBudget } from "../../src/outbox/budget.js";
import type { ShellDeps } from "../../src/github/deps.js";
import { ManualClock } from "../../src/runtime-clock.js";
import type { Clock } from "../../src/runtime-clock.js";
import type { Store } from "../../src/store/store.js";
import { ConfigCache } from "../../src/sla/config-cache.js";
import { createStore } from "../../src/store/kysely-store.js";
import { silentLog } from "./app.js";

export const noGitHub = new Proxy({} as InstallationGitHub, {
  get(_target, name) {
    return () => Promise.reject(new Error(`unexpected GitHub call: ${String(name)}`));
  },
});

/** Shell deps over `store` and `clock`: a silent log, fresh configs, no GitHub unless given. */
export function shellDepsOn(
  store: Store,
  clock: Clock,
  options: { github?: InstallationGitHub; wakeWorker?: () => void } = {},
): ShellDeps {
  return {
    store,
    clock,
    log: silentLog,
    configs: new ConfigCache(),
    github: () => Promise.resolve(options.github ?? noGitHub),
    wakeWorker: options.wakeWorker ?? (() => undefined),
    takeContentSlot: contentBudget(store, clock),
  };
}

export async function testShell(options: { now?: string; github?: InstallationGitHub } = {}) {
  const store = await createStore("sqlite::memory:");
  const clock = new ManualClock(
    DateTime.fromISO(options.now ?? "2026-11-23T09:00:00Z", { zone: "utc" }),
  );
  const wakes: number[] = [];
  const deps = shellDepsOn(store, clock, {
    ...(options.github ? { github: options.github } : {}),
    wakeWorker: () => void wakes.push(1),
  });
  return { deps, store, clock, wakes };
}
