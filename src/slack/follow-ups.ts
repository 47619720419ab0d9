// Slack follow-ups of the sweep's SLA actions: a DM per requested reviewer with each reminder
// (timed to the reviewer's own working hours) and an alert in `escalation.slack_channel` with
// each escalation. Planned as outbox rows the sweep inserts with the comment's own, in the same
// transaction, under keys derived from it.
import { awayOn, mergeAway } from "../assignment/away.js";
import type { DateTime } from "luxon";
import { nextWorkingHoursStart } from "../clock/calendar.js";
import { personCalendar } from "../config/calendar.js";
import type { RepoConfig } from "../config/schema.js";
import type { SlaAction } from "../sla/policy.js";
import type { NewAction, StoredPullRequest } from "../store/store.js";
import type { SlackSetup } from "./setup.js";

export interface ReminderDmPayload {
  reminderKey: string;
  login: string;
}

export interface EscalationSlackPayload {
  escalationKey: string;
  channel: string;
}

function strings(value: unknown, names: readonly string[]): boolean {
  if (typeof value !== "object" || value === null) return false;
  const record = value as Record<string, unknown>;
  return names.every((name) => typeof record[name] === "string");
}

export function isReminderDmPayload(value: unknown): value is ReminderDmPayload {
  return strings(value, ["reminderKey", "login"]);
}

export function isEscalationSlackPayload(value: unknown): value is EscalationSlackPayload {
  return strings(value, ["escalationKey", "channel"]);
}

/** The follow-up actions of one SLA action, to be recorded in the same insert as the action. */
export type FollowUpHook = (
  pr: StoredPullRequest,
  action: SlaAction,
  config: RepoConfig,
) => NewAction[];

export function reminderDmKey(reminderKey: string, login: string): string {
  return `${reminderKey}:dm:${login.toLowerCase()}`;
}

export function escalationSlackKey(escalationKey: string): string {
  return `${escalationKey}:slack`;
}

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
      const payload: ReminderDmPayload = { reminderKey: action.key, login: reviewer.login };
      actions.push({
        ...base,
        key: reminderDmKey(action.key, reviewer.login),
        kind: "reminder-dm",
        payload,
        dueAt,
        priority,
      });
    }
  }
  const channel = config.escalation.slack_channel;
  if (action.kind === "escalation" && channel !== undefined) {
    const payload: EscalationSlackPayload = { escalationKey: action.key, channel };
    actions.push({
      ...base,
      key: escalationSlackKey(action.key),
      kind: "escalation-slack",
      payload,
      dueAt: action.dueAt,
      priority,
    });
  }
  return actions;
}

/** The sweep's hook when Slack is configured; undefined (no follow-ups) otherwise. */
export function slackFollowUps(slack: SlackSetup | null | undefined): FollowUpHook | undefined {
  if (!slack) return undefined;
  const directMessages = slack.gateway.canDirectMessage;
  return (pr, action, config) => slackFollowUpActions(pr, action, config, { directMessages });
}
