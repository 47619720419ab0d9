// Contract: review requests, reviews, which request a review answers, and reviewer load.
import type { StoredPullRequest } from "../../../src/store/store.js";
import { INSTALLATION, seedPullRequest, team, user } from "./builders.js";
import { at } from "./context.js";
import type { StoreContext } from "./context.js";

/** Each request as [reviewer, requested, removed, satisfied], for short assertions. */
function requestsOf(pr: StoredPullRequest | null) {
  return (pr?.requests ?? []).map((r) => [
    r.reviewer.type === "user" ? r.reviewer.login : `team:${r.reviewer.slug}`,
    r.requestedAt.toISO(),
    r.removedAt?.toISO() ?? null,
    r.satisfiedAt?.toISO() ?? null,
  ]);
}

const h = (hours: number) => at(hours).toISO();

export function describeReviews(ctx: () => StoreContext): void {
  test("adds a pending request once per reviewer, whatever the login's case", async () => {
    const { store } = ctx();
    const pr = await seedPullRequest(store);
    await store.reviews.addRequest(pr, user("Bob"), at(1));
    await store.reviews.addRequest(pr, user("bob"), at(2));
    await store.reviews.addRequest(pr, team("core"), at(2));
    expect(requestsOf(await store.pulls.get(pr))).toEqual([
      ["Bob", h(1), null, null],
      ["team:core", h(2), null, null],
    ]);
  });

  test("closes a withdrawn request, and a new request after that is pending again", async () => {
    const { store } = ctx();
    const pr = await seedPullRequest(store);
    await store.reviews.addRequest(pr, user("bob"), at(1));
    await store.reviews.removeRequest(pr, user("BOB"), at(2));
    await store.reviews.removeRequest(pr, user("carol"), at(2));
    await store.reviews.addRequest(pr, user("bob"), at(3));
    expect(requestsOf(await store.pulls.get(pr))).toEqual([
      ["bob", h(1), h(2), null],
      ["bob", h(3), null, null],
    ]);
  });

  test("a review satisfies the reviewer's own request and any team's", async () => {
    const { store } = ctx();
    const pr = await seedPullRequest(store, { author: "alice" });
    await store.reviews.addRequest(pr, user("bob"), at(1));
    await store.reviews.addRequest(pr, user("carol"), at(1));
    await store.reviews.addRequest(pr, team("core"), at(1));
    await store.reviews.record(pr, {
      id: 501,
      reviewer: "BOB",
      state: "approved",
      submittedAt: at(3),
    });
    const stored = await store.pulls.get(pr);
    expect(requestsOf(stored)).toEqual([
      ["bob", h(1), null, h(3)],
      ["carol", h(1), null, null],
      ["team:core", h(1), null, h(3)],
    ]);
    expect(stored?.reviews.map((r) => [r.id, r.reviewer, r.state, r.submittedAt.toISO()])).toEqual([
      [501, "BOB", "approved", h(3)],
    ]);
  });

  test("the author's own review answers no team request", async () => {
    const { store } = ctx();
    const pr = await seedPullRequest(store, { author: "alice" });
    await store.reviews.addRequest(pr, team("core"), at(1));
    await store.reviews.record(pr, {
      id: 502,
      reviewer: "Alice",
      state: "commented",
      submittedAt: at(2),
    });
    expect(requestsOf(await store.pulls.get(pr))).toEqual([["team:core", h(1), null, null]]);
  });

  test("a review answers only requests made before it, and a re-request is pending", async () => {
    const { store } = ctx();
    const pr = await seedPullRequest(store);
    await store.reviews.addRequest(pr, user("bob"), at(1));
    await store.reviews.record(pr, {
      id: 503,
      reviewer: "bob",
      state: "changes_requested",
      submittedAt: at(2),
    });
    await store.reviews.addRequest(pr, user("bob"), at(4));
    // A late webhook for the earlier review must not answer the re-request.
    await store.reviews.record(pr, {
      id: 503,
      reviewer: "bob",
      state: "changes_requested",
      submittedAt: at(2),
    });
    const stored = await store.pulls.get(pr);
    expect(requestsOf(stored)).toEqual([
      ["bob", h(1), null, h(2)],
      ["bob", h(4), null, null],
    ]);
    expect(stored?.reviews).toHaveLength(1);
  });

  test("a dismissed review still counts as the reviewer's answer", async () => {
    const { store } = ctx();
    const pr = await seedPullRequest(store);
    await store.reviews.addRequest(pr, user("bob"), at(1));
    await store.reviews.record(pr, {
      id: 504,
      reviewer: "bob",
      state: "dismissed",
      submittedAt: at(2),
    });
    expect(requestsOf(await store.pulls.get(pr))[0]?.[3]).toBe(h(2));

    await store.reviews.record(pr, {
      id: 505,
      reviewer: "carol",
      state: "approved",
      submittedAt: at(3),
    });
    await store.reviews.markDismissed(pr, 505);
    expect((await store.pulls.get(pr))?.reviews.map((r) => r.state)).toEqual([
      "dismissed",
      "dismissed",
    ]);
  });

  test("refuses a review of a pull request it does not know", async () => {
    const review = { id: 506, reviewer: "bob", state: "approved" as const, submittedAt: at(1) };
    await expect(ctx().store.reviews.record(123, review)).rejects.toThrow(
      "pull request 123 is not stored",
    );
  });

  test("replaces the review history with a snapshot, replayed in time order", async () => {
    const { store } = ctx();
    const pr = await seedPullRequest(store);
    await store.reviews.addRequest(pr, user("zed"), at(0));
    await store.reviews.record(pr, {
      id: 600,
      reviewer: "zed",
      state: "approved",
      submittedAt: at(1),
    });

    await store.reviews.replaceHistory(pr, {
      requests: [
        { reviewer: user("bob"), requestedAt: at(5) },
        { reviewer: user("bob"), requestedAt: at(1) },
        { reviewer: team("core"), requestedAt: at(1) },
      ],
      reviews: [{ id: 601, reviewer: "bob", state: "commented", submittedAt: at(3) }],
    });
    const stored = await store.pulls.get(pr);
    expect(requestsOf(stored)).toEqual([
      ["bob", h(1), null, h(3)],
      ["team:core", h(1), null, h(3)],
      ["bob", h(5), null, null],
    ]);
    expect(stored?.reviews.map((r) => r.id)).toEqual([601]);
  });

  test("reports pending user requests and recent reviews as reviewer load", async () => {
    const { store } = ctx();
    const open = await seedPullRequest(store, { number: 1, additions: 100, deletions: 20 });
    const closed = await seedPullRequest(store, { number: 2, open: false });
    const elsewhere = await seedPullRequest(store, {
      number: 1,
      installationId: 2,
      repositoryId: 30,
      id: 30_001,
    });
    for (const pr of [open, closed, elsewhere])
      await store.reviews.addRequest(pr, user("bob"), at(1));
    await store.reviews.addRequest(open, team("core"), at(1));
    await store.reviews.addRequest(open, user("carol"), at(2));
    await store.reviews.record(open, {
      id: 701,
      reviewer: "carol",
      state: "approved",
      submittedAt: at(3),
    });
    await store.reviews.record(closed, {
      id: 702,
      reviewer: "dave",
      state: "commented",
      submittedAt: at(1),
    });

    const pending = await store.reviews.openUserRequests(INSTALLATION);
    expect(
      pending.map((p) => [
        p.login,
        p.pullRequestId,
        p.additions,
        p.deletions,
        p.requestedAt.toISO(),
      ]),
    ).toEqual([["bob", open, 100, 20, h(1)]]);
    const recent = await store.reviews.submittedSince(INSTALLATION, at(2));
    expect(
      recent.map((r) => [
        r.login,
        r.pullRequestId,
        r.additions,
        r.deletions,
        r.submittedAt.toISO(),
      ]),
    ).toEqual([["carol", open, 100, 20, h(3)]]);
    expect((await store.reviews.submittedSince(INSTALLATION, at(0))).map((r) => r.login)).toEqual([
      "dave",
      "carol",
    ]);
  });
}
