// The action worker: retries with backoff, gives up on requests GitHub will never accept,
// pauses a rate-limited installation only, and recovers a crash without a second comment.
import { DateTime } from "luxon";
import { executorsFor } from "../../src/executors.js";
import { ActionWorker } from "../../src/outbox/worker.js";
import { sweep } from "../../src/scheduler/sweep.js";
import type { Store } from "../../src/store/store.js";
import { silentLog } from "../helpers/app.js";
import { HttpError, memoryGitHub } from "../helpers/memory-github.js";
import { seedRepository, seedWaitingPulls } from "../helpers/seed.js";
import { testShell } from "../helpers/shell.js";

const t0 = DateTime.fromISO("2026-11-23T09:00:00Z", { zone: "utc" });

async function trackOverduePr(store: Store, installationId: number, prId: number): Promise<void> {
  const repo = { installationId, repositoryId: prId * 10, owner: `org${installationId}` };
  await seedRepository(store, repo, t0);
  await seedWaitingPulls(store, repo, { count: 1, firstId: prId, createdAt: () => t0 });
}

async function setup() {
  const memory = memoryGitHub();
  const shell = await testShell({ now: "2026-11-24T10:00:00Z", github: memory.github });
  const outcomes: string[] = [];
  const worker = (owner?: string) =>
    new ActionWorker({
      store: shell.store,
      clock: shell.clock,
      log: silentLog,
      executors: executorsFor(shell.deps),
      onOutcome: (_kind, outcome) => outcomes.push(owner ? `${owner}:${outcome}` : outcome),
    });
  return { ...shell, ...memory, worker, outcomes };
}

