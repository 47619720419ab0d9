// Sends one scope's weekly digest to Slack (the `digest` outbox action) and records it in the
// `digests` table, so a retry after a crash finds it sent instead of posting it again.
import { DateTime } from "luxon";
import type { Logger } from "pino";
import type { RepoConfig } from "../config/schema.js";
import { renderDigestBlocks } from "../digest/blocks.js";
import type { DigestInput } from "../digest/input.js";
import { computeDigest } from "../digest/metrics.js";
import { digestPeriod } from "../digest/period.js";
import type { Action } from "../outbox/catalogue.js";
import type { SlackDeps, SlackGitHub } from "./deps.js";
import type { SlackGateway } from "./gateway.js";
import type { SlackSetup } from "./setup.js";

/** What delivery reads of a digest scope (the scheduler defines scopes). */
export interface DigestScopeView {
  key: string;
  installationId: number;
  name: string;
  config: RepoConfig;
}

/** Where scopes and their digest input come from: the scheduler's, wired in src/executors.ts. */
export interface DigestSource<S extends DigestScopeView> {
  /** The enabled digest scopes of one installation. */
  scopes(installationId: number): Promise<S[]>;
  gather(
    deps: Omit<SlackDeps, "github"> & {
      slack: SlackGateway;
      github: SlackGitHub | null;
      githubWebUrl: string;
    },
    scope: S,
    now: DateTime,
  ): Promise<{ input: DigestInput }>;
}

/** The installation's GitHub client, or null (a CLI without credentials): lookups then wait. */
async function githubOrNull(
  deps: SlackDeps,
  installationId: number,
  log: Logger,
): Promise<SlackGitHub | null> {
  try {
    return await deps.github(installationId);
  } catch (error) {
    log.warn({ err: error }, "digest.github_unavailable");
    return null;
  }
}

export async function digestExecutor<S extends DigestScopeView>(
  deps: SlackDeps,
  slack: SlackSetup,
  digests: DigestSource<S>,
  action: Action<"digest">,
  log: Logger,
): Promise<unknown> {
  const { scopeKey } = action.payload;
  const periodStart = DateTime.fromISO(action.payload.periodStart, { zone: "utc" });
  const sent = await deps.store.digests.getSentDigest(scopeKey, periodStart);
  if (sent) return { recovered: true, sentAt: sent.sentAt.toISO(), ts: sent.messageTs };
  const scope = (await digests.scopes(action.installationId)).find((s) => s.key === scopeKey);
  if (!scope) return { skipped: "digest scope no longer configured or disabled" };
  const now = deps.clock.now();
  const period = digestPeriod(now, scope.config.timezone);
  // A week's digest still failing when the next one is due gives way to it.
  if (period.start.toMillis() !== periodStart.toMillis())
    return { skipped: "superseded by a newer week" };
  const github = await githubOrNull(deps, action.installationId, log);
  const { input } = await digests.gather(
    { ...deps, slack: slack.gateway, github, githubWebUrl: slack.githubWebUrl },
    scope,
    now,
  );
  const report = computeDigest(input);
  const channel = scope.config.digest.slack_channel ?? null;
  const posted = await slack.gateway.postMessage(channel, renderDigestBlocks(report));
  await deps.store.digests.recordSentDigest({
    scopeKey,
    period,
    installationId: scope.installationId,
    scopeName: scope.name,
    channel: posted.channel,
    messageTs: posted.ts,
    sentAt: deps.clock.now(),
  });
  log.info({ scope: scopeKey, channel: posted.channel ?? channel }, "digest.sent");
  return { channel: posted.channel, ts: posted.ts, breaching: report.breaching.total };
}
