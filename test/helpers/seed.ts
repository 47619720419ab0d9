// Seeds a store with tracked installations, repositories and PRs waiting for review.
import type { DateTime } from "luxon";
import type { Store } from "../../src/store/store.js";
import { aStoredPullRequest } from "./pull-requests.js";

export interface SeedRepo {
  installationId: number;
  repositoryId: number;
  owner: string;
  name?: string;
  /** Stored as the repository's config (defaults: calendar clock, no quiet hours). */
  config?: unknown;
}

export async function seedRepository(store: Store, repo: SeedRepo, at: DateTime): Promise<void> {
  await store.repos.upsertInstallation({
    id: repo.installationId,
    accountLogin: repo.owner,
    accountType: "Organization",
    suspendedAt: null,
  });
  await store.repos.upsert({
    id: repo.repositoryId,
    installationId: repo.installationId,
    owner: repo.owner,
    name: repo.name ?? "api",
    defaultBranch: "main",
  });
  await store.repos.setConfig(repo.repositoryId, {
    json: repo.config ?? { clock: "calendar", quiet_hours: false },
    errors: [],
    fetchedAt: at,
  });
}

/**
 * Adds `count` open PRs (numbers 1..count, ids from `firstId`) each with a review requested from
 * alice at `createdAt(i)`; earlier numbers are older. Their next action is due at once.
 */
export async function seedWaitingPulls(
  store: Store,
  repo: SeedRepo,
  options: { count: number; firstId: number; createdAt: (index: number) => DateTime },
): Promise<void> {
  for (let i = 0; i < options.count; i += 1) {
    const id = options.firstId + i;
    const createdAt = options.createdAt(i);
    await store.pulls.upsert(
      aStoredPullRequest({
        id,
        installationId: repo.installationId,
        repositoryId: repo.repositoryId,
        owner: repo.owner,
        repo: repo.name ?? "api",
        number: i + 1,
        createdAt,
        additions: 1,
        deletions: 1,
      }),
    );
    await store.reviews.addRequest(id, { type: "user", login: "alice" }, createdAt);
    await store.pulls.setNextDueAt(id, createdAt);
  }
}
