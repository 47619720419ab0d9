// `review-sla sweep [--at ISO] [--dry-run]`: one sweep, performed before exiting, with a report.
import { DateTime } from "luxon";
import { ManualClock, systemClock } from "../runtime-clock.js";
import type { SweepReport } from "../scheduler/sweep.js";
import type { ActionOutcome, OutboxMark, Store } from "../store/store.js";
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

function describe(row: ActionOutcome | undefined): string {
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
  // One bounded query for the outcomes of what this sweep recorded (no payloads).
  const outcomes =
    store && !report.dryRun
      ? new Map(
          (await store.outbox.outcomes(report.actions.map((a) => a.key))).map((r) => [r.key, r]),
        )
      : null;
  for (const action of report.actions) {
    const what = action.posts
      ? action.kind
      : `${action.kind} (recorded without a comment: escalation overtook it)`;
    const outcome = outcomes
      ? ` -> ${describe(outcomes.get(action.key))}`
      : report.dryRun
        ? " -> would be performed"
        : "";
    ctx.out(`  ${what} ${action.pr} (deadline ${action.deadline})${outcome}`);
  }
}

/**
 * Everything else this run performed: digests, DMs, escalation alerts, imports, assignments…
 * Only actions settled since `mark` are read, so the report costs what the run did.
 */
async function printOthers(
  ctx: CommandContext,
  store: Store,
  mark: OutboxMark,
  report: SweepReport,
): Promise<void> {
  const printed = new Set(report.actions.map((a) => a.key));
  const rows = (await store.outbox.settledSince(mark)).filter(
    (row) => !printed.has(row.key) && row.kind !== "webhook",
  );
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
    const mark = options.dryRun ? null : await store.outbox.mark();
    if (!options.dryRun) await runtime.actionWorker.drain();
    await printSweep(ctx, report, store);
    if (mark) await printOthers(ctx, store, mark, report);
    return 0;
  } finally {
    await runtime.stop();
  }
}
