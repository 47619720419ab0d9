// Catch-up and reconciliation against the stand-in GitHub: cheap (GraphQL, 50 PRs a request),
// resumable page by page, and repairing what missed webhooks left wrong.
import { DateTime } from "luxon";
import { executorsFor } from "../../src/executors.js";
import { importAction } from "../../src/github/actions/import.js";
import { scheduleReconciliation } from "../../src/github/actions/reconcile.js";
import { ActionWorker } from "../../src/outbox/worker.js";
import { silentLog } from "../helpers/app.js";
import { StandInGitHub } from "../../src/demo/stand-in-github.js";
import type { StandInPull } from "../../src/demo/stand-in-github.js";
import { octokitShell } from "../helpers/octokit-shell.js";

const t0 = DateTime.fromISO("2026-11-20T09:00:00Z", { zone: "utc" });

function fakePull(number: number, overrides: Partial<StandInPull> = {}): StandInPull {
  const created = t0.plus({ minutes: number }).toISO()!;
  return {
    id: 5000 + number,
    number,
    title: `PR ${number}`,
    user: { login: "dana", type: "User" },
    draft: false,
    state: "open",
    created_at: created,
    updated_at: created,
    closed_at: null,
    merged_at: null,
    labels: [],
    head: { sha: `sha${number}`, ref: "b" },
    additions: 10,
    deletions: 1,
    changed_files: 1,
    requested_reviewers: [{ login: "alice" }],
    requested_teams: [],
    events: [
      { event: "review_requested", created_at: created, requested_reviewer: { login: "alice" } },
    ],
    ...overrides,
  };
}

async function setup(pulls: number) {
  const github = new StandInGitHub();
  await github.start();
  github.addRepo({ id: 77, owner: "octo", name: "api" });
  for (let n = 1; n <= pulls; n += 1) github.addPull("octo/api", fakePull(n));
  const shell = await octokitShell(github, "2026-11-25T09:00:00Z");
  await shell.store.repos.upsertInstallation({
    id: 1,
    accountLogin: "octo",
    accountType: "Organization",
    suspendedAt: null,
  });
  await shell.store.repos.upsert({
    id: 77,
    installationId: 1,
    owner: "octo",
    name: "api",
    defaultBranch: "main",
  });
  const worker = new ActionWorker({
    store: shell.store,
    clock: shell.clock,
    log: silentLog,
    executors: executorsFor(shell.deps),
  });
  const graphqlCalls = () => github.requests.filter((r) => r.path.endsWith("/graphql")).length;
  return { github, ...shell, worker, graphqlCalls };
}

describe("import of open pull requests", () => {
  it("imports 120 PRs in 3 GraphQL requests, timed from when review was requested", async () => {
    const { github, store, clock, worker, graphqlCalls } = await setup(120);
    await store.outbox.enqueue(importAction(1, 77, "import:77:test", clock.now()));
    await worker.drain();
    expect(graphqlCalls()).toBe(3);
    expect(await store.pulls.countOpen()).toBe(120);
    const pr = await store.pulls.find(77, 7);
    expect(pr?.requests[0]?.requestedAt.toISO()).toBe(t0.plus({ minutes: 7 }).toISO());
    const perPr = github.apiCalls().length / 120;
    console.log(
      `import: ${github.apiCalls().length} GitHub requests for 120 PRs (${perPr.toFixed(3)} per PR)`,
    );
    expect(perPr).toBeLessThanOrEqual(0.05);
    await github.stop();
    await store.close();
  });

  it("resumes at the page where a failure stopped it, without fetching earlier pages again", async () => {
    const { github, store, clock, worker, graphqlCalls } = await setup(120);
    await store.outbox.enqueue(importAction(1, 77, "import:77:test", clock.now()));
    await worker.runOnce();
    expect(await store.pulls.countOpen()).toBe(50);
    github.failNext("POST", /graphql$/, 502);
    await worker.drain();
    expect(await store.pulls.countOpen()).toBe(50);
    clock.advance({ minutes: 1 });
    await worker.drain();
    expect(await store.pulls.countOpen()).toBe(120);
    // Page 1 once, page 2 failed then done, page 3 once.
    expect(graphqlCalls()).toBe(4);
    await github.stop();
    await store.close();
  });

  it("repairs a PR closed and a review submitted while webhooks were lost", async () => {
    const { github, store, clock, worker } = await setup(3);
    await store.outbox.enqueue(importAction(1, 77, "import:77:first", clock.now()));
    await worker.drain();
    expect((await store.pulls.find(77, 2))?.open).toBe(true);
    // GitHub moves on without telling us: #2 is merged, alice reviews #3.
    const pulls = github.pulls.get("octo/api")!;
    Object.assign(pulls[1]!, {
      state: "closed",
      merged_at: clock.now().toISO(),
      closed_at: clock.now().toISO(),
    });
    Object.assign(pulls[2]!, {
      requested_reviewers: [],
      updated_at: clock.now().toISO(),
      reviews: [
        { id: 99, user: { login: "alice" }, state: "APPROVED", submitted_at: clock.now().toISO() },
      ],
    });
    clock.advance({ hours: 1 });
    expect(
      await scheduleReconciliation({ ...(await octokitShellDeps(store, clock, github)) }, "r1"),
    ).toBe(1);
    await worker.drain();
    const merged = await store.pulls.find(77, 2);
    expect(merged).toMatchObject({ open: false, merged: true, nextDueAt: null });
    const reviewed = await store.pulls.find(77, 3);
    expect(reviewed?.requests[0]?.satisfiedAt?.toISO()).toBe(
      clock.now().minus({ hours: 1 }).toISO(),
    );
    await github.stop();
    await store.close();
  });

  it("skips repositories whose open PRs did not change (a 304 costs no rate limit)", async () => {
    const { github, store, clock, worker, graphqlCalls } = await setup(3);
    const deps = await octokitShellDeps(store, clock, github);
    await scheduleReconciliation(deps, "r1");
    await worker.drain();
    const afterFirst = graphqlCalls();
    expect(afterFirst).toBe(1);
    await scheduleReconciliation(deps, "r2");
    await worker.drain();
    expect(graphqlCalls()).toBe(afterFirst);
    const conditional = github.requests.filter((r) => r.path === "/repos/octo/api/pulls");
    expect(conditional).toHaveLength(2);
    await github.stop();
    await store.close();
  });
});

/** The shell deps bound to an existing store (scheduleReconciliation only needs store/clock/log). */
async function octokitShellDeps(
  store: Awaited<ReturnType<typeof setup>>["store"],
  clock: Awaited<ReturnType<typeof setup>>["clock"],
  github: StandInGitHub,
) {
  const shell = await octokitShell(github);
  await shell.store.close();
  return { ...shell.deps, store, clock };
}
