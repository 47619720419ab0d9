import { teamCalendar } from "../../src/config/calendar.js";
import { validateConfig } from "../../src/config/validate.js";
import { evaluatePullRequest } from "../../src/sla/policy.js";
import { whoseTurn } from "../../src/sla/turn.js";
import { aPullRequest, at, request, review } from "../helpers/pull-requests.js";

function rules(raw: unknown = {}) {
  const { config, errors } = validateConfig(raw);
  expect(errors).toEqual([]);
  return { config, calendar: teamCalendar(config) };
}

const t0 = at("2026-11-23T09:00:00");
const h = (hours: number) => t0.plus({ hours });
const team = { reviewer: { type: "team" as const, slug: "core" }, requestedAt: t0 };

describe("whose turn", () => {
  it("keeps the first-review clock running after an AI review of a team request", () => {
    const { config, calendar } = rules({ clock: "calendar", quiet_hours: false });
    const pr = aPullRequest({
      createdAt: t0,
      // The store marked the team's request answered by the first review, Copilot's.
      requests: [{ ...team, removedAt: null, satisfiedAt: h(1) }],
      reviews: [
        { ...review("copilot-pull-request-reviewer[bot]", "commented", h(1)), reviewerIsBot: true },
      ],
    });
    const turn = whoseTurn(pr, config, calendar);
    expect([turn.whose, turn.why]).toEqual(["reviewers", "awaiting-first-review"]);
    const due = evaluatePullRequest(pr, config, calendar, h(24), new Set()).due;
    expect(due.map((a) => a.key)).toEqual(["reminder:10/5:c1:first_review"]);
  });

  it("counts a person's review after the AI's as the first review", () => {
    const { config, calendar } = rules({ clock: "calendar", quiet_hours: false });
    const pr = aPullRequest({
      createdAt: t0,
      requests: [{ ...team, removedAt: null, satisfiedAt: h(1) }],
      reviews: [
        review("coderabbitai[bot]", "changes_requested", h(1), 1),
        review("bob", "approved", h(5), 2),
      ],
    });
    const turn = whoseTurn(pr, config, calendar);
    expect([turn.whose, turn.since?.toISO()]).toEqual(["merge", h(5).toISO()]);
    expect(turn.cycle?.firstReviewAt?.toISO()).toBe(h(5).toISO());
  });

  it("ignores a review by a login in sla.ignore_reviewers and never waits on a requested Copilot", () => {
    const { config, calendar } = rules({ sla: { ignore_reviewers: ["lint-robot"] } });
    const pr = aPullRequest({
      createdAt: t0,
      requests: [request("Copilot", t0), { ...team, removedAt: null, satisfiedAt: h(1) }],
      reviews: [review("lint-robot", "approved", h(1))],
    });
    const turn = whoseTurn(pr, config, calendar);
    expect(turn.whose).toBe("reviewers");
    expect(turn.waitingOn).toEqual([team.reviewer]);
  });

  it("gives the author 24 working hours after changes requested, then one nudge", () => {
    const { config, calendar } = rules({ clock: "calendar", quiet_hours: false });
    const pr = aPullRequest({
      createdAt: t0,
      requests: [request("alice", t0, { satisfiedAt: h(2) })],
      reviews: [review("alice", "changes_requested", h(2))],
    });
    const turn = whoseTurn(pr, config, calendar);
    expect([turn.whose, turn.why, turn.since?.toISO()]).toEqual([
      "author",
      "changes-requested",
      h(2).toISO(),
    ]);
    expect(turn.deadlines.map((d) => [d.name, d.at.toISO()])).toEqual([
      ["author_response", h(26).toISO()],
    ]);
    const due = evaluatePullRequest(pr, config, calendar, h(26), new Set()).due;
    expect(due.map((a) => a.key)).toEqual(["nudge:10/5:c1:author_response"]);
  });

  it("holds the author's nudge until the author's own working hours", () => {
    const { config, calendar } = rules({
      clock: "calendar",
      people: { dana: { timezone: "America/New_York", working_hours: "09:00-17:00" } },
    });
    const pr = aPullRequest({
      createdAt: t0,
      requests: [request("alice", t0, { satisfiedAt: h(2) })],
      reviews: [review("alice", "changes_requested", h(2))],
    });
    const [deadline] = whoseTurn(pr, config, calendar).deadlines;
    // Due Tuesday 11:00 UTC (06:00 in New York): sent at 09:00 New York time.
    expect(deadline?.pingAt.setZone("America/New_York").toISO()).toBe(
      "2026-11-24T09:00:00.000-05:00",
    );
  });

  it("hands the turn back to the reviewers who asked for changes when the author pushes", () => {
    const { config, calendar } = rules();
    const pr = aPullRequest({
      createdAt: t0,
      pushedAt: h(4),
      requests: [request("alice", t0, { satisfiedAt: h(2) })],
      reviews: [review("alice", "changes_requested", h(2))],
    });
    const turn = whoseTurn(pr, config, calendar);
    expect([turn.whose, turn.why, turn.since?.toISO()]).toEqual([
      "reviewers",
      "author-responded",
      h(4).toISO(),
    ]);
    expect(turn.waitingOn).toEqual([{ type: "user", login: "alice" }]);
  });

  it("makes an approved PR the merge turn, nudging the author after 8 hours", () => {
    const { config, calendar } = rules({ clock: "calendar", quiet_hours: false });
    const pr = aPullRequest({
      createdAt: t0,
      requests: [request("alice", t0, { satisfiedAt: h(3) })],
      reviews: [review("alice", "approved", h(3))],
    });
    const turn = whoseTurn(pr, config, calendar);
    expect([turn.whose, turn.waitingOn]).toEqual(["merge", [{ type: "user", login: "dana" }]]);
    const due = evaluatePullRequest(pr, config, calendar, h(11), new Set()).due;
    expect(due.map((a) => a.key)).toEqual(["nudge:10/5:c1:merge"]);
  });
});
