// Sends one scope's weekly digest to Slack (the `digest` outbox action) and records it in the
// `digests` table, so a retry after a crash finds it sent instead of posting it again.
import { DateTime } from "luxon";
import type { Logger } from "pino";
import { renderDigestBlocks } from "../digest/blocks.js";
import { computeDigest } from "../digest/metrics.js";
import { digestPeriod } from "../digest/period.js";
import type { InstallationGitHub } from "../github/client.js";
import type { ShellDeps } from "../github/deps.js";
import { gatherDigestInput } from "../scheduler/digest-gather.js";
import { allDigestScopes, isDigestPayload } from "../scheduler/digest.js";
import type { ActionRow } from "../store/store.js";
import type { SlackSetup } from "./setup.js";

/** The installation's GitHub client, or null (a CLI without credentials): lookups then wait. */
async function githubOrNull(
  deps: ShellDeps,
  installationId: number,
  log: Logger,
): Promise<InstallationGitHub | null> {
  try {
    return await deps.github(installationId);
  } catch (error) {
    log.warn({ err: error }, "digest.github_unavailable");
    return null;
  }
}

export async function digestExecutor(
  deps: ShellDeps,
  slack: SlackSetup,
  action: ActionRow,
  log: Logger,
): Promise<unknown> {
  if (!isDigestPayload(action.payload)) throw new Error(`${action.key}: no digest payload`);
  const { scopeKey } = action.payload;
  const periodStart = DateTime.fromISO(action.payload.periodStart, { zone: "utc" });
  const sent = await deps.store.digests.getSentDigest(scopeKey, periodStart);
  if (sent) return { recovered: true, sentAt: sent.sentAt.toISO(), ts: sent.messageTs };
  const scope = (await allDigestScopes(deps, action.installationId)).find(
    (s) => s.key === scopeKey,
  );
  if (!scope) return { skipped: "digest scope no longer configured or disabled" };
  const now = deps.clock.now();
  const period = digestPeriod(now, scope.config.timezone);
  // A week's digest still failing when the next one is due gives way to it.
  if (period.start.toMillis() !== periodStart.toMillis())
    return { skipped: "superseded by a newer week" };
  const github = await githubOrNull(deps, action.installationId, log);
  const { input } = await gatherDigestInput(
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
