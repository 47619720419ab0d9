// The assign action against the stand-in GitHub over HTTP and a SQLite store: whom it requests,
// the one comment it posts, caps, team replacement, refusals, and retries without duplicates.
import { executorsFor } from "../../src/executors.js";
import { performAction } from "../../src/outbox/perform.js";
import { enqueueAssignmentOnEvent } from "../../src/github/assignment/triggers.js";
import { ActionWorker } from "../../src/outbox/worker.js";
import type { StandInGitHub } from "../../src/demo/stand-in-github.js";
import { silentLog } from "../helpers/app.js";
import { NOW, assignmentShell, fakePull, seedPull, startFake } from "./assignment-fixtures.js";

type Shell = Awaited<ReturnType<typeof assignmentShell>>;

const CONFIG = {
  assignment: {
    enabled: true,
    pool: ["@octo/seniors"],
    max_open_reviews: 2,
    away: { bob: [{ from: "2026-11-23", to: "2026-11-24" }] },
  },
};

function worker(shell: Shell) {
  return new ActionWorker({
    store: shell.store,
    clock: shell.clock,
    log: silentLog,
    executors: executorsFor(shell.deps),
  });
}

/** The PR becomes ready (as the webhook handler records it), then the worker runs. */
async function becomeReady(shell: Shell, id: number): Promise<boolean> {
  const enqueued = await enqueueAssignmentOnEvent(shell.store, shell.deps.configs, {
    action: "ready_for_review",
    pullRequestId: id,
    at: NOW,
    now: shell.clock.now(),
  });
  await worker(shell).drain();
  return enqueued;
}

const bodies = (fake: StandInGitHub) =>
  fake.postedComments().map((r) => (r.body as { body: string }).body);

