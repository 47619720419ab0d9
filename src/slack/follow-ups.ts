// Slack follow-ups of the sweep's SLA actions: a DM per requested reviewer with each reminder
// and to the author with each nudge (timed to that person's own working hours), and an alert in `escalation.slack_channel` with
// each escalation. Planned as outbox rows the sweep inserts with the comment's own, in the same
// transaction, under keys derived from it.
import { awayOn, mergeAway } from "../assignment/away.js";
import type { DateTime } from "luxon";
import { nextWorkingHoursStart } from "../clock/calendar.js";
import { personCalendar } from "../config/calendar.js";
import type { RepoConfig } from "../config/schema.js";
import { actionFor } from "../outbox/catalogue.js";
import type { FollowUpHook } from "../outbox/follow-ups.js";
import type { SlaAction } from "../sla/policy.js";
import type { NewAction, StoredPullRequest } from "../store/store.js";
import type { SlackSetup } from "./setup.js";

/** When a DM to `login` may go out: the reminder's time, moved into their working hours. */
export function dmDueAt(reminderDueAt: DateTime, config: RepoConfig, login: string): DateTime {
  return nextWorkingHoursStart(reminderDueAt, personCalendar(config, login));
}

/** The Slack follow-ups of one SLA action the sweep is recording. */
export function slackFollowUpActions(
  pr: StoredPullRequest,
  action: SlaAction,
  config: RepoConfig,
  options: { directMessages: boolean },
): NewAction[] {
  const base = { installationId: pr.installationId, pullRequestId: pr.id };
  const priority = Math.floor(action.deadline.toMillis() / 60_000);
  const actions: NewAction[] = [];
  if (action.kind === "reminder" && options.directMessages) {
    const ranges = mergeAway(config.assignment.away, config.people);
    for (const reviewer of action.reviewers) {
      if (reviewer.type !== "user") continue;
      const dueAt = dmDueAt(action.dueAt, config, reviewer.login);
      // Nobody away is messaged: their holiday is not a review queue.
      if (awayOn(dueAt, [reviewer.login], ranges, config.people, config.timezone).size > 0)
        continue;
      const payload = { reminderKey: action.key, login: reviewer.login };
      actions.push(actionFor("reminder-dm", payload, { ...base, dueAt, priority }));
    }
  }
  if (action.kind === "nudge" && options.directMessages) {
    // The author's nudge follows them into Slack, in their own working hours.
    const dueAt = dmDueAt(action.dueAt, config, action.author);
    const payload = { nudgeKey: action.key, login: action.author };
    actions.push(actionFor("nudge-dm", payload, { ...base, dueAt, priority }));
  }
  const channel = config.escalation.slack_channel;
  if (action.kind === "escalation" && channel !== undefined) {
    const payload = { escalationKey: action.key, channel };
    actions.push(
      actionFor("escalation-slack", payload, { ...base, dueAt: action.dueAt, priority }),
    );
  }
  return actions;
}

/** The sweep's hook when Slack is configured; undefined (no follow-ups) otherwise. */
export function slackFollowUps(slack: SlackSetup | null | undefined): FollowUpHook | undefined {
  if (!slack) return undefined;
  const directMessages = slack.gateway.canDirectMessage;
  return (pr, action, config) => slackFollowUpActions(pr, action, config, { directMessages });
}
