// When assignment is enqueued: readiness without a specific reviewer (once per readiness), the
// last reviewer withdrawn, and an escalation with `escalation.reassign` on.
import { executorsFor } from "../../src/executors.js";
import { enqueueAssignmentOnEvent } from "../../src/github/assignment/triggers.js";
import { ActionWorker } from "../../src/outbox/worker.js";
import { refreshNextDue } from "../../src/github/next-due.js";
import { sweep } from "../../src/scheduler/sweep.js";
import { silentLog } from "../helpers/app.js";
import type { StandInGitHub } from "../../src/demo/stand-in-github.js";
import { NOW, assignmentShell, fakePull, seedPull, startFake } from "./assignment-fixtures.js";

type Shell = Awaited<ReturnType<typeof assignmentShell>>;

const ASSIGNMENT = {
  enabled: true,
  pool: ["@octo/seniors"],
  max_open_reviews: 2,
  away: { bob: [{ from: "2026-11-23", to: "2026-11-24" }] },
};

const event = (action: string, pullRequestId: number, at = NOW) => ({ action, pullRequestId, at });

describe("enqueueing assignment on pull_request events", () => {
  let fake: StandInGitHub;
  let shell: Shell;
  beforeEach(async () => {
    fake = await startFake();
    shell = await assignmentShell(fake, { assignment: ASSIGNMENT });
  });
  afterEach(async () => {
    await shell.store.close();
    await fake.stop();
  });

  const enqueue = (action: string, id: number, at?: string) =>
    enqueueAssignmentOnEvent(shell.store, shell.deps.configs, {
      ...event(action, id, at),
      now: shell.clock.now(),
    });

  it("enqueues once per readiness, for opened, ready_for_review and reopened", async () => {
    const id = await seedPull(shell.store, 7);
    expect(await enqueue("opened", id)).toBe(true);
    expect(await enqueue("ready_for_review", id)).toBe(false);
    const keys = (await shell.store.outbox.list({ kind: "assign" })).map((a) => a.key);
    expect(keys).toEqual(["assign:501/7:ready@2026-11-23T09:00:00.000Z"]);
    expect(await enqueue("synchronize", id)).toBe(false);
  });

  it("skips drafts, closed PRs, PRs with a requested user, and repositories with assignment off", async () => {
    expect(
      await enqueue("opened", await seedPull(shell.store, 1, { fields: { draft: true } })),
    ).toBe(false);
    expect(
      await enqueue("opened", await seedPull(shell.store, 2, { fields: { open: false } })),
    ).toBe(false);
    expect(await enqueue("opened", await seedPull(shell.store, 3, { reviewers: ["alice"] }))).toBe(
      false,
    );
    await shell.store.repos.setConfig(501, {
      json: {},
      errors: [],
      fetchedAt: shell.clock.now(),
    });
    expect(await enqueue("opened", await seedPull(shell.store, 4))).toBe(false);
    expect(await shell.store.outbox.list()).toEqual([]);
  });

  it("enqueues when the last requested reviewer is withdrawn", async () => {
    const id = await seedPull(shell.store, 7, { reviewers: ["alice", "carol"] });
    await shell.store.reviews.removeRequest(
      id,
      { type: "user", login: "alice" },
      shell.clock.now(),
    );
    expect(await enqueue("review_request_removed", id, "2026-11-23T10:00:00Z")).toBe(false);
    await shell.store.reviews.removeRequest(
      id,
      { type: "user", login: "carol" },
      shell.clock.now(),
    );
    expect(await enqueue("review_request_removed", id, "2026-11-23T11:00:00Z")).toBe(true);
    const keys = (await shell.store.outbox.list({ kind: "assign" })).map((a) => a.key);
    expect(keys).toEqual(["assign:501/7:unrequested@2026-11-23T11:00:00Z"]);
  });
});

describe("reassignment on escalation", () => {
  let fake: StandInGitHub;
  afterEach(async () => {
    await fake.stop();
  });

  async function escalate(reassign: boolean) {
    fake = await startFake();
    const shell = await assignmentShell(fake, {
      clock: "calendar",
      quiet_hours: false,
      escalation: { to: ["octo/leads"], reassign },
      assignment: ASSIGNMENT,
    });
    await seedPull(shell.store, 1, { reviewers: ["alice"] });
    await seedPull(shell.store, 2, { reviewers: ["alice"] });
    fake.addPull("octo/api", fakePull(7, { requested_reviewers: [{ login: "carol" }] }));
    const id = await seedPull(shell.store, 7, { reviewers: ["carol"] });
    await refreshNextDue(shell.deps, id);
    shell.clock.advance({ hours: 49 });
    await sweep(shell.deps, { at: shell.clock.now() });
    await new ActionWorker({
      store: shell.store,
      clock: shell.clock,
      log: silentLog,
      executors: executorsFor(shell.deps),
    }).drain();
    const comments = fake.postedComments().map((r) => (r.body as { body: string }).body);
    const actions = await shell.store.outbox.list({ pullRequestId: id });
    await shell.store.close();
    return { comments, actions };
  }

  it("requests one more reviewer, never the one who missed the SLA, and says so", async () => {
    const { comments, actions } = await escalate(true);
    expect(fake.assignment.reviewRequests()).toEqual([
      { path: "/repos/octo/api/pulls/7/requested_reviewers", reviewers: ["bob"], teams: [] },
    ]);
    expect(comments).toHaveLength(2);
    expect(comments[0]).toContain("**Escalation:**");
    expect(comments[1]).toBe(
      "<!-- review-sla:assignment key=reassign:escalation:501/7:c1:resolution -->\n" +
        "Escalation: also requested review from @bob — 0 open reviews, lightest in `@octo/seniors`. " +
        "Skipped: `@alice` (at cap \\(2 open reviews\\)).",
    );
    const reassign = actions.find((a) => a.kind === "reassign");
    expect(reassign).toMatchObject({
      status: "done",
      payload: { trigger: "escalation", missedSla: ["carol"] },
    });
  });

  it("requests nobody more when escalation.reassign is off", async () => {
    const { comments, actions } = await escalate(false);
    expect(fake.assignment.reviewRequests()).toEqual([]);
    expect(comments).toHaveLength(1);
    expect(actions.map((a) => a.kind)).not.toContain("reassign");
  });
});
