import { computeDigest } from "../../src/digest/metrics.js";
import { at, digestInput, hours, openRequest, pullRequest } from "./builders.js";

// `now` is Monday 10 March 2025 09:00 UTC; the clock is calendar time.
const unreviewed = pullRequest({ number: 10, createdAt: at("2025-03-07T08:00:00Z") });
const unresolved = pullRequest({
  number: 11,
  createdAt: at("2025-03-05T09:00:00Z"),
  firstReviewAt: at("2025-03-05T10:00:00Z"),
});
const sentBack = pullRequest({
  number: 12,
  createdAt: at("2025-03-03T09:00:00Z"),
  firstReviewAt: at("2025-03-03T10:00:00Z"),
  changesRequestedAt: at("2025-03-03T10:00:00Z"),
});
const draft = pullRequest({ number: 13, draft: true, createdAt: at("2025-03-01T09:00:00Z") });
const fresh = pullRequest({ number: 14, createdAt: at("2025-03-10T08:00:00Z") });
const closed = pullRequest({
  number: 15,
  open: false,
  createdAt: at("2025-03-01T09:00:00Z"),
  closedAt: at("2025-03-08T09:00:00Z"),
});
const readyLater = pullRequest({
  number: 16,
  createdAt: at("2025-02-01T09:00:00Z"),
  readyAt: at("2025-03-09T20:00:00Z"),
});

describe("PRs breaching an SLA now", () => {
  it("lists open, ready, non-draft PRs past an SLA at now, oldest first", () => {
    const pullRequests = [unreviewed, unresolved, sentBack, draft, fresh, closed, readyLater];
    const { breaching } = computeDigest(digestInput({ pullRequests }));
    expect(breaching.total).toBe(2);
    expect(breaching.items.map((b) => [b.number, b.kind])).toEqual([
      [11, "resolution"],
      [10, "first-review"],
    ]);
    expect(breaching.items[1]?.waited.as("hours")).toBe(73);
    expect(breaching.items[1]?.sla.as("hours")).toBe(24);
  });

  it("leaves out PRs the SLA does not apply to (paused, skipped), from breaches and compliance", () => {
    const paused = pullRequest({ ...unreviewed, number: 19, exempt: true });
    const { breaching, current } = computeDigest(
      digestInput({ pullRequests: [unreviewed, paused] }),
    );
    expect(breaching.items.map((b) => b.number)).toEqual([unreviewed.number]);
    const alone = computeDigest(digestInput({ pullRequests: [unreviewed] })).current;
    expect(current.firstReviewCompliance).toEqual(alone.firstReviewCompliance);
  });

  it("is not breaching exactly at the SLA, only past it", () => {
    const onTheDot = pullRequest({ number: 17, createdAt: at("2025-03-09T09:00:00Z") });
    const justPast = pullRequest({ number: 18, createdAt: at("2025-03-09T08:59:00Z") });
    const { breaching } = computeDigest(digestInput({ pullRequests: [onTheDot, justPast] }));
    expect(breaching.items.map((b) => b.number)).toEqual([18]);
  });

  it("keeps the oldest breaches_limit items and counts the rest", () => {
    const pullRequests = Array.from({ length: 30 }, (_, i) =>
      pullRequest({ number: 100 + i, createdAt: at("2025-03-01T00:00:00Z").plus(hours(i)) }),
    );
    const limits = { topReviewers: 5, breaches: 3 };
    const { breaching } = computeDigest(digestInput({ pullRequests, limits }));
    expect(breaching.total).toBe(30);
    expect(breaching.items.map((b) => b.number)).toEqual([100, 101, 102]);
  });

  it("names whom each breaching PR waits on, with their Slack user when mapped", () => {
    const requestedAt = at("2025-03-07T09:00:00Z");
    const digest = computeDigest(
      digestInput({
        pullRequests: [unreviewed],
        openRequests: [
          openRequest("Bob", unreviewed, requestedAt),
          openRequest("carol", unreviewed, requestedAt),
          openRequest("bob", unreviewed, requestedAt),
        ],
        slackUsers: new Map([
          ["bob", "U0BOB1234"],
          ["carol", "<!channel>"],
        ]),
        unmappedLogins: ["zed", "Carol"],
      }),
    );
    expect(digest.breaching.items[0]?.waitingOn).toEqual([
      { login: "Bob", slackUserId: "U0BOB1234" },
      { login: "carol", slackUserId: null },
    ]);
    expect(digest.unmappedLogins).toEqual(["Carol", "zed"]);
  });

  it("judges a digest computed --at a past time by what was true then", () => {
    const closedLater = pullRequest({
      number: 19,
      open: false,
      createdAt: at("2025-03-01T00:00:00Z"),
      firstReviewAt: at("2025-03-11T00:00:00Z"),
      closedAt: at("2025-03-12T00:00:00Z"),
      mergedAt: at("2025-03-12T00:00:00Z"),
    });
    const { breaching } = computeDigest(digestInput({ pullRequests: [closedLater] }));
    expect(breaching.items.map((b) => [b.number, b.kind])).toEqual([[19, "first-review"]]);
  });
});
