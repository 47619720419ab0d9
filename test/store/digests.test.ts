// The digest queries (`store.digests`) on SQLite and on Postgres (skipped with a warning when no
// server answers, failing in CI), with the same expectations on both.
import { onEveryStore } from "./contract/targets.js";
import { INSTALLATION, seedInstallation, seedPull } from "../helpers/digest-store.js";
import { at, useStoreContext } from "./contract/context.js";
import type { StoreTarget } from "./contract/context.js";

function digestQueries(target: StoreTarget): void {
  const ctx = useStoreContext(target);

  it("records a sent digest once per scope and week, and finds the latest", async () => {
    const { store } = ctx();
    const digest = {
      scopeKey: "installation:42",
      period: { start: at(0), end: at(168) },
      installationId: INSTALLATION,
      scopeName: "octo",
      channel: "C1",
      messageTs: "1700000000.000001",
      sentAt: at(177),
    };
    expect(await store.digests.lastSentPeriodStart("installation:42")).toBeNull();
    await store.digests.recordSentDigest(digest);
    await store.digests.recordSentDigest({ ...digest, messageTs: "other" });
    await store.digests.recordSentDigest({ ...digest, period: { start: at(-168), end: at(0) } });
    expect(await store.digests.getSentDigest("installation:42", at(0))).toEqual(digest);
    expect((await store.digests.lastSentPeriodStart("installation:42"))?.toISO()).toBe(
      at(0).toISO(),
    );
  });

  it("caches Slack identities by lower-case login, misses included", async () => {
    const { store } = ctx();
    await store.digests.saveSlackIdentity("Dana", null, at(0));
    await store.digests.saveSlackIdentity("dana", "UDANA01", at(1));
    expect(await store.digests.getSlackIdentity("DANA")).toEqual({
      slackUserId: "UDANA01",
      checkedAt: at(1),
    });
    expect(await store.digests.getSlackIdentity("erin")).toBeNull();
  });

  it("finds each PR's first review by someone else after it became ready", async () => {
    const { store } = ctx();
    await seedInstallation(store, [{ id: 501, name: "api" }], at(0));
    const id = await seedPull(store, {
      repositoryId: 501,
      number: 1,
      createdAt: at(0),
      readyAt: at(2),
      reviews: [
        { by: "bob", at: at(1), state: "commented" },
        { by: "Dana", at: at(3), state: "commented" },
        { by: "carol", at: at(4), state: "changes_requested" },
        { by: "bob", at: at(5) },
      ],
    });
    await seedPull(store, { repositoryId: 501, number: 2, createdAt: at(10) });
    const rows = await store.digests.digestPullRequests([501], {
      createdBefore: at(9),
      openSince: at(0),
    });
    expect(rows.map((r) => [r.pr.id, r.firstReviewAt, r.firstChangesRequestedAt])).toEqual([
      [id, at(4), at(4)],
    ]);
  });

  it("times the first review from the first person's review: bots and AI reviewers do not count", async () => {
    const { store } = ctx();
    await seedInstallation(store, [{ id: 501, name: "api" }], at(0));
    const id = await seedPull(store, {
      repositoryId: 501,
      number: 1,
      createdAt: at(0),
      reviews: [
        { by: "copilot-pull-request-reviewer[bot]", at: at(1), state: "changes_requested" },
        { by: "carol", at: at(3), state: "commented" },
      ],
    });
    const rows = await store.digests.digestPullRequests([501], {
      createdBefore: at(9),
      openSince: at(0),
    });
    expect(rows.map((r) => [r.pr.id, r.firstReviewAt, r.firstChangesRequestedAt])).toEqual([
      [id, at(3), null],
    ]);
  });

  it("reads review requests as they stood at a time, and reviews with their request", async () => {
    const { store } = ctx();
    await seedInstallation(store, [{ id: 501, name: "api" }], at(0));
    const id = await seedPull(store, {
      repositoryId: 501,
      number: 1,
      createdAt: at(0),
      reviewers: ["alice", "bob"],
      reviews: [{ by: "alice", at: at(5) }],
    });
    await store.reviews.removeRequest(id, { type: "user", login: "bob" }, at(8));
    const pendingAt = async (hours: number) =>
      (await store.digests.pendingUserRequestsAt(INSTALLATION, at(hours))).map((r) => r.login);
    expect(await pendingAt(4)).toEqual(["alice", "bob"]);
    expect(await pendingAt(6)).toEqual(["bob"]);
    expect(await pendingAt(9)).toEqual([]);
    const reviews = await store.digests.reviewsBetween(INSTALLATION, { from: at(0), to: at(24) });
    expect(reviews).toEqual([
      { login: "alice", pullRequestId: id, submittedAt: at(5), requestedAt: at(0) },
    ]);
  });
}

onEveryStore("digest queries", digestQueries);
