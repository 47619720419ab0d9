// Contract: the outbox of actions, enqueued once per key and leased to one worker at a time.
import type { ClaimOptions } from "../../../src/store/store.js";
import { INSTALLATION, newAction, seedPullRequest } from "./builders.js";
import { at } from "./context.js";
import type { StoreContext } from "./context.js";

const LEASE_MS = 60_000;

function claim(overrides: Partial<ClaimOptions> = {}): ClaimOptions {
  return { owner: "worker-a", now: at(1), leaseMs: LEASE_MS, limit: 10, ...overrides };
}

export function describeOutbox(ctx: () => StoreContext): void {
  test("enqueues an action once per key and reads it back", async () => {
    const { store, clock } = ctx();
    const pr = await seedPullRequest(store);
    clock.set(at(0.5));
    const action = newAction({
      pullRequestId: pr,
      priority: -90,
      payload: { reviewers: ["bob"], round: 1 },
    });
    expect(await store.outbox.enqueue(action)).toBe(true);
    expect(await store.outbox.enqueue({ ...action, kind: "other" })).toBe(false);
    expect(
      await store.outbox.enqueue(newAction({ key: "digest:2026-W48", pullRequestId: null })),
    ).toBe(true);

    const stored = await store.outbox.getByKey(action.key);
    expect(stored).toMatchObject({
      key: action.key,
      installationId: INSTALLATION,
      pullRequestId: pr,
      kind: "reminder",
      payload: { reviewers: ["bob"], round: 1 },
      priority: -90,
      status: "pending",
      attempts: 0,
      leaseOwner: null,
      leaseExpiresAt: null,
      lastError: null,
      performedAt: null,
      result: null,
    });
    expect(
      [stored?.dueAt, stored?.nextAttemptAt, stored?.createdAt].map((t) => t?.toISO()),
    ).toEqual([at(0).toISO(), at(0).toISO(), at(0.5).toISO()]);
    expect(await store.outbox.keysOf(pr)).toEqual(new Set([action.key]));
    expect(await store.outbox.getByKey("missing")).toBeNull();
  });

  test("lists installations with claimable work after the cursor, in order, skipping the rest", async () => {
    const { store } = ctx();
    const add = (installationId: number, key: string, dueAt = at(0)) =>
      store.outbox.enqueue(newAction({ key, installationId, dueAt }));
    // 7: a backlog; 8: only a row due later; 9: its one row leased; 11 and 12: one row each.
    for (let i = 0; i < 40; i += 1) await add(7, `seven-${i}`);
    await add(8, "eight", at(5));
    await add(9, "nine");
    await add(11, "eleven");
    await add(12, "twelve");
    await add(-3, "lane");
    await store.outbox.claim(claim({ installationIds: [9], limit: 1 }));
    const list = (query: { after: number; exclude?: number[]; limit?: number }) =>
      store.outbox.claimableInstallations({
        now: at(1),
        exclude: query.exclude ?? [],
        limit: query.limit ?? 10,
        after: query.after,
      });
    expect(await list({ after: 0 })).toEqual([7, 11, 12]);
    expect(await list({ after: -10 })).toEqual([-3, 7, 11, 12]);
    expect(await list({ after: 7 })).toEqual([11, 12]);
    expect(await list({ after: 0, exclude: [7, 12] })).toEqual([11]);
    expect(await list({ after: 0, limit: 2 })).toEqual([7, 11]);
    expect(await list({ after: 12 })).toEqual([]);
    // Due by the decision time, not the machine time (`sweep --at`).
    expect(
      await store.outbox.claimableInstallations({
        now: at(1),
        dueBy: at(6),
        exclude: [],
        limit: 10,
        after: 7,
      }),
    ).toEqual([8, 11, 12]);
  });

  test("finds which of the keys asked are recorded for each pull request, by key", async () => {
    const { store } = ctx();
    const pr = await seedPullRequest(store);
    const other = await seedPullRequest(store, { number: 2 });
    for (let i = 0; i < 30; i += 1)
      await store.outbox.enqueue(newAction({ key: `config-check:${i}`, pullRequestId: pr }));
    await store.outbox.enqueue(
      newAction({ key: "reminder:1/1:c0:first_review", pullRequestId: pr }),
    );
    await store.outbox.enqueue(
      newAction({ key: "reminder:1/2:c0:first_review", pullRequestId: other }),
    );

    const asked = ["reminder:1/1:c0:first_review", "escalation:1/1:c0:resolution"];
    expect(await store.outbox.recordedKeys(pr, asked)).toEqual(new Set([asked[0]]));
    expect(await store.outbox.recordedKeys(pr, [])).toEqual(new Set());
    // Another pull request's action with the key asked is not this one's.
    expect(await store.outbox.recordedKeys(pr, ["reminder:1/2:c0:first_review"])).toEqual(
      new Set(),
    );
    const many = await store.outbox.recordedKeysOfMany(
      new Map([
        [pr, [...asked, "reminder:1/2:c0:first_review"]],
        [other, ["reminder:1/2:c0:first_review", "config-check:3"]],
        [999_999, ["missing"]],
      ]),
    );
    expect(many).toEqual(
      new Map([
        [pr, new Set([asked[0]])],
        [other, new Set(["reminder:1/2:c0:first_review"])],
        [999_999, new Set()],
      ]),
    );
  });

  test("tells whether a later action of a kind is still pending for a pull request", async () => {
    const { store } = ctx();
    const pr = await seedPullRequest(store);
    const check = (key: string, pullRequestId: number | null = pr, kind = "sla-check") =>
      store.outbox.enqueue(newAction({ key, kind, pullRequestId }));
    await check("check-1");
    await check("reminder-1", pr, "reminder");
    const first = await store.outbox.getByKey("check-1");
    const firstId = first?.id ?? 0;
    // Only a reminder came after it: another kind does not count.
    expect(await store.outbox.laterPending("sla-check", pr, firstId)).toBe(false);
    await check("check-2");
    expect(await store.outbox.laterPending("sla-check", pr, firstId)).toBe(true);
    const second = await store.outbox.getByKey("check-2");
    expect(await store.outbox.laterPending("sla-check", pr, second?.id ?? 0)).toBe(false);
    // Done, it no longer counts; nor does another pull request's.
    const claimed = await store.outbox.claim(claim({ limit: 10 }));
    for (const action of claimed)
      if (action.key === "check-2")
        await store.outbox.complete(action.id, "worker-a", { at: at(1), result: null });
    expect(await store.outbox.laterPending("sla-check", pr, firstId)).toBe(false);
    expect(await store.outbox.laterPending("sla-check", pr + 1, 0)).toBe(false);
  });

  test("keeps priorities beyond 32 bits: the webhook inbox's and reconciliation's", async () => {
    const { store } = ctx();
    await store.outbox.enqueue(newAction({ key: "last", priority: Number.MAX_SAFE_INTEGER }));
    await store.outbox.enqueue(newAction({ key: "inbox", priority: -1_000_000_000_000 }));
    const claimed = await store.outbox.claim(claim());
    expect(claimed.map((a) => [a.key, a.priority])).toEqual([
      ["inbox", -1_000_000_000_000],
      ["last", Number.MAX_SAFE_INTEGER],
    ]);
  });

  test("claims due actions by priority, then due time, then age", async () => {
    const { store } = ctx();
    await store.outbox.enqueue(newAction({ key: "late-low", priority: 5, dueAt: at(0) }));
    await store.outbox.enqueue(newAction({ key: "urgent", priority: -10, dueAt: at(0.5) }));
    await store.outbox.enqueue(newAction({ key: "early-low", priority: 5, dueAt: at(-1) }));
    await store.outbox.enqueue(newAction({ key: "future", priority: -99, dueAt: at(2) }));

    const first = await store.outbox.claim(claim({ limit: 2 }));
    expect(first.map((a) => a.key)).toEqual(["urgent", "early-low"]);
    expect(first.every((a) => a.attempts === 1 && a.leaseOwner === "worker-a")).toBe(true);
    expect(first[0]?.leaseExpiresAt?.toISO()).toBe(at(1).plus({ milliseconds: LEASE_MS }).toISO());
    expect((await store.outbox.claim(claim())).map((a) => a.key)).toEqual(["late-low"]);
    expect(await store.outbox.claim(claim())).toEqual([]);
  });

  test("claims only the chosen installations, or all but the excluded ones", async () => {
    const { store } = ctx();
    await store.outbox.enqueue(newAction({ key: "one", installationId: 1 }));
    await store.outbox.enqueue(newAction({ key: "two", installationId: 2 }));
    await store.outbox.enqueue(newAction({ key: "three", installationId: 3 }));
    expect(await store.outbox.claim(claim({ installationIds: [] }))).toEqual([]);
    expect((await store.outbox.claim(claim({ installationIds: [2] }))).map((a) => a.key)).toEqual([
      "two",
    ]);
    const rest = await store.outbox.claim(claim({ excludeInstallationIds: [1] }));
    expect(rest.map((a) => a.key)).toEqual(["three"]);
  });

  test("a lease keeps others away until it expires; then only the new holder may finish", async () => {
    const { store } = ctx();
    await store.outbox.enqueue(newAction({ key: "k" }));
    const [leased] = await store.outbox.claim(claim({ owner: "a" }));
    expect(
      await store.outbox.claim(claim({ owner: "b", now: at(1).plus({ seconds: 59 }) })),
    ).toEqual([]);

    const [taken] = await store.outbox.claim(
      claim({ owner: "b", now: at(1).plus({ seconds: 60 }) }),
    );
    expect(taken).toMatchObject({ id: leased!.id, leaseOwner: "b", attempts: 2 });
    await store.outbox.complete(taken!.id, "a", { at: at(2), result: { commentId: 1 } });
    expect(await store.outbox.getByKey("k")).toMatchObject({ status: "pending", leaseOwner: "b" });

    await store.outbox.complete(taken!.id, "b", { at: at(2), result: { commentId: 2 } });
    const done = await store.outbox.getByKey("k");
    expect(done).toMatchObject({ status: "done", result: { commentId: 2 }, leaseExpiresAt: null });
    expect(done?.performedAt?.toISO()).toBe(at(2).toISO());
    expect(await store.outbox.claim(claim({ now: at(9) }))).toEqual([]);
  });

  test("completes several leased actions at once, each with its own result, only for the holder", async () => {
    const { store } = ctx();
    for (const key of ["a", "b", "c"]) await store.outbox.enqueue(newAction({ key }));
    const leased = await store.outbox.claim(claim());
    const [a, b, c] = leased;
    const done = [
      { id: a!.id, result: { applied: true } },
      { id: b!.id, result: { applied: false } },
      { id: c!.id, result: { applied: true } },
    ];
    expect(await store.outbox.completeMany(done, "worker-b", at(2))).toBe(0);
    expect(await store.outbox.completeMany(done, "worker-a", at(2))).toBe(3);
    const rows = await store.outbox.list();
    expect(rows.map((r) => [r.key, r.status, r.result, r.performedAt?.toISO()])).toEqual([
      ["a", "done", { applied: true }, at(2).toISO()],
      ["b", "done", { applied: false }, at(2).toISO()],
      ["c", "done", { applied: true }, at(2).toISO()],
    ]);
    expect(await store.outbox.completeMany(done, "worker-a", at(3))).toBe(0);
  });

  test("only the lease holder renews a lease, and not once the action is done", async () => {
    const { store } = ctx();
    await store.outbox.enqueue(newAction({ key: "k" }));
    const [held] = await store.outbox.claim(claim());
    expect(await store.outbox.renew(held!.id, "worker-b", at(30))).toBe(false);
    expect(await store.outbox.renew(held!.id, "worker-a", at(30))).toBe(true);
    expect((await store.outbox.getByKey("k"))?.leaseExpiresAt?.toISO()).toBe(at(30).toISO());
    await store.outbox.complete(held!.id, "worker-a", { at: at(2), result: null });
    expect(await store.outbox.renew(held!.id, "worker-a", at(40))).toBe(false);
  });

  test("counts the due backlog of the inbox's lanes (0 and below) apart from every other", async () => {
    const { store } = ctx();
    await store.outbox.enqueue(newAction({ key: "w1", installationId: 0 }));
    await store.outbox.enqueue(newAction({ key: "w2", installationId: -7 }));
    await store.outbox.enqueue(newAction({ key: "x", installationId: INSTALLATION }));
    await store.outbox.enqueue(newAction({ key: "later", installationId: 0, dueAt: at(50) }));
    expect(await store.outbox.depthByLane(at(1), 0)).toEqual({ lane: 2, others: 1 });
    expect(await store.outbox.depthByLane(at(-5), 0)).toEqual({ lane: 0, others: 0 });
  });

  test("a failed attempt is retried at its retry time, and given up when there is none", async () => {
    const { store } = ctx();
    await store.outbox.enqueue(newAction({ key: "k" }));
    const [first] = await store.outbox.claim(claim());
    await store.outbox.fail(first!.id, "worker-a", { error: "502 Bad Gateway", retryAt: at(3) });
    const waiting = await store.outbox.getByKey("k");
    expect(waiting).toMatchObject({
      status: "pending",
      lastError: "502 Bad Gateway",
      leaseOwner: null,
      leaseExpiresAt: null,
    });
    expect(waiting?.nextAttemptAt.toISO()).toBe(at(3).toISO());
    expect(await store.outbox.claim(claim({ now: at(2) }))).toEqual([]);

    const [second] = await store.outbox.claim(claim({ now: at(3) }));
    expect(second?.attempts).toBe(2);
    await store.outbox.fail(second!.id, "someone-else", { error: "ignored", retryAt: null });
    await store.outbox.fail(second!.id, "worker-a", { error: "404 Not Found", retryAt: null });
    expect(await store.outbox.getByKey("k")).toMatchObject({
      status: "failed",
      lastError: "404 Not Found",
    });
    expect(await store.outbox.claim(claim({ now: at(9) }))).toEqual([]);
  });

  test("lists actions by status, pull request and kind, and measures the backlog", async () => {
    const { store } = ctx();
    const pr = await seedPullRequest(store);
    await store.outbox.enqueue(newAction({ key: "a", pullRequestId: pr, dueAt: at(-2) }));
    await store.outbox.enqueue(newAction({ key: "b", kind: "escalation", dueAt: at(0) }));
    await store.outbox.enqueue(newAction({ key: "c", dueAt: at(5) }));
    const [claimed] = await store.outbox.claim(claim({ limit: 1 }));
    await store.outbox.complete(claimed!.id, "worker-a", { at: at(1), result: null });

    expect((await store.outbox.list()).map((a) => a.key)).toEqual(["a", "b", "c"]);
    expect((await store.outbox.list({ status: "pending" })).map((a) => a.key)).toEqual(["b", "c"]);
    expect((await store.outbox.list({ pullRequestId: pr })).map((a) => a.key)).toEqual(["a"]);
    expect(
      (await store.outbox.list({ kind: "escalation", status: "pending" })).map((a) => a.key),
    ).toEqual(["b"]);

    const depth = await store.outbox.depth(at(1));
    expect({ pending: depth.pending, oldest: depth.oldestDueAt?.toISO() }).toEqual({
      pending: 1,
      oldest: at(0).toISO(),
    });
    expect((await store.outbox.depth(at(6))).pending).toBe(2);
    expect(await store.outbox.depth(at(-5))).toEqual({ pending: 0, oldestDueAt: null });
  });

  test("two workers claiming at once never get the same action", async () => {
    const { store, openAnother } = ctx();
    const other = await openAnother();
    for (let i = 0; i < 40; i += 1) {
      await store.outbox.enqueue(newAction({ key: `k${i}`, priority: i % 3 }));
    }
    const seen: number[] = [];
    for (let round = 0; round < 20; round += 1) {
      const [a, b] = await Promise.all([
        store.outbox.claim(claim({ owner: "a", limit: 3 })),
        other.outbox.claim(claim({ owner: "b", limit: 3 })),
      ]);
      if (a.length + b.length === 0) break;
      seen.push(...a.map((x) => x.id), ...b.map((x) => x.id));
    }
    expect(seen).toHaveLength(40);
    expect(new Set(seen).size).toBe(40);
    const attempts = (await store.outbox.list()).map((a) => a.attempts);
    expect(attempts.every((n) => n === 1)).toBe(true);
  });
}
