import { teamCalendar } from "../../src/config/calendar.js";
import { validateConfig } from "../../src/config/validate.js";
import { evaluatePullRequest, plannedActions } from "../../src/sla/policy.js";
import { OPENED, aPullRequest, at, request } from "../helpers/pull-requests.js";

function rules() {
  const { config, errors } = validateConfig({ clock: "calendar", quiet_hours: true });
  expect(errors).toEqual([]);
  return { config, calendar: teamCalendar(config) };
}

describe("a snoozed pull request", () => {
  const requested = { requests: [request("alice", OPENED)] };

  it("holds a reminder that falls due during the snooze until the snooze ends", () => {
    const { config, calendar } = rules();
    // Due Tuesday 09:00 UTC; snoozed until Wednesday 11:00.
    const pr = aPullRequest({ ...requested, snoozedUntil: at("2026-11-25T11:00:00") });
    const reminder = plannedActions(pr, config, calendar).find((a) => a.kind === "reminder");
    expect(reminder?.deadline.toISO()).toBe("2026-11-24T09:00:00.000Z");
    expect(reminder?.dueAt.toISO()).toBe("2026-11-25T11:00:00.000Z");
    const during = evaluatePullRequest(pr, config, calendar, at("2026-11-25T10:59:00"), new Set());
    expect(during.due).toEqual([]);
    expect(during.nextAt?.toISO()).toBe("2026-11-25T11:00:00.000Z");
  });

  it("moves a snooze that ends at night to the next working hours", () => {
    const { config, calendar } = rules();
    const pr = aPullRequest({ ...requested, snoozedUntil: at("2026-11-24T22:00:00") });
    const reminder = plannedActions(pr, config, calendar).find((a) => a.kind === "reminder");
    expect(reminder?.dueAt.toISO()).toBe("2026-11-25T09:00:00.000Z");
  });

  it("changes nothing once the snooze ended before the action falls due", () => {
    const { config, calendar } = rules();
    const plain = plannedActions(aPullRequest(requested), config, calendar);
    const snoozed = aPullRequest({ ...requested, snoozedUntil: at("2026-11-23T12:00:00") });
    expect(plannedActions(snoozed, config, calendar)).toEqual(plain);
  });
});
