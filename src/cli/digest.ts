// `review-sla digest [--preview] [--at ISO]`: the weekly digest of the last full week before
// `--at` (default now). `--preview` prints it as Markdown from the database alone; otherwise it is
// sent now through the outbox, exactly once per scope and week.
import type { DateTime } from "luxon";
import { renderDigestMarkdown } from "../digest/markdown.js";
import { computeDigest } from "../digest/metrics.js";
import { digestPeriod } from "../digest/period.js";
import { ManualClock, systemClock } from "../runtime-clock.js";
import { digestActionKey } from "../scheduler/digest-scope.js";
import type { DigestScope } from "../scheduler/digest-scope.js";
import { gatherDigestInput } from "../scheduler/digest-gather.js";
import { allDigestScopes, enqueueDigest } from "../scheduler/digest.js";
import { ConfigCache } from "../sla/config-cache.js";
import { githubWebUrl } from "../slack/setup.js";
import type { ActionRow, Store } from "../store/store.js";
import { CliError, openAppRuntime, openStore } from "./context.js";
import type { CommandContext } from "./context.js";
import { parseInstant } from "./sweep.js";

const NO_SCOPES =
  "No digest to compute: no active installation with repositories and an enabled digest in the " +
  "database (run `review-sla backfill` first).";

async function previewDigests(ctx: CommandContext, at: DateTime): Promise<number> {
  const store = await openStore(ctx.settings);
  try {
    const configs = new ConfigCache();
    const scopes = await allDigestScopes({ store, configs });
    if (scopes.length === 0) ctx.out(NO_SCOPES);
    const deps = {
      store,
      configs,
      clock: new ManualClock(at),
      log: ctx.log,
      slack: null,
      github: null,
      githubWebUrl: githubWebUrl(ctx.settings),
    };
    for (const scope of scopes) {
      const { input, notes } = await gatherDigestInput(deps, scope, at);
      ctx.out(renderDigestMarkdown(computeDigest(input)));
      for (const note of notes) ctx.out(`> Not included: ${note} (needs GitHub credentials).`);
    }
    return 0;
  } finally {
    await store.close();
  }
}

function resultField(result: unknown, name: string): unknown {
  return typeof result === "object" && result !== null && name in result
    ? (result as Record<string, unknown>)[name]
    : undefined;
}

function outcomeOf(row: ActionRow | null): string {
  if (!row) return "not recorded";
  const skipped = resultField(row.result, "skipped");
  if (row.status === "done" && typeof skipped === "string") return `skipped (${skipped})`;
  if (row.status === "done") return resultField(row.result, "recovered") ? "already sent" : "sent";
  if (row.status === "failed") return `failed: ${row.lastError ?? "unknown error"}`;
  const when = row.nextAttemptAt.toISO() ?? "?";
  return `pending, next attempt ${when}${row.lastError ? ` (${row.lastError})` : ""}`;
}

async function sendOne(store: Store, scope: DigestScope, now: DateTime): Promise<string> {
  const period = digestPeriod(now, scope.config.timezone);
  const sent = await store.digests.getSentDigest(scope.key, period.start);
  if (sent) return `already sent at ${sent.sentAt.toISO() ?? "?"}`;
  await enqueueDigest(store, scope, period, now);
  return "";
}

async function sendDigests(ctx: CommandContext, at: DateTime | null): Promise<number> {
  if (!ctx.settings.slackBotToken && !ctx.settings.slackWebhookUrl) {
    throw new CliError(
      "sending a digest needs SLACK_BOT_TOKEN or SLACK_WEBHOOK_URL; use --preview to print it.",
    );
  }
  const clock = at ? new ManualClock(at) : systemClock;
  const { runtime } = await openAppRuntime(ctx, clock);
  const { store } = runtime.options;
  try {
    const scopes = await allDigestScopes({ store, configs: runtime.configs });
    if (scopes.length === 0) ctx.out(NO_SCOPES);
    const now = clock.now();
    const early = new Map<string, string>();
    for (const scope of scopes) early.set(scope.key, await sendOne(store, scope, now));
    await runtime.actionWorker.drain();
    for (const scope of scopes) {
      const period = digestPeriod(now, scope.config.timezone);
      const key = digestActionKey(scope.key, period.start.toISO() ?? "");
      const outcome = early.get(scope.key) || outcomeOf(await store.outbox.getByKey(key));
      ctx.out(
        `${scope.name} (${scope.key}), week of ${period.start.toISODate() ?? "?"}: ${outcome}`,
      );
    }
    return 0;
  } finally {
    await runtime.stop();
  }
}

export async function digestCommand(
  ctx: CommandContext,
  options: { at?: string | undefined; preview: boolean },
): Promise<number> {
  const at = options.at ? parseInstant(options.at, "--at") : null;
  if (options.preview) return previewDigests(ctx, at ?? systemClock.now());
  return sendDigests(ctx, at);
}
