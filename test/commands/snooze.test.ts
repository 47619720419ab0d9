import { Duration } from "luxon";
import { snoozeEnd } from "../../src/commands/snooze.js";
import type { SnoozeSpan } from "../../src/commands/parse.js";
import { teamCalendar } from "../../src/config/calendar.js";
import { validateConfig } from "../../src/config/validate.js";
import { at } from "../helpers/pull-requests.js";

const { config } = validateConfig({ timezone: "Europe/Berlin" });
const calendar = teamCalendar(config);
const threeDays = Duration.fromObject({ days: 3 });
// Friday 27 November 2026, 16:00 in Berlin.
const friday = at("2026-11-27T16:00:00", "Europe/Berlin");
const berlin = (iso: string) => at(iso, "Europe/Berlin").toISO();

describe("snoozeEnd", () => {
  it.each<[string, SnoozeSpan, string]>([
    ["4h counts working days' time", { type: "for", text: "4h" }, "2026-11-27T20:00:00"],
    ["1d on Friday ends on Monday", { type: "for", text: "1d" }, "2026-11-30T16:00:00"],
    ["until a date starts that day", { type: "until", date: "2026-12-01" }, "2026-12-01T00:00:00"],
    [
      "until tomorrow's working start skips the weekend",
      { type: "next-working-day" },
      "2026-11-30T09:00:00",
    ],
  ])("%s", (_name, span, end) => {
    const result = snoozeEnd(span, friday, calendar, threeDays);
    expect(result.ok && result.until.toISO()).toBe(berlin(end));
  });

  it.each<[string, SnoozeSpan, string]>([
    ["longer than commands.max_snooze", { type: "for", text: "4d" }, "at most 3 working days"],
    [
      "a date beyond it",
      { type: "until", date: "2026-12-08" },
      "Wed 2 Dec 16:00 (Europe/Berlin) at the latest",
    ],
    ["a day that has begun", { type: "until", date: "2026-11-27" }, "already begun"],
    ["no length", { type: "for", text: "0h" }, "needs a length"],
  ])("refuses %s", (_name, span, problem) => {
    const result = snoozeEnd(span, friday, calendar, threeDays);
    expect(result.ok ? "" : result.problem).toContain(problem);
  });
});
