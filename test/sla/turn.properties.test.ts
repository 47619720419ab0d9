import fc from "fast-check";
import { teamCalendar } from "../../src/config/calendar.js";
import { validateConfig } from "../../src/config/validate.js";
import { plannedActions } from "../../src/sla/policy.js";
import type { PullRequestState, ReviewRecord } from "../../src/sla/pull-request.js";
import { whoseTurn } from "../../src/sla/turn.js";
import { OPENED, aPullRequest, request, review } from "../helpers/pull-requests.js";

const numRuns = 300;
const HOUR_MS = 3_600_000;
const PEOPLE = ["alice", "bob", "dana"] as const;
const MACHINES = ["copilot-pull-request-reviewer[bot]", "coderabbitai[bot]", "Copilot"] as const;

const { config, errors } = validateConfig({ clock: "working-hours", timezone: "Europe/Berlin" });
const calendar = teamCalendar(config);

const instantArb = fc
  .integer({ min: 0, max: 10 * 24 * HOUR_MS })
  .map((ms) => OPENED.plus({ milliseconds: ms }));
const stateArb = fc.constantFrom<ReviewRecord["state"][]>(
  "approved",
  "changes_requested",
  "commented",
  "dismissed",
);
const requestArb = fc
  .record({
    login: fc.constantFrom(...PEOPLE, "Copilot"),
    at: instantArb,
    removed: fc.boolean(),
    answeredAfterMs: fc.option(fc.integer({ min: 0, max: 3 * 24 * HOUR_MS })),
  })
  .map(({ login, at, removed, answeredAfterMs }) =>
    request(login, at, {
      removedAt: removed ? at.plus({ hours: 1 }) : null,
      satisfiedAt: answeredAfterMs === null ? null : at.plus({ milliseconds: answeredAfterMs }),
    }),
  );
const reviewArb = (logins: readonly string[]) =>
  fc
    .record({ id: fc.nat(), who: fc.constantFrom(...logins), state: stateArb, at: instantArb })
    .map(({ id, who, state, at }) => review(who, state, at, id));

const pullRequestArb: fc.Arbitrary<PullRequestState> = fc
  .record({
    draft: fc.constantFrom(false, false, false, true),
    labels: fc.constantFrom([], [], [], ["on-hold"]),
    requests: fc.array(requestArb, { maxLength: 5 }),
    reviews: fc.array(reviewArb([...PEOPLE, ...MACHINES]), { maxLength: 5 }),
    pushedAt: fc.option(instantArb),
  })
  .map((state) => aPullRequest(state));

describe("whose turn (properties)", () => {
  beforeAll(() => expect(errors).toEqual([]));

  it("is always exactly one of reviewers, author, merge or nobody, with a start unless nobody's", () => {
    fc.assert(
      fc.property(pullRequestArb, (pr) => {
        const turn = whoseTurn(pr, config, calendar);
        expect(["reviewers", "author", "merge", "nobody"]).toContain(turn.whose);
        expect(turn.since === null).toBe(turn.whose === "nobody");
        expect(turn.waitingOn.length === 0).toBe(turn.whose === "nobody");
        if (turn.whose === "nobody") expect(turn.deadlines).toEqual([]);
      }),
      { numRuns },
    );
  });

  it("plans each nudge key once per cycle: keys are unique and name the cycle and threshold", () => {
    fc.assert(
      fc.property(pullRequestArb, (pr) => {
        const actions = plannedActions(pr, config, calendar);
        const keys = actions.map((a) => a.key);
        expect(new Set(keys).size).toBe(keys.length);
        const nudges = actions.filter((a) => a.kind === "nudge");
        expect(nudges.length).toBeLessThanOrEqual(1);
        for (const nudge of nudges)
          expect(nudge.key).toBe(`nudge:10/5:c${nudge.cycle}:${nudge.threshold}`);
      }),
      { numRuns },
    );
  });

  it("does not restart the reviewers' clock on a push after approval unless reviewers are re-requested", () => {
    fc.assert(
      fc.property(pullRequestArb, fc.integer({ min: 1, max: 5 * 24 * HOUR_MS }), (pr, afterMs) => {
        const before = whoseTurn(pr, config, calendar);
        if (before.whose !== "merge" || before.since === null) return;
        const pushedAt = before.since.plus({ milliseconds: afterMs });
        const pushed = { ...pr, pushedAt };
        const after = whoseTurn(pushed, config, calendar);
        expect(after.whose).toBe("merge");
        expect(after.since?.toMillis()).toBe(before.since.toMillis());
        expect(plannedActions(pushed, config, calendar)).toEqual(
          plannedActions(pr, config, calendar),
        );
        const again = request("alice", pushedAt.plus({ minutes: 1 }));
        const rerequested = { ...pushed, requests: [...pushed.requests, again] };
        expect(whoseTurn(rerequested, config, calendar).whose).toBe("reviewers");
      }),
      { numRuns },
    );
  });

  it("never lets a machine's review change whose turn it is", () => {
    fc.assert(
      fc.property(pullRequestArb, reviewArb(MACHINES), (pr, machine) => {
        const withMachine = { ...pr, reviews: [...pr.reviews, machine] };
        const a = whoseTurn(pr, config, calendar);
        const b = whoseTurn(withMachine, config, calendar);
        expect([b.whose, b.why, b.since?.toMillis()]).toEqual([
          a.whose,
          a.why,
          a.since?.toMillis(),
        ]);
      }),
      { numRuns },
    );
  });
});
