// Builders for the contract tests: a tracked repository, pull requests and actions with defaults.
import type { DateTime } from "luxon";
import type { NewAction, PullRequestFields, Store } from "../../../src/store/store.js";
import { aStoredPullRequest } from "../../helpers/pull-requests.js";
import { at } from "./context.js";

export const INSTALLATION = 7_000_000_001;
export const REPOSITORY = 5_000_000_001;

/** Stores an installation and a repository (ids above 2^31, as GitHub's are). */
export async function seedRepository(
  store: Store,
  ids: { installationId?: number; repositoryId?: number; name?: string } = {},
): Promise<{ installationId: number; repositoryId: number }> {
  const installationId = ids.installationId ?? INSTALLATION;
  const repositoryId = ids.repositoryId ?? REPOSITORY;
  if ((await store.repos.getInstallation(installationId)) === null) {
    await store.repos.upsertInstallation({
      id: installationId,
      accountLogin: "acme",
      accountType: "Organization",
      suspendedAt: null,
    });
  }
  await store.repos.upsert({
    id: repositoryId,
    installationId,
    owner: "acme",
    name: ids.name ?? `repo-${repositoryId}`,
    defaultBranch: "main",
  });
  return { installationId, repositoryId };
}

/** A pull request of the seeded repository, as the store takes it (ids above 2^31). */
export function pullRequestFields(overrides: Partial<PullRequestFields> = {}): PullRequestFields {
  const number = overrides.number ?? 1;
  return aStoredPullRequest({
    id: 9_000_000_000 + number,
    installationId: INSTALLATION,
    repositoryId: REPOSITORY,
    owner: "acme",
    repo: `repo-${REPOSITORY}`,
    number,
    ...overrides,
  });
}

/** Stores a pull request (and the repository it needs); returns its id. */
export async function seedPullRequest(
  store: Store,
  overrides: Partial<PullRequestFields> = {},
): Promise<number> {
  const fields = pullRequestFields(overrides);
  await seedRepository(store, {
    installationId: fields.installationId,
    repositoryId: fields.repositoryId,
  });
  await store.pulls.upsert(fields);
  return fields.id;
}

export function newAction(overrides: Partial<NewAction> = {}): NewAction {
  return {
    key: "pr:1:reminder:0:24h",
    installationId: INSTALLATION,
    pullRequestId: null,
    kind: "reminder",
    payload: { reviewers: ["bob"] },
    dueAt: at(0),
    priority: 0,
    ...overrides,
  };
}

export function user(login: string) {
  return { type: "user" as const, login };
}

export function team(slug: string) {
  return { type: "team" as const, slug };
}

/** The instants as ISO text, for readable comparisons. */
export function iso(values: readonly (DateTime | null)[]): (string | null)[] {
  return values.map((value) => (value === null ? null : value.toUTC().toISO()));
}
