// The weekly trends read from maintained per-PR figures equal the trends measured from scratch
// (the digest's definitions), for any PRs, calendar and clock mode: a fast-check law.
import fc from "fast-check";
import { DateTime, Duration } from "luxon";
import type { ClockMode, TeamCalendar } from "../../src/clock/calendar.js";
import { trendsFromFigures } from "../../src/dashboard/figure-trends.js";
import { measurePullRequest, slaFigure, trendFigures } from "../../src/dashboard/pr-figures.js";
import { weeklyTrends } from "../../src/dashboard/trends.js";
import { dashboardWeeks } from "../../src/dashboard/weeks.js";
import type { DigestPullRequest } from "../../src/digest/input.js";
import { aDigestPullRequest } from "../helpers/pull-requests.js";

const NOW = DateTime.fromISO("2026-11-26T15:00:00Z", { zone: "utc" });
const HOUR = 3_600_000;

const calendars: TeamCalendar[] = [
  {
    zone: "UTC",
    workingDays: [1, 2, 3, 4, 5],
    workingHours: { start: 0, end: 1440 },
    holidays: [],
  },
  {
    zone: "Europe/Berlin",
    workingDays: [1, 2, 3, 4, 5],
    workingHours: { start: 540, end: 1020 },
    holidays: ["2026-10-03", "2026-11-11"],
  },
  {
    zone: "America/Los_Angeles",
    workingDays: [1, 2, 3, 4],
    workingHours: { start: 480, end: 960 },
    holidays: [],
  },
];
const modes: ClockMode[] = ["calendar", "workdays", "working-hours"];

/** Hours after the first week began (some before it), as an instant. */
const instant = (start: DateTime, hours: number) => start.plus({ milliseconds: hours * HOUR });

const pullArbitrary = fc.record({
  // Some deadlines land exactly on a week boundary (168 h apart from the first week's start).
  readyHours: fc.oneof(
    fc.integer({ min: -600, max: 12 * 168 }),
    fc.constantFrom(144, 160, 120, 3 * 168 - 48, 7 * 168 - 4, 7 * 168 - 8),
  ),
  reviewAfter: fc.option(fc.integer({ min: 0, max: 300 })),
  changesAfter: fc.option(fc.integer({ min: 0, max: 300 })),
  mergeAfter: fc.option(fc.integer({ min: 0, max: 400 })),
  closeAfter: fc.option(fc.integer({ min: 0, max: 400 })),
  firstSla: fc.constantFrom(0, 4, 8, 24, 48),
  resolutionSla: fc.constantFrom(8, 16, 48, 96),
  ai: fc.boolean(),
  draft: fc.boolean(),
  exempt: fc.boolean(),
});

type PullSpec = typeof pullArbitrary extends fc.Arbitrary<infer T> ? T : never;

function toPull(spec: PullSpec, start: DateTime, number: number) {
  const readyAt = instant(start, spec.readyHours);
  const after = (hours: number | null) => (hours === null ? null : instant(readyAt, hours));
  const mergedAt = after(spec.mergeAfter);
  const closedAt = mergedAt ?? after(spec.closeAfter);
  return aDigestPullRequest({
    number,
    createdAt: readyAt,
    readyAt,
    aiAssisted: spec.ai,
    draft: spec.draft,
    exempt: spec.exempt,
    open: closedAt === null,
    firstReviewAt: after(spec.reviewAfter),
    changesRequestedAt: after(spec.changesAfter),
    mergedAt,
    closedAt,
    firstReviewSla: Duration.fromObject({ hours: spec.firstSla }),
    resolutionSla: Duration.fromObject({ hours: spec.resolutionSla }),
  });
}

describe("trends from maintained figures", () => {
  it("equal the trends measured from scratch, for any PRs, calendar and clock mode", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...calendars),
        fc.constantFrom(...modes),
        fc.array(pullArbitrary, { maxLength: 40 }),
        (calendar, clockMode, specs) => {
          const weeks = dashboardWeeks(NOW, calendar.zone, 12);
          const start = weeks[0]!.start;
          const pulls: DigestPullRequest[] = specs.map((s, i) => toPull(s, start, i + 1));
          const clock = { calendar, clockMode };
          const figures = pulls.map((pr, i) =>
            trendFigures(
              measurePullRequest(
                pr,
                { pullRequestId: i, repositoryId: 1, fingerprint: "f" },
                clock,
              ),
            ),
          );
          const expected = weeklyTrends({ weeks, ...clock, pullRequests: pulls, actions: [] });
          expect(trendsFromFigures({ weeks, figures, actions: [] })).toEqual(expected);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("puts a deadline that runs out at Friday's close in that week, not at Monday's opening", () => {
    const berlin = calendars[1]!;
    // Monday 09:00 Berlin; 40 working hours run out on Friday 17:00.
    const readyAt = DateTime.fromISO("2026-11-16T09:00:00", { zone: "Europe/Berlin" });
    const figure = slaFigure(
      {
        readyAt,
        sla: Duration.fromObject({ hours: 40 }),
        satisfiedAt: null,
        releasedAt: null,
      },
      { calendar: berlin, clockMode: "working-hours" },
    );
    expect(figure?.dueAt.setZone("Europe/Berlin").toISO()).toBe("2026-11-20T17:00:00.000+01:00");
    expect(figure?.outcome).toBe("missed");
  });

  it("counts a review after the deadline in a non-working stretch as met, like the digest", () => {
    const berlin = calendars[1]!;
    const readyAt = DateTime.fromISO("2026-11-20T09:00:00", { zone: "Europe/Berlin" });
    const saturday = DateTime.fromISO("2026-11-21T10:00:00", { zone: "Europe/Berlin" });
    const figure = slaFigure(
      { readyAt, sla: Duration.fromObject({ hours: 8 }), satisfiedAt: saturday, releasedAt: null },
      { calendar: berlin, clockMode: "working-hours" },
    );
    expect(figure?.outcome).toBe("met");
  });
});
