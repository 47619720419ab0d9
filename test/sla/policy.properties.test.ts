import fc from "fast-check";
import type { DateTime } from "luxon";
import { teamCalendar } from "../../src/config/calendar.js";
import { validateConfig } from "../../src/config/validate.js";
import { evaluatePullRequest, plannedActions } from "../../src/sla/policy.js";
import type { PullRequestState, ReviewRecord } from "../../src/sla/pull-request.js";
import { MODES, ZONES } from "../clock/arbitraries.js";
import { OPENED, aPullRequest, request } from "../helpers/pull-requests.js";

const numRuns = 200;
const HOUR_MS = 3_600_000;
const LOGINS = ["alice", "bob", "carol", "ci[bot]"] as const;

/** Up to `days` after OPENED, in whole minutes or odd milliseconds. */
const offsetArb = (days: number) =>
  fc.oneof(
    fc.integer({ min: 0, max: days * 24 * 60 }).map((minutes) => minutes * 60_000),
    fc.integer({ min: 0, max: days * 24 * HOUR_MS }),
  );
/** History happens in the PR's first week; it is evaluated at any time in its first month. */
const instantArb = offsetArb(7).map((ms) => OPENED.plus({ milliseconds: ms }));
const nowArb = offsetArb(30).map((ms) => OPENED.plus({ milliseconds: ms }));
/** Usually `usual`, sometimes `rare`: most generated PRs should be live enough to act on. */
const mostly = <T>(usual: T, rare: T) =>
  fc.oneof(
    { arbitrary: fc.constant(usual), weight: 4 },
    { arbitrary: fc.constant(rare), weight: 1 },
  );
/** Usually never, sometimes later than `from` by up to a week. */
const laterOrNullArb = (from: DateTime) =>
  fc.oneof(
    { arbitrary: fc.constant(null), weight: 3 },
    {
      arbitrary: fc
        .integer({ min: 0, max: 7 * 24 * HOUR_MS })
        .map((ms) => from.plus({ milliseconds: ms })),
      weight: 1,
    },
  );

const requestArb = fc
  .record({ login: fc.constantFrom(...LOGINS), at: instantArb })
  .chain(({ login, at }) =>
    fc
      .record({ removedAt: laterOrNullArb(at), satisfiedAt: laterOrNullArb(at) })
      .map((extra) => request(login, at, extra)),
  );

const reviewArb = fc.record({
  id: fc.nat(),
  reviewer: fc.constantFrom(...LOGINS),
  state: fc.constantFrom<ReviewRecord["state"][]>(
    "approved",
    "changes_requested",
    "commented",
    "dismissed",
  ),
  submittedAt: instantArb,
});

/** Any history: drafts, closed, labelled, sized, with requests and reviews in any order. */
const pullRequestArb: fc.Arbitrary<PullRequestState> = fc
  .record({
    readyAfter: fc.oneof(fc.constant(0), offsetArb(7)),
    draft: mostly(false, true),
    open: mostly(true, false),
    author: mostly("dana", "dependabot[bot]"),
    labels: fc.oneof(
      { arbitrary: fc.subarray(["hotfix", "docs"]), weight: 4 },
      { arbitrary: fc.subarray(["on-hold", "skip-review-sla", "hotfix"]), weight: 1 },
    ),
    additions: fc.nat({ max: 2000 }),
    deletions: fc.nat({ max: 2000 }),
    requests: fc.array(requestArb, { minLength: 1, maxLength: 5 }),
    reviews: fc.array(reviewArb, { maxLength: 3 }),
  })
  .map(({ readyAfter, ...state }) =>
    aPullRequest({ ...state, readyAt: OPENED.plus({ milliseconds: readyAfter }) }),
  );

