// The sweep in batches: several due PRs per batch, each due action recorded and posted once, and
// a second sweep as of the same time posting nothing, on SQLite and on Postgres.
import { executorsFor } from "../../src/executors.js";
import type { ShellDeps } from "../../src/github/deps.js";
import { contentBudget } from "../../src/outbox/budget.js";
import { ActionWorker } from "../../src/outbox/worker.js";
import { sweep } from "../../src/scheduler/sweep.js";
import { ConfigCache } from "../../src/sla/config-cache.js";
import { silentLog } from "../helpers/app.js";
import { memoryGitHub } from "../helpers/memory-github.js";
import { seedRepository, seedWaitingPulls } from "../helpers/seed.js";
import { T0, useStoreContext } from "../store/contract/context.js";
import type { StoreTarget } from "../store/contract/context.js";
import { onEveryStore } from "../store/contract/targets.js";

const repo = { installationId: 1, repositoryId: 10, owner: "octo" };

function sweepSuite(target: StoreTarget): void {
  const ctx = useStoreContext(target);

  async function setup(count: number, createdAt = (i: number) => T0.plus({ hours: i * 5 })) {
    const { store, clock } = ctx();
    const memory = memoryGitHub();
    const deps: ShellDeps = {
      store,
      clock,
      log: silentLog,
      configs: new ConfigCache(),
      github: () => Promise.resolve(memory.github),
      wakeWorker: () => undefined,
      takeContentSlot: contentBudget(store, clock),
    };
    await seedRepository(store, repo, T0);
    // PR n waits since T0 + 5(n-1) hours: the oldest are found long overdue, the newest not due.
    await seedWaitingPulls(store, repo, {
      count,
      firstId: 100,
      createdAt,
    });
    const worker = new ActionWorker({
      store,
      clock,
      log: silentLog,
      executors: executorsFor(deps),
    });
    return { deps, store, clock, worker, comments: memory.comments };
  }

  it("posts each due action of a multi-PR batch once, and a second sweep posts nothing", async () => {
    const { deps, store, clock, worker, comments } = await setup(8);
    clock.set(T0.plus({ hours: 55 }));
    const first = await sweep(deps, { at: clock.now(), batchSize: 3 });
    await worker.drain();

    expect(first.evaluated).toBe(8);
    // PRs 1 and 2 (waiting 55 and 50 h): the escalation speaks, the reminder is recorded silently.
    const escalated = ["octo/api#1", "octo/api#2"];
    expect(first.actions.filter((a) => a.kind === "escalation").map((a) => a.pr)).toEqual(
      escalated,
    );
    expect(first.actions.filter((a) => !a.posts).map((a) => a.pr)).toEqual(escalated);
    // PRs 3 to 7 (waiting 45 to 25 h): a reminder each; PR 8 (20 h) is not due yet.
    const reminded = [3, 4, 5, 6, 7].map((n) => `octo/api#${n}`);
    expect(first.actions.filter((a) => a.kind === "reminder" && a.posts).map((a) => a.pr)).toEqual(
      reminded,
    );
    expect(comments.map((c) => c.issue).sort()).toEqual([...escalated, ...reminded].sort());
    const keys = (await store.outbox.list()).map((a) => a.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toHaveLength(9);

    const again = await sweep(deps, { at: clock.now(), batchSize: 3 });
    await worker.drain();
    expect(again.actions).toEqual([]);
    expect(again.evaluated).toBe(0);
    expect(comments).toHaveLength(7);
    expect(await store.outbox.list()).toHaveLength(9);
  });

  it("moves each PR's next-due time on, so a later sweep finds only what fell due since", async () => {
    const { deps, clock, worker, comments } = await setup(8);
    clock.set(T0.plus({ hours: 55 }));
    await sweep(deps, { at: clock.now(), batchSize: 2 });
    await worker.drain();

    clock.set(T0.plus({ hours: 67 }));
    const later = await sweep(deps, { at: clock.now(), batchSize: 2 });
    await worker.drain();
    // Due since, earliest first: PR 3's escalation (at 58 h), PR 8's reminder (59 h), PR 4's
    // escalation (63 h).
    expect(later.actions.map((a) => `${a.kind} ${a.pr}`)).toEqual([
      "escalation octo/api#3",
      "reminder octo/api#8",
      "escalation octo/api#4",
    ]);
    expect(later.evaluated).toBe(3);
    expect(comments).toHaveLength(10);
  });

  it("names a requested reviewer who is away on the day the reminder goes out, and pings the others", async () => {
    const { deps, store, clock, worker, comments } = await setup(0);
    const day = T0.plus({ hours: 30 }).toISODate() ?? "";
    await store.repos.setConfig(repo.repositoryId, {
      json: {
        clock: "calendar",
        quiet_hours: false,
        people: { Bob: { away: [{ from: day, to: day }] } },
      },
      errors: [],
      fetchedAt: T0,
    });
    await seedWaitingPulls(store, repo, { count: 1, firstId: 500, createdAt: () => T0 });
    await store.reviews.addRequest(500, { type: "user", login: "bob" }, T0);
    clock.set(T0.plus({ hours: 30 }));
    await sweep(deps, { at: clock.now() });
    await worker.drain();
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toContain("Also requested, but away: `bob`.");
    expect(comments[0]?.body).toContain("@alice");
  });

  it("evaluates each PR once when batches split PRs due at the same instant", async () => {
    // Seven PRs waiting since the same instant: every page boundary falls between equal due times.
    const { deps, store, clock, worker, comments } = await setup(7, () => T0);
    clock.set(T0.plus({ hours: 30 }));
    const first = await sweep(deps, { at: clock.now(), batchSize: 2 });
    await worker.drain();
    const all = [1, 2, 3, 4, 5, 6, 7].map((n) => `octo/api#${n}`);
    expect(first.evaluated).toBe(7);
    expect(first.actions.map((a) => `${a.kind} ${a.pr}`).sort()).toEqual(
      all.map((pr) => `reminder ${pr}`),
    );
    expect(comments.map((c) => c.issue).sort()).toEqual(all);

    clock.set(T0.plus({ hours: 50 }));
    const later = await sweep(deps, { at: clock.now(), batchSize: 2 });
    await worker.drain();
    expect(later.evaluated).toBe(7);
    expect(later.actions.map((a) => `${a.kind} ${a.pr}`).sort()).toEqual(
      all.map((pr) => `escalation ${pr}`),
    );
    expect(await store.outbox.list()).toHaveLength(14);
    expect((await sweep(deps, { at: clock.now(), batchSize: 2 })).evaluated).toBe(0);
  });

  it("reports what is due on a dry run without recording it, over several batches", async () => {
    const { deps, store, clock } = await setup(8);
    clock.set(T0.plus({ hours: 55 }));
    const dry = await sweep(deps, { at: clock.now(), dryRun: true, batchSize: 2 });
    expect(dry.evaluated).toBe(8);
    expect(dry.actions).toHaveLength(9);
    expect(await store.outbox.list()).toEqual([]);
    const real = await sweep(deps, { at: clock.now(), batchSize: 2 });
    expect(real.actions).toEqual(dry.actions);
  });
}

onEveryStore("sweep in batches", sweepSuite);
