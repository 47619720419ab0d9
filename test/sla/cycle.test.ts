import type { DateTime } from "luxon";
import { currentCycle } from "../../src/sla/cycle.js";
import type { ReviewCycle } from "../../src/sla/cycle.js";
import { reviewerKey } from "../../src/sla/pull-request.js";
import { OPENED as t0, aPullRequest, request, review } from "../helpers/pull-requests.js";

const h = (hours: number): DateTime => t0.plus({ hours });

/** The cycle as plain text, for table comparisons. */
function summary(cycle: ReviewCycle | null) {
  if (!cycle) return null;
  return {
    index: cycle.index,
    startedAt: cycle.startedAt.toISO(),
    pending: cycle.pendingReviewers.map(reviewerKey).sort(),
    firstReviewAt: cycle.firstReviewAt?.toISO() ?? null,
    changesRequestedAt: cycle.changesRequestedAt?.toISO() ?? null,
  };
}

const cycle = (
  index: number,
  startedAt: DateTime,
  pending: string[],
  firstReviewAt: DateTime | null = null,
  changesRequestedAt: DateTime | null = null,
) => ({
  index,
  startedAt: startedAt.toISO(),
  pending,
  firstReviewAt: firstReviewAt?.toISO() ?? null,
  changesRequestedAt: changesRequestedAt?.toISO() ?? null,
});

describe("currentCycle", () => {
  it.each([
    {
      name: "a PR whose review was never requested has no cycle",
      pr: aPullRequest(),
      expected: null,
    },
    {
      name: "a changes-requested review before any request opens no cycle",
      pr: aPullRequest({ reviews: [review("alice", "changes_requested", h(1))] }),
      expected: null,
    },
    {
      name: "the first request starts cycle 1 at the request time",
      pr: aPullRequest({ requests: [request("alice", h(2))] }),
      expected: cycle(1, h(2), ["alice"]),
    },
    {
      name: "a request made on a draft starts the clocks when the PR becomes ready",
      pr: aPullRequest({ readyAt: h(30), requests: [request("alice", h(1))] }),
      expected: cycle(1, h(30), ["alice"]),
    },
    {
      name: "a reviewer added later joins the running cycle without restarting its clocks",
      pr: aPullRequest({ requests: [request("alice", h(0)), request("bob", h(20))] }),
      expected: cycle(1, h(0), ["alice", "bob"]),
    },
    {
      name: "withdrawn and answered requests are no longer pending",
      pr: aPullRequest({
        requests: [
          request("alice", h(0), { removedAt: h(1) }),
          request("bob", h(0), { satisfiedAt: h(3) }),
          request("carol", h(0)),
        ],
        reviews: [review("bob", "commented", h(3))],
      }),
      expected: cycle(1, h(0), ["carol"], h(3)),
    },
    {
      name: "the first review is the earliest answer to any request of the cycle",
      pr: aPullRequest({
        requests: [
          request("alice", h(0), { satisfiedAt: h(5) }),
          request("bob", h(0), { satisfiedAt: h(2) }),
        ],
        reviews: [review("alice", "approved", h(5), 1), review("bob", "commented", h(2), 2)],
      }),
      expected: cycle(1, h(0), [], h(2)),
    },
    {
      name: "changes requested stops the cycle's clocks and keeps its number",
      pr: aPullRequest({
        requests: [request("alice", h(0), { satisfiedAt: h(4) })],
        reviews: [review("alice", "changes_requested", h(4))],
      }),
      expected: cycle(1, h(0), [], h(4), h(4)),
    },
    {
      name: "a second changes-requested review keeps the time of the first",
      pr: aPullRequest({
        requests: [
          request("alice", h(0), { satisfiedAt: h(4) }),
          request("bob", h(0), { satisfiedAt: h(6) }),
        ],
        reviews: [
          review("alice", "changes_requested", h(4), 1),
          review("bob", "changes_requested", h(6), 2),
        ],
      }),
      expected: cycle(1, h(0), [], h(4), h(4)),
    },
    {
      name: "a re-request after changes requested starts a new cycle",
      pr: aPullRequest({
        requests: [request("alice", h(0), { satisfiedAt: h(4) }), request("alice", h(50))],
        reviews: [review("alice", "changes_requested", h(4))],
      }),
      expected: cycle(2, h(50), ["alice"]),
    },
    {
      name: "the new cycle's first review ignores answers given in the cycle before",
      pr: aPullRequest({
        requests: [
          request("alice", h(0), { satisfiedAt: h(4) }),
          request("alice", h(50), { satisfiedAt: h(52) }),
        ],
        reviews: [
          review("alice", "changes_requested", h(4), 1),
          review("alice", "approved", h(52), 2),
        ],
      }),
      expected: cycle(2, h(50), [], h(52)),
    },
    {
      name: "each re-request after changes requested counts one more cycle",
      pr: aPullRequest({
        requests: [
          request("alice", h(0), { satisfiedAt: h(4) }),
          request("alice", h(10), { satisfiedAt: h(12) }),
          request("alice", h(20)),
        ],
        reviews: [
          review("alice", "changes_requested", h(4), 1),
          review("alice", "changes_requested", h(12), 2),
        ],
      }),
      expected: cycle(3, h(20), ["alice"]),
    },
    {
      name: "a re-request without changes requested stays in the same cycle",
      pr: aPullRequest({
        requests: [request("alice", h(0), { satisfiedAt: h(3) }), request("alice", h(8))],
        reviews: [review("alice", "commented", h(3))],
      }),
      expected: cycle(1, h(0), ["alice"], h(3)),
    },
    {
      name: "a changes-requested review at the very instant of a request answers that request",
      pr: aPullRequest({
        requests: [request("alice", h(0), { satisfiedAt: h(0) })],
        reviews: [review("alice", "changes_requested", h(0))],
      }),
      expected: cycle(1, h(0), [], h(0), h(0)),
    },
    {
      name: "a dismissed changes-requested review no longer stops the clocks",
      pr: aPullRequest({
        requests: [request("alice", h(0), { satisfiedAt: h(4) }), request("bob", h(0))],
        reviews: [review("alice", "dismissed", h(4))],
      }),
      expected: cycle(1, h(0), ["bob"], h(4)),
    },
    {
      name: "a bot's changes-requested review leaves the reviewers' clocks running",
      pr: aPullRequest({
        requests: [request("alice", h(0))],
        reviews: [review("lint-checker[bot]", "changes_requested", h(1))],
      }),
      expected: cycle(1, h(0), ["alice"]),
    },
  ])("$name", ({ pr, expected }) => {
    expect(summary(currentCycle(pr))).toEqual(expected);
  });

  it("answers the same whatever order the history was stored in", () => {
    const requests = [
      request("alice", h(0), { satisfiedAt: h(4) }),
      request("bob", h(1)),
      request("alice", h(30)),
    ];
    const reviews = [review("alice", "changes_requested", h(4))];
    const forward = currentCycle(aPullRequest({ requests, reviews }));
    const backward = currentCycle(
      aPullRequest({ requests: [...requests].reverse(), reviews: [...reviews].reverse() }),
    );
    expect(summary(backward)).toEqual(summary(forward));
    expect(forward?.index).toBe(2);
  });
});