describe("action worker", () => {
  it("retries a comment after a GitHub 502 with backoff and posts it once", async () => {
    const { store, clock, deps, comments, failures, worker, outcomes } = await setup();
    await trackOverduePr(store, 1, 1);
    await sweep(deps, { at: clock.now() });
    failures.push(new HttpError(502));
    const w = worker();
    await w.drain();
    expect(comments).toHaveLength(0);
    const [pending] = await store.outbox.list({ status: "pending" });
    expect(pending?.lastError).toContain("502");
    expect(pending?.nextAttemptAt.toISO()).toBe(clock.now().plus({ seconds: 30 }).toISO());
    clock.advance({ seconds: 31 });
    await w.drain();
    expect(comments).toHaveLength(1);
    expect(outcomes).toEqual(["retry", "done"]);
    await store.close();
  });

  it("records a request GitHub rejects for good (404) as failed, and does not retry it", async () => {
    const { store, clock, deps, comments, failures, worker } = await setup();
    await trackOverduePr(store, 1, 1);
    await sweep(deps, { at: clock.now() });
    failures.push(new HttpError(404));
    await worker().drain();
    clock.advance({ hours: 2 });
    await worker().drain();
    expect(comments).toHaveLength(0);
    const [failed] = await store.outbox.list({ status: "failed" });
    expect(failed?.lastError).toContain("404");
    await store.close();
  });

  it("pauses only the rate-limited installation until Retry-After", async () => {
    const { store, clock, deps, comments, failures, worker } = await setup();
    await trackOverduePr(store, 1, 1);
    await trackOverduePr(store, 2, 2);
    await sweep(deps, { at: clock.now() });
    failures.push(new HttpError(429, { headers: { "retry-after": "120" } }));
    const w = worker();
    await w.drain();
    expect(comments.map((c) => c.issue)).toEqual(["org2/api#1"]);
    expect([...w.pausedInstallations().keys()]).toEqual([1]);
    clock.advance({ seconds: 60 });
    await w.drain();
    expect(comments).toHaveLength(1);
    clock.advance({ seconds: 61 });
    await w.drain();
    expect(comments.map((c) => c.issue).sort()).toEqual(["org1/api#1", "org2/api#1"]);
    await store.close();
  });

  it("performs an action exactly once when the worker holding it died after posting", async () => {
    const { store, clock, deps, comments, github, worker } = await setup();
    await trackOverduePr(store, 1, 1);
    await sweep(deps, { at: clock.now() });
    // A worker claims the reminder, posts it, and dies before recording it.
    const [claimed] = await store.outbox.claim({
      owner: "dead-worker",
      now: clock.now(),
      leaseMs: 60_000,
      limit: 1,
    });
    const payload = claimed!.payload as {
      owner: string;
      repo: string;
      number: number;
      body: string;
    };
    await github.createComment(payload.owner, payload.repo, payload.number, payload.body);
    await worker().drain();
    expect(comments).toHaveLength(1);
    clock.advance({ minutes: 2 });
    await worker().drain();
    expect(comments).toHaveLength(1);
    const done = await store.outbox.getByKey(claimed!.key);
    expect(done).toMatchObject({ status: "done", attempts: 2, result: { recovered: true } });
    await store.close();
  });

  it("posts after the lease expires when the worker died before posting", async () => {
    const { store, clock, deps, comments, worker } = await setup();
    await trackOverduePr(store, 1, 1);
    await sweep(deps, { at: clock.now() });
    await store.outbox.claim({ owner: "dead-worker", now: clock.now(), leaseMs: 60_000, limit: 1 });
    clock.advance({ minutes: 2 });
    await worker().drain();
    expect(comments).toHaveLength(1);
    await store.close();
  });

  it("never performs an action whose lease another worker took over while its batch ran", async () => {
    const { store, clock, deps, comments, worker } = await setup();
    // Two overdue PRs of one installation: one claim takes both reminders under one lease.
    const repo = { installationId: 1, repositoryId: 10, owner: "org1" };
    await seedRepository(store, repo, t0);
    await seedWaitingPulls(store, repo, { count: 2, firstId: 1, createdAt: () => t0 });
    await sweep(deps, { at: clock.now() });
    const base = executorsFor(deps);
    let calls = 0;
    const slow = new ActionWorker({
      store,
      clock,
      log: silentLog,
      leaseMs: 60_000,
      executors: {
        ...base,
        reminder: async (action, log) => {
          calls += 1;
          const result = await base.reminder(action, log);
          if (calls === 1) {
            // The first call took longer than the batch's lease: meanwhile another worker
            // claimed the batch's actions and performed them.
            clock.advance({ minutes: 2 });
            await worker().drain();
          }
          return result;
        },
      },
    });
    await slow.runOnce();
    expect(comments.map((c) => c.issue).sort()).toEqual(["org1/api#1", "org1/api#2"]);
    expect(calls).toBe(1);
    expect(await store.outbox.list({ kind: "reminder", status: "done" })).toHaveLength(2);
    await store.close();
  });

  it("keeps the lease of a slow action alive while it runs", async () => {
    const { store, clock, deps, comments, worker } = await setup();
    await trackOverduePr(store, 1, 1);
    await sweep(deps, { at: clock.now() });
    const base = executorsFor(deps);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started = false;
    const slow = new ActionWorker({
      store,
      clock,
      log: silentLog,
      leaseMs: 60_000,
      leaseRenewMs: 5,
      executors: {
        ...base,
        reminder: async (action, log) => {
          started = true;
          await gate;
          return base.reminder(action, log);
        },
      },
    });
    const running = slow.runOnce();
    for (let i = 0; i < 1_000 && !started; i += 1) await new Promise((r) => setImmediate(r));
    clock.advance({ seconds: 45 });
    const renewedTo = clock.now().plus({ seconds: 60 }).toMillis();
    const leaseEnd = async () =>
      (await store.outbox.list({ kind: "reminder" }))[0]?.leaseExpiresAt?.toMillis() ?? 0;
    for (let i = 0; i < 400 && (await leaseEnd()) < renewedTo; i += 1) {
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(await leaseEnd()).toBeGreaterThanOrEqual(renewedTo);
    // Past the claim's lease but within the renewed one: nobody else takes the action.
    clock.advance({ seconds: 30 });
    expect(await worker().drain()).toBe(0);
    release();
    await running;
    expect(comments).toHaveLength(1);
    await store.close();
  });

  it("skips a reminder whose PR was reviewed after it was queued", async () => {
    const { store, clock, deps, comments, worker } = await setup();
    await trackOverduePr(store, 1, 1);
    await sweep(deps, { at: clock.now() });
    await store.reviews.record(1, {
      id: 5,
      reviewer: "alice",
      state: "approved",
      submittedAt: clock.now(),
    });
    await worker().drain();
    expect(comments).toHaveLength(0);
    const [reminder] = await store.outbox.list({ kind: "reminder" });
    expect(reminder).toMatchObject({
      status: "done",
      result: { skipped: expect.stringContaining("no longer due") },
    });
    await store.close();
  });
});

describe("the ordered lane (webhook inbox)", () => {
  it("is worked by one worker at a time, in arrival order, while other lanes go on", async () => {
    const { store, clock, deps } = await testShell({ now: "2026-11-24T10:00:00Z" });
    const applied: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const executors = {
      ...executorsFor(deps),
      webhook: async (action: { key: string }) => {
        if (action.key === "webhook:1") await gate;
        applied.push(action.key);
      },
      "refresh-config": (action: { key: string }) => Promise.resolve(applied.push(action.key)),
    };
    for (let i = 1; i <= 5; i += 1) {
      await store.outbox.enqueue({
        key: `webhook:${i}`,
        installationId: 0,
        pullRequestId: null,
        kind: "webhook",
        payload: { event: "ping", deliveryId: String(i), payload: {} },
        dueAt: clock.now(),
        priority: -1,
      });
    }
    await store.outbox.enqueue({
      key: "other:1",
      installationId: 3,
      pullRequestId: null,
      kind: "refresh-config",
      payload: { repositoryId: 3 },
      dueAt: clock.now(),
      priority: 0,
    });
    const make = () =>
      new ActionWorker({ store, clock, log: silentLog, executors, orderedLanes: { lanes: [0] } });
    const first = make().runOnce();
    // While the first worker holds the lane, a second one only does the other lanes.
    await new Promise((r) => setImmediate(r));
    expect(await make().runOnce()).toBe(1);
    expect(applied).toEqual(["other:1"]);
    release();
    expect(await first).toBe(5);
    expect(applied).toEqual([
      "other:1",
      "webhook:1",
      "webhook:2",
      "webhook:3",
      "webhook:4",
      "webhook:5",
    ]);
    await store.close();
  });
});
