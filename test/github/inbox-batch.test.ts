// The webhook inbox applied several deliveries to a transaction: arrival order per repository,
// each delivery once, and one bad delivery never takes the others of its batch down with it.
import { executorsFor } from "../../src/executors.js";
import { INBOX_LANES, InboxWriter } from "../../src/github/inbox.js";
import { recordPending } from "../../src/github/inbox-ingest.js";
import { inboxBatchApplier } from "../../src/github/inbox-batch.js";
import { ActionWorker } from "../../src/outbox/worker.js";
import { silentLog } from "../helpers/app.js";
import { memoryGitHub } from "../helpers/memory-github.js";
import { testShell } from "../helpers/shell.js";
import { pullRequestPayload } from "../helpers/webhooks.js";

const created = "2026-11-23T09:00:00Z";

function pull(repo: number) {
  return {
    installationId: 1,
    repo: { id: repo, owner: "octo", name: `repo${repo}` },
    number: 1,
    id: repo * 100,
    author: "dana",
    createdAt: created,
  };
}

/** opened → alice requested → alice's request withdrawn: only that order leaves nobody pending. */
function requestedThenWithdrawn(repo: number) {
  const at = (minute: number) => `2026-11-23T09:0${minute}:00Z`;
  return [
    pullRequestPayload("opened", pull(repo)),
    {
      ...pullRequestPayload("review_requested", { ...pull(repo), updatedAt: at(1) }),
      requested_reviewer: { login: "alice" },
    },
    {
      ...pullRequestPayload("review_request_removed", { ...pull(repo), updatedAt: at(2) }),
      requested_reviewer: { login: "alice" },
    },
  ];
}

async function setup() {
  const memory = memoryGitHub();
  const shell = await testShell({ now: "2026-11-23T10:00:00Z", github: memory.github });
  const inbox = new InboxWriter(shell.deps, recordPending(shell.deps));
  const worker = new ActionWorker({
    store: shell.store,
    clock: shell.clock,
    log: silentLog,
    executors: executorsFor(shell.deps),
    orderedLanes: INBOX_LANES,
    batchSize: 50,
    laneApplier: inboxBatchApplier(shell.deps, { perTransaction: 2 }),
  });
  let delivery = 0;
  const record = (payload: object) =>
    inbox.record({ event: "pull_request", deliveryId: `d${++delivery}`, payload });
  return { ...shell, worker, record };
}

async function pendingLogins(store: Awaited<ReturnType<typeof setup>>["store"], prId: number) {
  const pr = await store.pulls.get(prId);
  return (pr?.requests ?? [])
    .filter((r) => r.removedAt === null && r.reviewer.type === "user")
    .map((r) => (r.reviewer.type === "user" ? r.reviewer.login : ""));
}

describe("webhook inbox applied in batches", () => {
  it("applies interleaved deliveries of three repositories in arrival order, each once", async () => {
    const { store, worker, record } = await setup();
    const [a, b, c] = [10, 20, 30].map(requestedThenWithdrawn);
    // Arrival interleaves the repositories: a1 b1 c1 a2 b2 c2 a3 b3 c3.
    for (let i = 0; i < 3; i += 1) for (const events of [a, b, c]) await record(events![i]!);
    await worker.drain();
    const webhooks = await store.outbox.list({ kind: "webhook" });
    expect(webhooks.map((w) => [w.status, w.attempts])).toEqual(Array(9).fill(["done", 1]));
    for (const prId of [1000, 2000, 3000]) expect(await pendingLogins(store, prId)).toEqual([]);
    await store.close();
  });

  it("applies the rest of a batch when one delivery in it fails, and retries that one alone", async () => {
    const { store, clock, worker, record } = await setup();
    const [opened, requested, withdrawn] = requestedThenWithdrawn(10);
    const broken = { ...pullRequestPayload("synchronize", pull(10)), pull_request: null };
    for (const payload of [opened!, broken, requested!, withdrawn!]) await record(payload);
    await worker.drain();
    const webhooks = await store.outbox.list({ kind: "webhook" });
    expect(webhooks.map((w) => w.status)).toEqual(["done", "pending", "done", "done"]);
    expect(webhooks[1]?.lastError).toBeTruthy();
    expect(await pendingLogins(store, 1000)).toEqual([]);
    // The failed batch kept nothing: its good delivery was applied (once) on its own.
    const seen = (id: string) => store.deliveries.record(id, "pull_request", clock.now());
    expect([await seen("d1"), await seen("d2"), await seen("d3")]).toEqual([false, true, false]);
    await store.close();
  });
});
