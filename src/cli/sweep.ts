// `review-sla sweep [--at ISO] [--dry-run]`: one sweep, performed before exiting, with a report.
import { DateTime } from "luxon";
import { ManualClock, systemClock } from "../runtime-clock.js";
import type { SweepReport } from "../scheduler/sweep.js";
import type { Store } from "../store/store.js";
import { CliError, openAppRuntime } from "./context.js";
import type { CommandContext } from "./context.js";

export function parseInstant(text: string, flag: string): DateTime {
  const at = DateTime.fromISO(text, { setZone: true });
  if (!at.isValid)
    throw new CliError(
      `${flag} expects an ISO 8601 time such as 2026-11-30T10:00:00Z, found "${text}"`,
    );
  return at.toUTC();
}

async function outcomeOf(store: Store, key: string): Promise<string> {
  const row = await store.outbox.getByKey(key);
  if (!row) return "not recorded";
  if (row.status === "done") {
    const result = row.result as { commentId?: number; skipped?: string } | null;
    if (result?.skipped) return `skipped (${result.skipped})`;
    return result?.commentId ? `posted (comment ${result.commentId})` : "done";
  }
  if (row.status === "failed") return `failed: ${row.lastError ?? "unknown error"}`;
  return `pending, retry at ${row.nextAttemptAt.toISO() ?? "?"}${row.lastError ? ` (${row.lastError})` : ""}`;
}

export async function printSweep(
  ctx: CommandContext,
  report: SweepReport,
  store: Store | null,
): Promise<void> {
  ctx.out(`Sweep as of ${report.at}${report.dryRun ? " (dry run: nothing performed)" : ""}`);
  ctx.out(`  pull requests evaluated: ${report.evaluated} (sweep took ${report.durationMs} ms)`);
  if (report.actions.length === 0) ctx.out("  nothing due");
  for (const action of report.actions) {
    const what = action.posts
      ? action.kind
      : `${action.kind} (recorded without a comment: escalation overtook it)`;
    const outcome =
      store && !report.dryRun
        ? ` -> ${await outcomeOf(store, action.key)}`
        : report.dryRun
          ? " -> would be performed"
          : "";
    ctx.out(`  ${what} ${action.pr} (deadline ${action.deadline})${outcome}`);
  }
}

async function settledKeys(store: Store): Promise<Set<string>> {
  const rows = [
    ...(await store.outbox.list({ status: "done" })),
    ...(await store.outbox.list({ status: "failed" })),
  ];
  return new Set(rows.map((row) => row.key));
}

/** Everything else this run performed: digests, DMs, escalation alerts, imports, assignments… */
async function printOthers(
  ctx: CommandContext,
  store: Store,
  before: ReadonlySet<string>,
  report: SweepReport,
): Promise<void> {
  const printed = new Set(report.actions.map((a) => a.key));
  const rows = [
    ...(await store.outbox.list({ status: "done" })),
    ...(await store.outbox.list({ status: "failed" })),
  ].filter((row) => !before.has(row.key) && !printed.has(row.key) && row.kind !== "webhook");
  if (rows.length === 0) return;
  ctx.out(`  also performed: ${rows.length}`);
  for (const row of rows) {
    const outcome =
      row.status === "failed" ? `failed: ${row.lastError ?? "unknown error"}` : "done";
    ctx.out(`  ${row.kind} ${row.key} -> ${outcome}`);
  }
}

export async function sweepCommand(
  ctx: CommandContext,
  options: { at?: string; dryRun: boolean },
): Promise<number> {
  const at = options.at ? parseInstant(options.at, "--at") : null;
  // --at moves only what is due; leases, retries and budgets stay on the real clock, so a sweep
  // "as of" later never takes over an action a running server still holds.
  const clock = at ? new ManualClock(at) : systemClock;
  const { runtime } = await openAppRuntime(ctx, clock, systemClock);
  try {
    const report = await runtime.sweepOnce({ at: clock.now(), dryRun: options.dryRun });
    if (!report) {
      ctx.out("Another process holds the sweep lock; nothing done.");
      return 0;
    }
    const store = runtime.options.store;
    const settledBefore = options.dryRun ? new Set<string>() : await settledKeys(store);
    if (!options.dryRun) await runtime.actionWorker.drain();
    await printSweep(ctx, report, store);
    if (!options.dryRun) await printOthers(ctx, store, settledBefore, report);
    return 0;
  } finally {
    await runtime.stop();
  }
}
