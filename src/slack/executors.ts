// The outbox executors that talk to Slack: reminder DMs and escalation alerts. Like the PR
// comments they follow, each re-checks that its SLA action is still due before posting.
import type { DateTime } from "luxon";
import type { Logger } from "pino";
import { isWithinWorkingHours, nextWorkingHoursStart } from "../clock/calendar.js";
import { personCalendar } from "../config/calendar.js";
import type { RepoConfig } from "../config/schema.js";
import type { Action, ActionKind, Executor } from "../outbox/catalogue.js";
import { plannedActions } from "../sla/policy.js";
import type { SlaAction } from "../sla/policy.js";
import type { ActionRow, StoredPullRequest } from "../store/store.js";
import type { SlackDeps } from "./deps.js";
import { digestExecutor } from "./digest-delivery.js";
import type { DigestScopeView, DigestSource } from "./digest-delivery.js";
import { SlackCallError } from "./gateway.js";
import { slackUserFor, slackUsersFor } from "../identity/slack-users.js";
import type { SlackIdentityGitHub } from "../identity/slack-users.js";
import { renderEscalationAlert, renderNudgeDm, renderReminderDm } from "./messages.js";
import { performClick, sendReply } from "./interactions.js";
import type { PullRequestLink } from "./messages.js";
import type { SlackSetup } from "./setup.js";

type Still =
  | { due: true; pr: StoredPullRequest; config: RepoConfig; planned: SlaAction }
  | { due: false; reason: string };

/** A message recorded before `/review-sla snooze` waits for the snooze to end (retried then). */
function waitForSnooze(pr: StoredPullRequest, now: DateTime): void {
  const until = pr.snoozedUntil ?? null;
  if (until === null || until <= now) return;
  const wait = Math.ceil(until.diff(now).as("seconds"));
  throw new SlackCallError("the pull request is snoozed", 429, wait);
}

/** The SLA action `key` of the action's PR, if it is still planned (open, unreviewed…). */
async function stillDue(deps: SlackDeps, action: ActionRow, key: string): Promise<Still> {
  if (action.pullRequestId === null) return { due: false, reason: "no pull request" };
  const pr = await deps.store.pulls.get(action.pullRequestId);
  if (!pr) return { due: false, reason: "pull request unknown" };
  if (!pr.open) return { due: false, reason: "pull request closed" };
  const repository = await deps.store.repos.get(pr.repositoryId);
  if (!repository || repository.removedAt) return { due: false, reason: "repository not tracked" };
  const { config, calendar } = deps.configs.resolve(repository.configJson);
  const planned = plannedActions(pr, config, calendar).find((a) => a.key === key);
  if (!planned) return { due: false, reason: "no longer due (reviewed, paused, skipped or draft)" };
  waitForSnooze(pr, deps.clock.now());
  return { due: true, pr, config, planned };
}

/** The installation's client, authenticated only if a lookup needs it. */
function lazyGitHub(deps: SlackDeps, installationId: number): SlackIdentityGitHub {
  return {
    publicEmail: async (login) => (await deps.github(installationId)).publicEmail(login),
  };
}

function linkOf(pr: StoredPullRequest, slack: SlackSetup): PullRequestLink {
  const url = `${slack.githubWebUrl}/${pr.owner}/${pr.repo}/pull/${pr.number}`;
  return { id: pr.id, owner: pr.owner, repo: pr.repo, number: pr.number, title: pr.title, url };
}

async function sendReminderDm(
  deps: SlackDeps,
  slack: SlackSetup,
  action: Action<"reminder-dm">,
  log: Logger,
) {
  const { reminderKey, login } = action.payload;
  if (!slack.gateway.canDirectMessage) return { skipped: "DMs need SLACK_BOT_TOKEN" };
  const still = await stillDue(deps, action, reminderKey);
  if (!still.due) return { skipped: still.reason };
  const pending = still.planned.reviewers.some(
    (r) => r.type === "user" && r.login.toLowerCase() === login.toLowerCase(),
  );
  if (!pending) return { skipped: "no longer requested" };
  const calendar = personCalendar(still.config, login);
  const now = deps.clock.now();
  if (!isWithinWorkingHours(now, calendar)) {
    // A retry may land after hours: wait for the reviewer's next working window instead.
    const wait = nextWorkingHoursStart(now, calendar).diff(now).as("seconds");
    throw new SlackCallError("outside the reviewer's working hours", 429, Math.ceil(wait));
  }
  const github = lazyGitHub(deps, action.installationId);
  const identity = { store: deps.store, clock: deps.clock, slack: slack.gateway, github };
  const userId = await slackUserFor(identity, still.config, login);
  if (typeof userId !== "string") return { skipped: "no Slack user for this login" };
  const message = renderReminderDm({
    pr: linkOf(still.pr, slack),
    sla: still.planned.sla,
    clock: still.planned.clock,
  });
  const posted = await slack.gateway.postDirectMessage(userId, message);
  log.info({ login, channel: posted.channel }, "reminder_dm.sent");
  return { slackUser: userId, channel: posted.channel, ts: posted.ts };
}