/** Any valid SLA config: every clock mode and quiet-hours form, zones, holidays, overrides. */
const configArb = fc
  .record({
    timezone: fc.constantFrom(...ZONES),
    clock: fc.constantFrom(...MODES),
    quiet_hours: fc.constantFrom<unknown>(true, false, { from: "20:00", to: "08:00" }),
    working_hours: fc.constantFrom("09:00-17:00", "08:30-18:00", "00:00-23:59"),
    holidays: fc.subarray(["2026-11-24", "2026-11-26", "2026-12-01"]),
    sla: fc.record({
      // The reminder never comes after the escalation (config check refuses that), but may
      // come shortly before it.
      deadlines: fc.constantFrom(
        ["1h", "90m"],
        ["1h", "48h"],
        ["24h", "48h"],
        ["24h", "5d"],
        ["2d", "5d"],
      ),
      overrides: fc.constantFrom<unknown[]>(
        [],
        [{ label: "hotfix", first_review: "4h", resolution: "8h" }],
        [{ max_changed_lines: 50, first_review: "90m" }],
      ),
    }),
  })
  .map(({ sla: { deadlines, ...sla }, ...rest }) => {
    const [first_review, resolution] = deadlines;
    const raw = { ...rest, sla: { ...sla, first_review, resolution } };
    const { config, errors } = validateConfig(raw);
    if (errors.length > 0) throw new Error(`generated an invalid config: ${errors.join("; ")}`);
    return { config, calendar: teamCalendar(config) };
  });

/** A PR, a config, a time and which of its planned actions (plus strangers) are done. */
const scenarioArb = fc
  .record({ pr: pullRequestArb, rules: configArb, now: nowArb })
  .chain(({ pr, rules, now }) => {
    const planned = plannedActions(pr, rules.config, rules.calendar).map((a) => a.key);
    return fc
      .record({
        mask: fc.array(fc.boolean(), { minLength: planned.length, maxLength: planned.length }),
        strangers: fc.array(fc.string(), { maxLength: 3 }),
      })
      .map(({ mask, strangers }) => ({
        pr,
        ...rules,
        now,
        done: new Set([...planned.filter((_, i) => mask[i]), ...strangers]),
      }));
  });

describe("SLA policy laws", () => {
  it("never makes an action due whose key is already done, nor the same key twice", () => {
    fc.assert(
      fc.property(scenarioArb, ({ pr, config, calendar, now, done }) => {
        const { due, superseded } = evaluatePullRequest(pr, config, calendar, now, done);
        const keys = [...due, ...superseded].map((a) => a.key);
        expect(keys.filter((key) => done.has(key))).toEqual([]);
        expect(new Set(keys).size).toBe(keys.length);
      }),
      { numRuns },
    );
  });

  it("names a next action time that is later than now, or none", () => {
    fc.assert(
      fc.property(scenarioArb, ({ pr, config, calendar, now, done }) => {
        const { nextAt } = evaluatePullRequest(pr, config, calendar, now, done);
        if (nextAt !== null) expect(+nextAt).toBeGreaterThan(+now);
      }),
      { numRuns },
    );
  });

  it("makes due only actions whose time has come", () => {
    fc.assert(
      fc.property(scenarioArb, ({ pr, config, calendar, now, done }) => {
        const { due, superseded } = evaluatePullRequest(pr, config, calendar, now, done);
        for (const action of [...due, ...superseded]) {
          expect(+action.dueAt).toBeLessThanOrEqual(+now);
        }
      }),
      { numRuns },
    );
  });

  it("once every due action is recorded, evaluating again at the same time finds nothing due", () => {
    fc.assert(
      fc.property(scenarioArb, ({ pr, config, calendar, now, done }) => {
        const first = evaluatePullRequest(pr, config, calendar, now, done);
        const recorded = new Set([
          ...done,
          ...[...first.due, ...first.superseded].map((a) => a.key),
        ]);
        const again = evaluatePullRequest(pr, config, calendar, now, recorded);
        expect(again.due).toEqual([]);
        expect(again.superseded).toEqual([]);
        expect(again.nextAt?.toISO() ?? null).toBe(first.nextAt?.toISO() ?? null);
      }),
      { numRuns },
    );
  });
});