describe("the assign action", () => {
  let fake: StandInGitHub;
  let shell: Shell;
  beforeEach(async () => {
    fake = await startFake();
    shell = await assignmentShell(fake, CONFIG);
    await seedPull(shell.store, 1, { reviewers: ["alice"] });
    await seedPull(shell.store, 2, { reviewers: ["alice"] });
  });
  afterEach(async () => {
    await shell.store.close();
    await fake.stop();
  });

  it("requests the lightest available pool member once and says why in one comment", async () => {
    fake.addPull("octo/api", fakePull(7));
    const id = await seedPull(shell.store, 7);
    expect(await becomeReady(shell, id)).toBe(true);
    expect(fake.assignment.reviewRequests()).toEqual([
      { path: "/repos/octo/api/pulls/7/requested_reviewers", reviewers: ["carol"], teams: [] },
    ]);
    expect(bodies(fake)).toEqual([
      "<!-- review-sla:assignment key=assign:501/7:ready@2026-11-23T09:00:00.000Z -->\n" +
        "Requested review from @carol — 0 open reviews, lightest in `@octo/seniors`. " +
        "Skipped: `@bob` (away), `@alice` (at cap \\(2 open reviews\\)).",
    ]);
    const pr = await shell.store.pulls.get(id);
    expect(pr?.requests.map((r) => r.reviewer)).toEqual([{ type: "user", login: "carol" }]);
    expect(pr?.nextDueAt).not.toBeNull();
    // The same readiness again (a redelivered or repeated event) does nothing.
    expect(await becomeReady(shell, id)).toBe(false);
    expect(fake.assignment.reviewRequests()).toHaveLength(1);
    expect(fake.postedComments()).toHaveLength(1);
  });

  it("requests nobody when everyone is at max_open_reviews, and says why once", async () => {
    await seedPull(shell.store, 3, { reviewers: ["carol", "bob"] });
    await seedPull(shell.store, 4, { reviewers: ["carol", "bob"] });
    fake.addPull("octo/api", fakePull(7));
    await becomeReady(shell, await seedPull(shell.store, 7));
    expect(fake.assignment.reviewRequests()).toEqual([]);
    expect(bodies(fake)).toEqual([
      "<!-- review-sla:assignment key=assign:501/7:ready@2026-11-23T09:00:00.000Z -->\n" +
        "No reviewer requested from `@octo/seniors`: nobody is available " +
        "(at cap \\(2 open reviews\\): `@carol`, `@alice`; away: `@bob`).",
    ]);
  });

  it("never requests the author", async () => {
    fake.addPull("octo/api", fakePull(7, { user: { login: "carol", type: "User" } }));
    await becomeReady(shell, await seedPull(shell.store, 7, { fields: { author: "carol" } }));
    expect(fake.assignment.reviewRequests()).toEqual([]);
    expect(bodies(fake)[0]).toContain("nobody is available");
  });

  it("replaces a request for the pool team with a person", async () => {
    fake.addPull("octo/api", fakePull(7, { requested_teams: [{ slug: "seniors" }] }));
    const id = await seedPull(shell.store, 7, { teams: ["seniors"] });
    await becomeReady(shell, id);
    expect(fake.assignment.reviewRequests().map((r) => r.reviewers)).toEqual([["carol"]]);
    const removal = fake.requests.filter((r) => r.method === "DELETE");
    expect(removal.map((r) => r.body)).toEqual([{ reviewers: [], team_reviewers: ["seniors"] }]);
    expect(fake.pulls.get("octo/api")?.find((p) => p.number === 7)).toMatchObject({
      requested_reviewers: [{ login: "carol" }],
      requested_teams: [],
    });
    const pending = (await shell.store.pulls.get(id))?.requests.filter((r) => !r.removedAt);
    expect(pending?.map((r) => r.reviewer)).toEqual([{ type: "user", login: "carol" }]);
  });

  it("leaves a PR alone when another team is requested", async () => {
    const id = await seedPull(shell.store, 7, { teams: ["frontend"] });
    expect(await becomeReady(shell, id)).toBe(true);
    expect(fake.apiCalls()).toEqual([]);
  });

  it("tries the next in line once when GitHub refuses a reviewer, and says so", async () => {
    await shell.store.repos.setConfig(501, {
      json: { assignment: { ...CONFIG.assignment, away: {} } },
      errors: [],
      fetchedAt: shell.clock.now(),
    });
    await seedPull(shell.store, 3, { reviewers: ["bob"] });
    fake.assignment.notCollaborators.add("carol");
    fake.addPull("octo/api", fakePull(7));
    await becomeReady(shell, await seedPull(shell.store, 7));
    expect(fake.assignment.reviewRequests().map((r) => r.reviewers)).toEqual([["carol"], ["bob"]]);
    expect(bodies(fake)).toHaveLength(1);
    expect(bodies(fake)[0]).toContain("Requested review from @bob");
    expect(bodies(fake)[0]).toContain("GitHub refused the review request for `@carol`");
  });

  it("finishes the same choice after a failure, without a second request or comment", async () => {
    fake.addPull("octo/api", fakePull(7));
    const id = await seedPull(shell.store, 7);
    fake.failNext("POST", /\/issues\/7\/comments$/, 502);
    await becomeReady(shell, id);
    const [action] = await shell.store.outbox.list({ kind: "assign", pullRequestId: id });
    expect(action?.status).toBe("pending");
    // Meanwhile bob is back and lighter than anyone: the saved plan still says carol.
    shell.clock.advance({ days: 2 });
    await worker(shell).drain();
    expect(fake.assignment.reviewRequests().map((r) => r.reviewers)).toEqual([["carol"]]);
    expect(fake.postedComments()).toHaveLength(2); // the failed attempt, then the one that landed
    expect(fake.comments.get("octo/api#7")).toHaveLength(1);
    // A crash after everything but recording completion: GitHub's state settles it.
    const row = (await shell.store.outbox.getByKey(action!.key))!;
    const executors = executorsFor(shell.deps);
    const result = await performAction(
      executors,
      { ...row, attempts: row.attempts + 1 },
      silentLog,
    );
    expect(result).toMatchObject({ requested: ["carol"], recovered: true });
    expect(fake.assignment.reviewRequests()).toHaveLength(1);
    expect(fake.comments.get("octo/api#7")).toHaveLength(1);
  });
});