async function sendNudgeDm(
  deps: SlackDeps,
  slack: SlackSetup,
  action: Action<"nudge-dm">,
  log: Logger,
) {
  const { nudgeKey, login } = action.payload;
  if (!slack.gateway.canDirectMessage) return { skipped: "DMs need SLACK_BOT_TOKEN" };
  const still = await stillDue(deps, action, nudgeKey);
  if (!still.due || still.planned.kind !== "nudge") {
    return { skipped: still.due ? "not a nudge" : still.reason };
  }
  const calendar = personCalendar(still.config, login);
  const now = deps.clock.now();
  if (!isWithinWorkingHours(now, calendar)) {
    const wait = nextWorkingHoursStart(now, calendar).diff(now).as("seconds");
    throw new SlackCallError("outside the author's working hours", 429, Math.ceil(wait));
  }
  const github = lazyGitHub(deps, action.installationId);
  const identity = { store: deps.store, clock: deps.clock, slack: slack.gateway, github };
  const userId = await slackUserFor(identity, still.config, login);
  if (typeof userId !== "string") return { skipped: "no Slack user for this login" };
  const message = renderNudgeDm({
    pr: linkOf(still.pr, slack),
    sla: still.planned.sla,
    clock: still.planned.clock,
    threshold: still.planned.threshold,
  });
  const posted = await slack.gateway.postDirectMessage(userId, message);
  log.info({ login, channel: posted.channel }, "nudge_dm.sent");
  return { slackUser: userId, channel: posted.channel, ts: posted.ts };
}

async function sendEscalationAlert(
  deps: SlackDeps,
  slack: SlackSetup,
  action: Action<"escalation-slack">,
  log: Logger,
) {
  const { escalationKey, channel } = action.payload;
  const still = await stillDue(deps, action, escalationKey);
  if (!still.due || still.planned.kind !== "escalation") {
    return { skipped: still.due ? "not an escalation" : still.reason };
  }
  const logins = still.planned.reviewers.flatMap((r) => (r.type === "user" ? [r.login] : []));
  const github = lazyGitHub(deps, action.installationId);
  const identity = { store: deps.store, clock: deps.clock, slack: slack.gateway, github, log };
  const { slackUsers } = await slackUsersFor(identity, still.config, logins, 10);
  const message = renderEscalationAlert({
    pr: linkOf(still.pr, slack),
    sla: still.planned.sla,
    clock: still.planned.clock,
    waitingOn: logins.map((login) => ({ login, slackUserId: slackUsers.get(login) ?? null })),
    targets: still.planned.targets,
  });
  const posted = await slack.gateway.postMessage(channel, message);
  log.info({ channel: posted.channel ?? channel }, "escalation_slack.sent");
  return { channel: posted.channel, ts: posted.ts };
}

/** The Slack executors; without Slack configured they record a skip instead of failing. */
export function slackExecutors<S extends DigestScopeView>(
  deps: SlackDeps,
  slack: SlackSetup | null,
  digests: DigestSource<S>,
) {
  const withSlack =
    <K extends ActionKind>(
      run: (deps: SlackDeps, slack: SlackSetup, action: Action<K>, log: Logger) => Promise<unknown>,
    ): Executor<K> =>
    (action, log) =>
      slack ? run(deps, slack, action, log) : Promise.resolve({ skipped: "Slack not configured" });
  return {
    digest: withSlack<"digest">((d, s, action, log) => digestExecutor(d, s, digests, action, log)),
    "reminder-dm": withSlack(sendReminderDm),
    "nudge-dm": withSlack(sendNudgeDm),
    "escalation-slack": withSlack(sendEscalationAlert),
    "slack-click": withSlack(performClick),
    "slack-reply": withSlack(sendReply),
  };
}
