// Computes the weekly digest from plain data: this week's numbers next to last week's, the PRs
// breaching an SLA now, reviewer load, and the logins no Slack user could be found for.
import type { DigestInput } from "./input.js";
import type { DigestReport } from "./report.js";
import { breachingNow } from "./breaching.js";
import { periodStats, waitingAtPeriodEnd } from "./period-stats.js";
import { reviewerLoad } from "./reviewer-load.js";
import { slackDirectory, uniqueLogins } from "./slack-users.js";
import { workingTimeMeter } from "./working-time.js";

/** The digest report for `input.period`, compared with `input.previousPeriod`. */
export function computeDigest(input: DigestInput): DigestReport {
  const meter = workingTimeMeter(input, input.previousPeriod.start);
  const slackUserId = slackDirectory(input.slackUsers);
  const breaching = breachingNow(input, slackUserId, meter);
  const unmentionable = breaching.items
    .flatMap((breach) => breach.waitingOn)
    .filter((person) => person.slackUserId === null)
    .map((person) => person.login);
  return {
    scopeName: input.scopeName,
    period: input.period,
    previousPeriod: input.previousPeriod,
    zone: input.calendar.zone,
    clockMode: input.clockMode,
    now: input.now,
    current: periodStats(input, input.period, meter),
    previous: periodStats(input, input.previousPeriod, meter),
    breaching,
    reviewerLoad: reviewerLoad(input, meter),
    waiting: waitingAtPeriodEnd(input.pullRequests),
    unmappedLogins: uniqueLogins([...input.unmappedLogins, ...unmentionable]),
    ...(input.commands ? { commands: input.commands } : {}),
  };
}
