// Builders for digest and Slack shell tests: an installation with repositories and configs, and
// pull requests with their review history, written to a real store.
import type { DateTime } from "luxon";
import type { Store } from "../../src/store/store.js";
import { aStoredPullRequest } from "./pull-requests.js";

export const INSTALLATION = 42;

export async function seedInstallation(
  store: Store,
  repos: { id: number; name: string; owner?: string; config?: unknown }[],
  at: DateTime,
  account = "octo",
): Promise<void> {
  await store.repos.upsertInstallation({
    id: INSTALLATION,
    accountLogin: account,
    accountType: "Organization",
    suspendedAt: null,
  });
  for (const repo of repos) {
    await store.repos.upsert({
      id: repo.id,
      installationId: INSTALLATION,
      owner: repo.owner ?? account,
      name: repo.name,
      defaultBranch: "main",
    });
    if (repo.config !== undefined) {
      await store.repos.setConfig(repo.id, { json: repo.config, errors: [], fetchedAt: at });
    }
  }
}

let nextId = 70_000;

export interface SeedPull {
  repositoryId: number;
  repo?: string;
  number: number;
  createdAt: DateTime;
  title?: string;
  author?: string;
  readyAt?: DateTime;
  mergedAt?: DateTime;
  closedAt?: DateTime;
  aiAssisted?: boolean;
  reviewers?: string[];
  reviews?: { by: string; at: DateTime; state?: "approved" | "commented" | "changes_requested" }[];
}

/** Stores the PR (open unless closed), its requests at readyAt, then its reviews; returns its id. */
export async function seedPull(store: Store, pull: SeedPull): Promise<number> {
  const id = (nextId += 1);
  const closedAt = pull.closedAt ?? pull.mergedAt ?? null;
  const readyAt = pull.readyAt ?? pull.createdAt;
  const fields = aStoredPullRequest({
    id,
    installationId: INSTALLATION,
    repositoryId: pull.repositoryId,
    repo: pull.repo ?? "api",
    number: pull.number,
    title: pull.title ?? `Change ${pull.number}`,
    ...(pull.author === undefined ? {} : { author: pull.author }),
    open: closedAt === null,
    merged: pull.mergedAt !== undefined,
    createdAt: pull.createdAt,
    readyAt,
    closedAt,
    mergedAt: pull.mergedAt ?? null,
    aiAssisted: pull.aiAssisted ?? false,
    updatedAt: closedAt ?? readyAt,
  });
  await store.pulls.upsert(fields);
  for (const login of pull.reviewers ?? []) {
    await store.reviews.addRequest(id, { type: "user", login }, readyAt);
  }
  for (const [index, review] of (pull.reviews ?? []).entries()) {
    await store.reviews.record(id, {
      id: id * 100 + index,
      reviewer: review.by,
      state: review.state ?? "approved",
      submittedAt: review.at,
    });
  }
  // Open PRs are due for the sweep to evaluate at once.
  if (closedAt === null) await store.pulls.setNextDueAt(id, readyAt);
  return id;
}
