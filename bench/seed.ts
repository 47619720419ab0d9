// Seeds a benchmark database: tracked repositories, a week of applied webhook deliveries (the
// outbox a running app keeps), and open pull requests whose next-due times the app's own planner
// computed.
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import type { Insertable } from "kysely";
import type { DateTime } from "luxon";
import { ConfigCache } from "../src/sla/config-cache.js";
import { plannedActions } from "../src/sla/policy.js";
import type { PullRequestState } from "../src/sla/pull-request.js";
import { toTime } from "../src/store/codec.js";
import { openDatabase } from "../src/store/database.js";
import type { ActionsTable, PullRequestsTable, ReviewRequestsTable } from "../src/store/schema.js";
import type { Store } from "../src/store/store.js";
import { pullRequestPayload } from "../test/helpers/webhooks.js";

export const BENCH_CONFIG = { clock: "calendar", quiet_hours: false };

export async function seedRepositories(store: Store, count: number, at: DateTime): Promise<void> {
  await store.repos.upsertInstallation({
    id: 1,
    accountLogin: "octo",
    accountType: "Organization",
    suspendedAt: null,
  });
  for (let i = 0; i < count; i += 1) {
    const id = 10 + i;
    await store.repos.upsert({
      id,
      installationId: 1,
      owner: "octo",
      name: `repo${i}`,
      defaultBranch: "main",
    });
    await store.repos.setConfig(id, { json: BENCH_CONFIG, errors: [], fetchedAt: at });
  }
}

/** `count` applied webhook deliveries (real payloads) and `finished` other done actions. */
export async function seedAppliedOutbox(
  store: Store,
  count: number,
  at: DateTime,
  kind = "webhook",
): Promise<void> {
  const payload = pullRequestPayload("synchronize", {
    installationId: 1,
    repo: { id: 10, owner: "octo", name: "repo0" },
    number: 1,
    id: 100_000,
    author: "dana",
    createdAt: at.toISO() ?? "",
  });
  for (let done = 0; done < count; done += 1_000) {
    const batch = Array.from({ length: Math.min(1_000, count - done) }, (_, i) => ({
      key: `${kind}:seed-${randomUUID()}`,
      installationId: 1,
      pullRequestId: null,
      kind,
      payload: { event: "pull_request", deliveryId: `seed-${done + i}`, payload },
      dueAt: at.minus({ minutes: (done + i) % 10_080 }),
      priority: -1_000_000_000_000,
    }));
    await store.outbox.enqueueMany(batch);
    const claimed = await store.outbox.claim({
      owner: "seed",
      now: at,
      leaseMs: 60_000,
      limit: 1_000,
    });
    await store.transaction(async (tx) => {
      for (const action of claimed)
        await tx.outbox.complete(action.id, "seed", {
          at: action.dueAt,
          result: { applied: true },
        });
    });
  }
}

/**
 * `count` open PRs over the seeded repositories, each waiting on alice since `createdAt(i)`, their
 * next-due times planned by the app's SLA policy, with `history(i)` finished actions each (the
 * config checks and check-run writes a PR's pushes and reviews leave in the outbox). Bulk
 * inserts: a million PRs one statement each would take longer than the benchmark.
 */
export async function seedOpenPulls(
  url: string,
  repositories: number,
  count: number,
  createdAt: (index: number) => DateTime,
  history: (index: number) => number = () => 0,
): Promise<void> {
  const { db } = openDatabase(url);
  const { config, calendar } = new ConfigCache().resolve(BENCH_CONFIG);
  try {
    for (let start = 0; start < count; start += 2_000) {
      const rows: Insertable<PullRequestsTable>[] = [];
      const requests: Insertable<ReviewRequestsTable>[] = [];
      const actions: Insertable<ActionsTable>[] = [];
      for (let i = start; i < Math.min(count, start + 2_000); i += 1) {
        const repositoryId = 10 + (i % repositories);
        const number = Math.floor(i / repositories) + 1;
        const at = createdAt(i);
        const state: PullRequestState = {
          installationId: 1,
          repositoryId,
          owner: "octo",
          repo: `repo${i % repositories}`,
          number,
          title: "Change",
          author: "dana",
          authorIsBot: false,
          draft: false,
          open: true,
          merged: false,
          createdAt: at,
          readyAt: at,
          closedAt: null,
          mergedAt: null,
          labels: [],
          additions: 10,
          deletions: 2,
          changedFiles: 1,
          headSha: "abc",
          aiAssisted: false,
          requests: [
            {
              reviewer: { type: "user", login: "alice" },
              requestedAt: at,
              removedAt: null,
              satisfiedAt: null,
            },
          ],
          reviews: [],
        };
        const next = plannedActions(state, config, calendar)
          .map((a) => a.dueAt)
          .reduce<DateTime | null>((a, b) => (a === null || b < a ? b : a), null);
        const id = 1_000_000 + i;
        rows.push({
          id,
          installation_id: 1,
          repository_id: repositoryId,
          owner: "octo",
          repo: state.repo,
          number,
          title: "Change",
          author: "dana",
          author_is_bot: 0,
          draft: 0,
          open: 1,
          merged: 0,
          created_at: toTime(at),
          ready_at: toTime(at),
          closed_at: null,
          merged_at: null,
          labels: "[]",
          additions: 10,
          deletions: 2,
          changed_files: 1,
          head_sha: "abc",
          ai_assisted: 0,
          updated_at: toTime(at),
          next_due_at: next === null ? null : toTime(next),
        });
        requests.push({
          pull_request_id: id,
          reviewer_type: "user",
          reviewer: "alice",
          requested_at: toTime(at),
          removed_at: null,
          satisfied_at: null,
        });
        for (let n = 0; n < history(i); n += 1) {
          const kind = n % 2 === 0 ? "config-check" : "sla-check";
          const done = toTime(at.plus({ minutes: n }));
          actions.push({
            key: `${kind}:${id}:${n}`,
            installation_id: 1,
            pull_request_id: id,
            kind,
            payload: "{}",
            status: "done",
            due_at: done,
            priority: 0,
            attempts: 1,
            next_attempt_at: done,
            lease_owner: null,
            lease_expires_at: null,
            last_error: null,
            performed_at: done,
            result: null,
            created_at: done,
          });
        }
      }
      await db.transaction().execute(async (trx) => {
        for (let i = 0; i < actions.length; i += 500)
          await trx
            .insertInto("actions")
            .values(actions.slice(i, i + 500))
            .execute();
        for (let i = 0; i < rows.length; i += 500)
          await trx
            .insertInto("pull_requests")
            .values(rows.slice(i, i + 500))
            .execute();
        for (let i = 0; i < requests.length; i += 1_000)
          await trx
            .insertInto("review_requests")
            .values(requests.slice(i, i + 1_000))
            .execute();
      });
    }
    if (url.startsWith("postgres")) {
      await sql`analyze`.execute(db);
    }
  } finally {
    await db.destroy();
  }
}
