// Contract: pull request snapshots (newest wins) and the sweep's listings.
import { INSTALLATION, pullRequestFields, seedPullRequest, seedRepository } from "./builders.js";
import { at } from "./context.js";
import type { StoreContext } from "./context.js";

export function describePullRequests(ctx: () => StoreContext): void {
  test("stores a pull request and reads every field back", async () => {
    const { store } = ctx();
    const fields = pullRequestFields({
      draft: true,
      closedAt: at(5),
      mergedAt: at(5),
      merged: true,
      open: false,
      authorIsBot: true,
    });
    await seedPullRequest(store, fields);
    const stored = await store.pulls.get(fields.id);
    expect(stored).not.toBeNull();
    const { createdAt, readyAt, closedAt, mergedAt, updatedAt, ...plain } = fields;
    expect(stored).toMatchObject({ ...plain, requests: [], reviews: [], nextDueAt: null });
    expect(
      [
        stored!.createdAt,
        stored!.readyAt,
        stored!.closedAt,
        stored!.mergedAt,
        stored!.updatedAt,
      ].map((t) => t?.toISO()),
    ).toEqual([createdAt, readyAt, closedAt, mergedAt, updatedAt].map((t) => t?.toISO()));
    expect(stored!.updatedAt.zoneName).toBe("UTC");
    expect(await store.pulls.find(fields.repositoryId, fields.number)).toMatchObject({
      id: fields.id,
    });
    expect(await store.pulls.find(fields.repositoryId, 99)).toBeNull();
    expect(await store.pulls.get(1)).toBeNull();
  });

  test("ignores a snapshot older than the stored one", async () => {
    const { store } = ctx();
    const id = await seedPullRequest(store, { title: "newest", updatedAt: at(2) });
    await store.pulls.upsert(pullRequestFields({ title: "stale", updatedAt: at(1) }));
    expect((await store.pulls.get(id))?.title).toBe("newest");

    await store.pulls.upsert(pullRequestFields({ title: "same time", updatedAt: at(2) }));
    expect((await store.pulls.get(id))?.title).toBe("same time");
    await store.pulls.upsert(pullRequestFields({ title: "newer", open: false, updatedAt: at(3) }));
    expect(await store.pulls.get(id)).toMatchObject({ title: "newer", open: false });
  });

  test("keeps the next due time across snapshots", async () => {
    const { store } = ctx();
    const id = await seedPullRequest(store);
    await store.pulls.setNextDueAt(id, at(24));
    await store.pulls.upsert(pullRequestFields({ updatedAt: at(1) }));
    expect((await store.pulls.get(id))?.nextDueAt?.toISO()).toBe(at(24).toISO());
    await store.pulls.setNextDueAt(id, null);
    expect((await store.pulls.get(id))?.nextDueAt).toBeNull();
  });

  test("lists due pull requests earliest first, up to the limit", async () => {
    const { store } = ctx();
    const late = await seedPullRequest(store, { number: 1 });
    const early = await seedPullRequest(store, { number: 2 });
    const notYet = await seedPullRequest(store, { number: 3 });
    const never = await seedPullRequest(store, { number: 4 });
    await store.pulls.setNextDueAt(late, at(5));
    await store.pulls.setNextDueAt(early, at(2));
    await store.pulls.setNextDueAt(notYet, at(7));
    expect(never).toBeGreaterThan(0);

    expect(await store.pulls.listDue(at(6), 10)).toEqual([early, late]);
    expect(await store.pulls.listDue(at(5), 1)).toEqual([early]);
    expect(await store.pulls.listDue(at(1), 10)).toEqual([]);
  });

  test("pages due pull requests with their review history, and moves many next-due times at once", async () => {
    const { store } = ctx();
    const ids = [];
    for (const number of [1, 2, 3, 4]) ids.push(await seedPullRequest(store, { number }));
    const [a, b, c, later] = ids as [number, number, number, number];
    await store.reviews.addRequest(b, { type: "user", login: "bob" }, at(1));
    await store.reviews.record(b, {
      id: 77,
      reviewer: "bob",
      state: "commented",
      submittedAt: at(2),
    });
    await store.pulls.setNextDueMany([
      { id: a, at: at(3) },
      { id: b, at: at(3) },
      { id: c, at: at(4) },
      { id: later, at: at(9) },
    ]);

    const first = await store.pulls.loadDue(at(5), 2, null);
    expect(first.pulls.map((pr) => pr.id)).toEqual([a, b]);
    expect(first.pulls[1]?.requests.map((r) => r.reviewer)).toEqual([
      { type: "user", login: "bob" },
    ]);
    expect(first.pulls[1]?.reviews.map((r) => r.id)).toEqual([77]);
    const second = await store.pulls.loadDue(at(5), 2, first.next);
    expect(second.pulls.map((pr) => pr.id)).toEqual([c]);
    expect(second.next).toBeNull();

    // A page ending between two PRs due at the same instant resumes at the second one.
    const walked: number[] = [];
    let cursor = null;
    for (let pages = 0; pages < 10; pages += 1) {
      const page: Awaited<ReturnType<typeof store.pulls.loadDue>> = await store.pulls.loadDue(
        at(5),
        1,
        cursor,
      );
      walked.push(...page.pulls.map((pr) => pr.id));
      cursor = page.next;
      if (cursor === null) break;
    }
    expect(walked).toEqual([a, b, c]);

    await store.pulls.setNextDueMany([
      { id: a, at: null },
      { id: c, at: at(10) },
    ]);
    expect(await store.pulls.listDue(at(20), 10)).toEqual([b, later, c]);
    expect((await store.pulls.get(b))?.nextDueAt?.toISO()).toBe(at(3).toISO());
  });

  test("reads a due page's pull requests exactly as get reads each one", async () => {
    const { store } = ctx();
    // Instants repeat within a page (created, ready, requested, reviewed at the same second).
    const a = await seedPullRequest(store, { number: 1, createdAt: at(1), readyAt: at(1) });
    // Every kind of column: flags, labels and a title with quotes and non-ASCII text, nulls.
    const b = await seedPullRequest(store, {
      number: 2,
      createdAt: at(1),
      readyAt: at(2),
      title: 'Fix "café" \\ naïve — 🚀',
      draft: true,
      aiAssisted: true,
      labels: ["needs review", 'ü"'],
    });
    await store.pulls.recordPush(b, at(1.5));
    await store.pulls.setSnoozedUntil(b, at(1.75));
    await store.reviews.addRequest(a, { type: "user", login: "bob" }, at(1));
    await store.reviews.addRequest(b, { type: "team", slug: "core" }, at(2));
    await store.reviews.record(b, {
      id: 78,
      reviewer: "bob",
      state: "approved",
      submittedAt: at(2),
    });
    await store.pulls.setNextDueMany([
      { id: a, at: at(2) },
      { id: b, at: at(2) },
    ]);
    const page = await store.pulls.loadDue(at(2), 10, null);
    expect(page.pulls.map((pr) => pr.id)).toEqual([a, b]);
    for (const pr of page.pulls) {
      // JSON prints every instant as ISO text, with its zone's offset.
      expect(JSON.stringify(pr)).toBe(JSON.stringify(await store.pulls.get(pr.id)));
      expect(pr.createdAt.zoneName).toBe("UTC");
    }
  });

  test("leaves closed pull requests and untracked repositories out of the due list", async () => {
    const { store } = ctx();
    const closed = await seedPullRequest(store, { number: 1, open: false, closedAt: at(1) });
    const removed = await seedPullRequest(store, { number: 1, repositoryId: 21, id: 21_001 });
    const suspended = await seedPullRequest(store, {
      number: 1,
      installationId: 31,
      repositoryId: 31,
      id: 31_001,
    });
    const deleted = await seedPullRequest(store, {
      number: 1,
      installationId: 41,
      repositoryId: 41,
      id: 41_001,
    });
    const tracked = await seedPullRequest(store, { number: 2 });
    for (const id of [closed, removed, suspended, deleted, tracked])
      await store.pulls.setNextDueAt(id, at(1));
    await store.repos.markRemoved(21, at(2));
    await store.repos.upsertInstallation({
      id: 31,
      accountLogin: "s",
      accountType: "User",
      suspendedAt: at(2),
    });
    await store.repos.markInstallationDeleted(41, at(2));

    expect(await store.pulls.listDue(at(3), 10)).toEqual([tracked]);
    expect(await store.pulls.countOpen()).toBe(1);
  });

  test("lists the open pull requests of an installation or one repository", async () => {
    const { store } = ctx();
    const a = await seedPullRequest(store, { number: 1 });
    await seedPullRequest(store, { number: 2, open: false });
    const b = await seedPullRequest(store, { number: 1, repositoryId: 22, id: 22_001 });
    await seedPullRequest(store, { number: 1, installationId: 2, repositoryId: 23, id: 23_001 });

    expect(await store.pulls.listOpenIds(INSTALLATION, null)).toEqual([b, a].sort((x, y) => x - y));
    expect(await store.pulls.listOpenIds(INSTALLATION, 22)).toEqual([b]);
    expect(await store.pulls.listOpenIds(99, null)).toEqual([]);
    expect(await store.pulls.countOpen()).toBe(3);
  });

  test("runs several updates in one transaction, or none of them", async () => {
    const { store } = ctx();
    await seedRepository(store);
    await expect(
      store.transaction(async (tx) => {
        await tx.pulls.upsert(pullRequestFields());
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await store.pulls.listOpenIds(INSTALLATION, null)).toEqual([]);

    const id = await store.transaction(async (tx) => {
      await tx.pulls.upsert(pullRequestFields());
      await tx.pulls.setNextDueAt(pullRequestFields().id, at(1));
      return pullRequestFields().id;
    });
    expect(await store.pulls.listDue(at(1), 10)).toEqual([id]);
  });
}
