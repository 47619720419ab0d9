// A tracked repository and pull request on the test shell, an in-memory GitHub for them, and
// a worker that performs checklist actions the way production does.
import { executorsFor } from "../../src/executors.js";
import { ActionWorker } from "../../src/outbox/worker.js";
import type { ActionRow, PullRequestFields } from "../../src/store/store.js";
import { silentLog } from "./app.js";
import { checklistGitHub } from "./checklist-github.js";
import type { PullState } from "./checklist-github.js";
import { aStoredPullRequest } from "./pull-requests.js";
import { testShell } from "./shell.js";

export const PR_ID = 500;
const REPOSITORY_ID = 10;
const INSTALLATION_ID = 1;

export interface ChecklistShellOptions {
  config?: Record<string, unknown>;
  pull?: Partial<PullState>;
  stored?: Partial<PullRequestFields>;
}

export async function checklistShell(options: ChecklistShellOptions = {}) {
  const fake = checklistGitHub({
    number: 5,
    author: "dana",
    draft: false,
    open: true,
    labels: [],
    body: "Adds a settings page.",
    headSha: "sha-1",
    files: ["web/src/components/Settings.tsx", "db/migrations/0002_settings.sql"],
    commitMessages: ["Add settings page"],
    ...options.pull,
  });
  const shell = await testShell({ github: fake.github });
  const { store, clock } = shell;
  await store.repos.upsertInstallation({
    id: INSTALLATION_ID,
    accountLogin: "octo",
    accountType: "Organization",
    suspendedAt: null,
  });
  await store.repos.upsert({
    id: REPOSITORY_ID,
    installationId: INSTALLATION_ID,
    owner: "octo",
    name: "api",
    defaultBranch: "main",
  });
  await store.repos.setConfig(REPOSITORY_ID, {
    json: options.config ?? {},
    errors: [],
    fetchedAt: clock.now(),
  });
  await store.pulls.upsert(storedPull(fake.pull, clock.now(), options.stored));
  const worker = new ActionWorker({
    store,
    clock,
    log: silentLog,
    executors: executorsFor(shell.deps),
  });
  let runs = 0;

  /** Enqueues one action of `kind` for the PR, lets the worker perform it, returns its row. */
  async function run(
    kind: "checklist" | "checklist-check",
    payload: unknown = { number: fake.pull.number, event: "synchronize" },
  ) {
    const key = `test:${kind}:${(runs += 1)}`;
    await store.outbox.enqueue({
      key,
      installationId: INSTALLATION_ID,
      pullRequestId: PR_ID,
      kind,
      payload,
      dueAt: clock.now(),
      priority: 0,
    });
    await worker.drain();
    const action = await store.outbox.getByKey(key);
    if (!action) throw new Error(`action ${key} vanished`);
    return action satisfies ActionRow;
  }

  return { ...shell, ...fake, run };
}

/** The stand-in's PR as the store keeps it, created at `at`. */
function storedPull(
  pull: PullState,
  at: PullRequestFields["createdAt"],
  overrides: Partial<PullRequestFields> = {},
): PullRequestFields {
  return aStoredPullRequest({
    id: PR_ID,
    installationId: INSTALLATION_ID,
    repositoryId: REPOSITORY_ID,
    number: pull.number,
    author: pull.author,
    authorIsBot: pull.author.endsWith("[bot]"),
    draft: pull.draft,
    open: pull.open,
    createdAt: at,
    labels: pull.labels,
    deletions: 1,
    changedFiles: pull.files.length,
    headSha: pull.headSha,
    ...overrides,
  });
}
