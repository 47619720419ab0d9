// A shell wired for unit tests: an in-memory SQLite store, a manual clock, a silent log and a
// GitHub client supplied by the test (by default one that fails if it is ever called).
import { DateTime } from "luxon";
import type { InstallationGitHub } from "../../src/github/client.js";
import { contentBudget } from "../../src/outbox/budget.js";
import type { ShellDeps } from "../../src/github/deps.js";
import { ManualClock } from "../../src/runtime-clock.js";
import { ConfigCache } from "../../src/sla/config-cache.js";
import { createStore } from "../../src/store/kysely-store.js";
import { silentLog } from "./app.js";

export const noGitHub = new Proxy({} as InstallationGitHub, {
  get(_target, name) {
    return () => Promise.reject(new Error(`unexpected GitHub call: ${String(name)}`));
  },
});

export async function testShell(options: { now?: string; github?: InstallationGitHub } = {}) {
  const store = await createStore("sqlite::memory:");
  const clock = new ManualClock(
    DateTime.fromISO(options.now ?? "2026-11-23T09:00:00Z", { zone: "utc" }),
  );
  const wakes: number[] = [];
  const deps: ShellDeps = {
    store,
    clock,
    log: silentLog,
    configs: new ConfigCache(),
    github: () => Promise.resolve(options.github ?? noGitHub),
    wakeWorker: () => wakes.push(1),
    takeContentSlot: contentBudget(store, clock),
  };
  return { deps, store, clock, wakes };
}
