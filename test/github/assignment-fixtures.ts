// Builders for the assignment shell tests: a store seeded with a repository, its config and pull
// requests, and the real GitHub client talking to the stand-in GitHub over HTTP.
import { DateTime } from "luxon";
import { Probot } from "probot";
import { octokitGitHub } from "../../src/github/client.js";
import type { InstallationGitHub } from "../../src/github/client.js";
import type { PullRequestFields, Store } from "../../src/store/store.js";
import { privateKey, silentLog, TestOctokit } from "../helpers/app.js";
import { StandInGitHub } from "../../src/demo/stand-in-github.js";
import type { StandInPull } from "../../src/demo/stand-in-github.js";
import { aStoredPullRequest } from "../helpers/pull-requests.js";
import { testShell } from "../helpers/shell.js";

/** Monday 23 November 2026, 09:00 UTC: inside the default working hours. */
export const NOW = "2026-11-23T09:00:00Z";
export const t0 = DateTime.fromISO(NOW, { zone: "utc" });
export const INSTALLATION = 42;
export const REPO = { id: 501, owner: "octo", name: "api" };

/** A running stand-in GitHub with octo/api and the team octo/seniors (alice, bob, carol). */
export async function startFake(): Promise<StandInGitHub> {
  const fake = new StandInGitHub();
  await fake.start();
  fake.addRepo({ ...REPO });
  fake.assignment.teams.set("octo/seniors", ["alice", "bob", "carol"]);
  return fake;
}

/** The production client, authenticated as installation 42 of the stand-in. */
export async function clientFor(fake: StandInGitHub): Promise<InstallationGitHub> {
  const probot = new Probot({
    appId: 1,
    privateKey: privateKey(),
    baseUrl: `http://${fake.host}/api/v3`,
    Octokit: TestOctokit,
    log: silentLog,
  });
  return octokitGitHub(await probot.auth(INSTALLATION));
}

/** A shell over SQLite whose GitHub is the stand-in, with octo/api tracked under `config`. */
export async function assignmentShell(fake: StandInGitHub, config: Record<string, unknown>) {
  const shell = await testShell({ now: NOW, github: await clientFor(fake) });
  await shell.store.repos.upsertInstallation({
    id: INSTALLATION,
    accountLogin: "octo",
    accountType: "Organization",
    suspendedAt: null,
  });
  await seedRepository(shell.store, REPO, config);
  return shell;
}

export async function seedRepository(
  store: Store,
  repo: { id: number; owner: string; name: string },
  config: Record<string, unknown>,
): Promise<void> {
  await store.repos.upsert({
    id: repo.id,
    installationId: INSTALLATION,
    owner: repo.owner,
    name: repo.name,
    defaultBranch: "main",
  });
  await store.repos.setConfig(repo.id, { json: config, errors: [], fetchedAt: t0 });
}

/** PR `number` of octo/api as the store takes it, opened at t0 (the stand-in's copy has the same ids). */
export function pullFields(
  number: number,
  overrides: Partial<PullRequestFields> = {},
): PullRequestFields {
  return aStoredPullRequest({
    id: 7000 + number,
    installationId: INSTALLATION,
    repositoryId: REPO.id,
    owner: REPO.owner,
    repo: REPO.name,
    number,
    title: `Change ${number}`,
    headSha: `sha-${number}`,
    createdAt: t0,
    ...overrides,
  });
}

/** Stores a PR, with pending user requests for `reviewers`; returns its id. */
export async function seedPull(
  store: Store,
  number: number,
  options: { reviewers?: string[]; teams?: string[]; fields?: Partial<PullRequestFields> } = {},
): Promise<number> {
  const fields = pullFields(number, options.fields);
  await store.pulls.upsert(fields);
  for (const login of options.reviewers ?? [])
    await store.reviews.addRequest(fields.id, { type: "user", login }, t0);
  for (const slug of options.teams ?? [])
    await store.reviews.addRequest(fields.id, { type: "team", slug }, t0);
  return fields.id;
}

/** The stand-in's copy of the same PR. */
export function fakePull(number: number, overrides: Partial<StandInPull> = {}): StandInPull {
  return {
    id: 7000 + number,
    number,
    title: `Change ${number}`,
    user: { login: "dana", type: "User" },
    draft: false,
    state: "open",
    created_at: NOW,
    updated_at: NOW,
    closed_at: null,
    merged_at: null,
    labels: [],
    head: { sha: `sha-${number}`, ref: "feature" },
    additions: 10,
    deletions: 2,
    changed_files: 1,
    requested_reviewers: [],
    requested_teams: [],
    files: ["src/api.ts"],
    commits: [],
    ...overrides,
  };
}

/**
 * A PR opened at `at` with `reviewer` requested at the same instant, as GitHub lists it (the
 * request in its timeline), so an import does not move the review clock.
 */
export function requestedPull(number: number, reviewer: string, at: string): StandInPull {
  return fakePull(number, {
    created_at: at,
    updated_at: at,
    requested_reviewers: [{ login: reviewer }],
    events: [
      { event: "review_requested", created_at: at, requested_reviewer: { login: reviewer } },
    ],
  });
}
