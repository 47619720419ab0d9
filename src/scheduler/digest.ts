// The weekly digest's schedule: finds the scopes whose digest is due and records each in the
// outbox once (key `digest:<scope>:<week start>`), so replicas and restarts never send it twice
// and a failed send is retried by the action worker.
import type { DateTime } from "luxon";
import type { Logger } from "pino";
import { digestPeriod, isDigestDue, scheduledSendTime } from "../digest/period.js";
import type { DigestPeriod } from "../digest/period.js";
import type { ConfigCache } from "../sla/config-cache.js";
import { enqueue } from "../outbox/enqueue.js";
import type { Store } from "../store/store.js";
import { digestScopes } from "./digest-scope.js";
import type { DigestScope } from "./digest-scope.js";

export interface DigestScheduleDeps {
  store: Store;
  configs: ConfigCache;
  log: Logger;
  /** A bot token posts only where told: scopes without `digest.slack_channel` are skipped. */
  requireChannel?: boolean;
}

/** Every enabled digest scope of every active installation (or of one). */
export async function allDigestScopes(
  deps: Pick<DigestScheduleDeps, "store" | "configs">,
  installationId?: number,
): Promise<DigestScope[]> {
  const scopes: DigestScope[] = [];
  for (const installation of await deps.store.repos.listInstallations()) {
    if (installation.deletedAt || installation.suspendedAt) continue;
    if (installationId !== undefined && installation.id !== installationId) continue;
    const repositories = await deps.store.repos.list(installation.id);
    scopes.push(...digestScopes(installation, repositories, deps.configs));
  }
  return scopes;
}

/** Records one scope's digest of `period` in the outbox; false when it was already there. */
export async function enqueueDigest(
  store: Store,
  scope: DigestScope,
  period: DigestPeriod,
  dueAt: DateTime,
): Promise<boolean> {
  const payload = {
    scopeKey: scope.key,
    periodStart: period.start.toISO() ?? "",
    periodEnd: period.end.toISO() ?? "",
  };
  return enqueue(store, "digest", payload, {
    installationId: scope.installationId,
    dueAt,
    priority: Math.floor(dueAt.toMillis() / 60_000),
  });
}

/** Enqueues the digests due at `at` that are not sent yet; returns the scopes enqueued. */
export async function enqueueDueDigests(deps: DigestScheduleDeps, at: DateTime): Promise<string[]> {
  const enqueued: string[] = [];
  for (const scope of await allDigestScopes(deps)) {
    const { schedule, slack_channel: channel } = scope.config.digest;
    const zone = scope.config.timezone;
    if (deps.requireChannel && channel === undefined) {
      deps.log.debug({ scope: scope.key }, "digest.no_channel");
      continue;
    }
    const lastSent = await deps.store.digests.lastSentPeriodStart(scope.key);
    if (!isDigestDue(at, schedule, zone, lastSent)) continue;
    const period = digestPeriod(at, zone);
    const dueAt = scheduledSendTime(period, schedule, zone);
    if (await enqueueDigest(deps.store, scope, period, dueAt)) {
      enqueued.push(scope.key);
      deps.log.info(
        { scope: scope.key, period: period.start.toISO(), dueAt: dueAt.toISO() },
        "digest.enqueued",
      );
    }
  }
  return enqueued;
}
