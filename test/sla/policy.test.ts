import { teamCalendar } from "../../src/config/calendar.js";
import { validateConfig } from "../../src/config/validate.js";
import { evaluatePullRequest, plannedActions } from "../../src/sla/policy.js";
import { aPullRequest, at, request, review } from "../helpers/pull-requests.js";

function rules(raw: unknown = {}) {
  const { config, errors } = validateConfig(raw);
  expect(errors).toEqual([]);
  return { config, calendar: teamCalendar(config) };
}

const berlin = (iso: string) => at(iso, "Europe/Berlin");

describe("SLA policy", () => {
  it("gives a PR opened on Friday 17:00 in Berlin its 24 h workdays reminder on Monday 17:00, not Saturday", () => {
    const { config, calendar } = rules({ timezone: "Europe/Berlin", clock: "workdays" });
    const opened = berlin("2026-11-20T17:00:00");
    const pr = aPullRequest({ createdAt: opened, requests: [request("alice", opened)] });
    const reminder = plannedActions(pr, config, calendar).find((a) => a.kind === "reminder");
    expect(reminder?.dueAt.setZone("Europe/Berlin").toISO()).toBe("2026-11-23T17:00:00.000+01:00");
    expect(
      evaluatePullRequest(pr, config, calendar, berlin("2026-11-21T17:00:00"), new Set()).due,
    ).toEqual([]);
    const monday = evaluatePullRequest(
      pr,
      config,
      calendar,
      berlin("2026-11-23T17:00:00"),
      new Set(),
    );
    expect(monday.due.map((a) => a.kind)).toEqual(["reminder"]);
  });

  it("defers an action due at night to the start of the next working window", () => {
    const { config, calendar } = rules({ timezone: "Europe/Berlin", clock: "calendar" });
    const opened = berlin("2026-11-23T22:00:00");
    const pr = aPullRequest({ createdAt: opened, requests: [request("alice", opened)] });
    const reminder = plannedActions(pr, config, calendar).find((a) => a.kind === "reminder");
    expect(reminder?.deadline.setZone("Europe/Berlin").toISO()).toBe(
      "2026-11-24T22:00:00.000+01:00",
    );
    expect(reminder?.dueAt.setZone("Europe/Berlin").toISO()).toBe("2026-11-25T09:00:00.000+01:00");
  });

  it("acts whenever due when quiet hours are off", () => {
    const { config, calendar } = rules({ clock: "calendar", quiet_hours: false });
    const opened = at("2026-11-21T03:00:00");
    const pr = aPullRequest({ createdAt: opened, requests: [request("alice", opened)] });
    expect(plannedActions(pr, config, calendar)[0]?.dueAt.toISO()).toBe("2026-11-22T03:00:00.000Z");
  });

  it("plans nothing for drafts, closed, paused, skipped PRs or bot authors", () => {
    const { config, calendar } = rules();
    const opened = at("2026-11-23T09:00:00");
    const base = { requests: [request("alice", opened)] };
    const cases = [
      aPullRequest({ createdAt: opened, ...base, draft: true }),
      aPullRequest({ createdAt: opened, ...base, open: false }),
      aPullRequest({ createdAt: opened, ...base, labels: ["on-hold"] }),
      aPullRequest({ createdAt: opened, ...base, labels: ["Skip-Review-SLA"] }),
      aPullRequest({ createdAt: opened, ...base, author: "dependabot[bot]" }),
    ];
    for (const pr of cases) expect(plannedActions(pr, config, calendar)).toEqual([]);
  });

  it("plans nothing before review is requested", () => {
    const { config, calendar } = rules();
    expect(
      plannedActions(aPullRequest({ createdAt: at("2026-11-23T09:00:00") }), config, calendar),
    ).toEqual([]);
  });

  it("mentions only reviewers who have not reviewed yet", () => {
    const { config, calendar } = rules({ clock: "calendar", quiet_hours: false });
    const t0 = at("2026-11-23T09:00:00");
    const pr = aPullRequest({
      createdAt: t0,
      requests: [request("alice", t0), request("bob", t0, { removedAt: t0.plus({ hours: 1 }) })],
    });
    const reminder = plannedActions(pr, config, calendar).find((a) => a.kind === "reminder");
    expect(reminder?.reviewers).toEqual([{ type: "user", login: "alice" }]);
  });

  it("satisfies the first review with any review by a requested reviewer, keeping the resolution clock", () => {
    const { config, calendar } = rules({ clock: "calendar", quiet_hours: false });
    const t0 = at("2026-11-23T09:00:00");
    const pr = aPullRequest({
      createdAt: t0,
      requests: [request("alice", t0, { satisfiedAt: t0.plus({ hours: 2 }) })],
      reviews: [review("alice", "commented", t0.plus({ hours: 2 }))],
    });
    expect(plannedActions(pr, config, calendar).map((a) => a.kind)).toEqual(["escalation"]);
  });

  it("stops the reviewers' clocks on changes requested (only the author's nudge is left) and starts a new cycle on re-request", () => {
    const { config, calendar } = rules({ clock: "calendar", quiet_hours: false });
    const t0 = at("2026-11-23T09:00:00");
    const changes = t0.plus({ hours: 3 });
    const paused = aPullRequest({
      createdAt: t0,
      requests: [request("alice", t0, { satisfiedAt: changes })],
      reviews: [review("alice", "changes_requested", changes)],
    });
    expect(plannedActions(paused, config, calendar).map((a) => a.key)).toEqual([
      "nudge:10/5:c1:author_response",
    ]);
    const again = t0.plus({ days: 3 });
    const resumed = { ...paused, requests: [...paused.requests, request("alice", again)] };
    const actions = plannedActions(resumed, config, calendar);
    expect(actions.map((a) => [a.kind, a.cycle])).toEqual([
      ["reminder", 2],
      ["escalation", 2],
    ]);
    expect(actions[0]?.key).toBe("reminder:10/5:c2:first_review");
    expect(actions[0]?.deadline.toISO()).toBe(again.plus({ hours: 24 }).toISO());
  });

  it("starts the clock when a draft becomes ready, not when review was requested on the draft", () => {
    const { config, calendar } = rules({ clock: "calendar", quiet_hours: false });
    const t0 = at("2026-11-23T09:00:00");
    const ready = t0.plus({ days: 2 });
    const pr = aPullRequest({ createdAt: t0, readyAt: ready, requests: [request("alice", t0)] });
    expect(plannedActions(pr, config, calendar)[0]?.deadline.toISO()).toBe(
      ready.plus({ hours: 24 }).toISO(),
    );
  });

  it("applies the first matching override by label or size", () => {
    const { config, calendar } = rules({
      clock: "calendar",
      quiet_hours: false,
      sla: {
        overrides: [
          { label: "hotfix", first_review: "4h", resolution: "8h" },
          { max_changed_lines: 20, first_review: "2d" },
        ],
      },
    });
    const t0 = at("2026-11-23T09:00:00");
    const hotfix = aPullRequest({
      createdAt: t0,
      labels: ["HotFix"],
      requests: [request("alice", t0)],
    });
    expect(plannedActions(hotfix, config, calendar).map((a) => a.sla.as("hours"))).toEqual([4, 8]);
    const small = aPullRequest({
      createdAt: t0,
      additions: 5,
      deletions: 5,
      requests: [request("alice", t0)],
    });
    expect(plannedActions(small, config, calendar).map((a) => a.sla.as("hours"))).toEqual([48, 48]);
    const big = aPullRequest({ createdAt: t0, additions: 500, requests: [request("alice", t0)] });
    expect(plannedActions(big, config, calendar).map((a) => a.sla.as("hours"))).toEqual([24, 48]);
  });

  it("lets one escalation speak for a PR found past both deadlines", () => {
    const { config, calendar } = rules({ clock: "calendar", quiet_hours: false });
    const t0 = at("2026-11-23T09:00:00");
    const pr = aPullRequest({ createdAt: t0, requests: [request("alice", t0)] });
    const evaluation = evaluatePullRequest(pr, config, calendar, t0.plus({ days: 5 }), new Set());
    expect(evaluation.due.map((a) => a.kind)).toEqual(["escalation"]);
    expect(evaluation.superseded.map((a) => a.kind)).toEqual(["reminder"]);
    expect(evaluation.nextAt).toBeNull();
  });

  it("never repeats a recorded action and names the next one", () => {
    const { config, calendar } = rules({ clock: "calendar", quiet_hours: false });
    const t0 = at("2026-11-23T09:00:00");
    const pr = aPullRequest({ createdAt: t0, requests: [request("alice", t0)] });
    const first = evaluatePullRequest(pr, config, calendar, t0.plus({ hours: 30 }), new Set());
    expect(first.due.map((a) => a.kind)).toEqual(["reminder"]);
    const done = new Set(first.due.map((a) => a.key));
    const second = evaluatePullRequest(pr, config, calendar, t0.plus({ hours: 31 }), done);
    expect(second.due).toEqual([]);
    expect(second.nextAt?.toISO()).toBe(t0.plus({ hours: 48 }).toISO());
    expect(second.turn).toEqual({ whose: "reviewers", since: t0 });
  });

  it("counts only working hours in working-hours mode", () => {
    const { config, calendar } = rules({ clock: "working-hours", working_hours: "09:00-17:00" });
    const t0 = at("2026-11-23T10:00:00");
    const pr = aPullRequest({ createdAt: t0, requests: [request("alice", t0)] });
    // 8 h days: Monday 7 h, Tuesday 8 h, Wednesday 8 h, Thursday 1 h.
    expect(plannedActions(pr, config, calendar)[0]?.dueAt.toISO()).toBe("2026-11-26T10:00:00.000Z");
  });
});
