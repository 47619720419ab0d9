// The Slack side of a button click: the clicking Slack user becomes a GitHub login (configured
// `people.<login>.slack` first, then the identity cache filled by email lookups), and the click
// becomes a `pr-command`; an unmapped user gets an ephemeral explanation. Then the answer: the
// message updated in place, or an ephemeral line, from the command's `slack-reply`.
import type { Logger } from "pino";
import type { Command } from "../commands/parse.js";
import type { RepoConfig } from "../config/schema.js";
import type { Action } from "../outbox/catalogue.js";
import { enqueue } from "../outbox/enqueue.js";
import { escapeSlack } from "../digest/slack-escape.js";
import type { SlackButton, SlackMessage } from "./buttons.js";
import type { SlackDeps } from "./deps.js";
import type { SlackSetup } from "./setup.js";

type SlackMessageRef = Action<"slack-reply">["payload"]["message"];

const COMMANDS: Record<SlackButton, Command> = {
  claim: { name: "claim" },
  reassign: { name: "reassign", to: null },
  "snooze-2h": { name: "snooze", span: { type: "for", text: "2h" } },
  "snooze-tomorrow": { name: "snooze", span: { type: "next-working-day" } },
  "snooze-1d": { name: "snooze", span: { type: "for", text: "1d" } },
};

export const UNMAPPED_TEXT =
  "review-sla does not know your GitHub login, so it cannot act for you. Ask an admin to add " +
  "`slack: <your Slack member ID>` under `people.<your login>` in .github/review-sla.yml.";

/** `people.<login>.slack` naming this Slack user, if any. */
function configuredLogin(config: RepoConfig, slackUserId: string): string | null {
  for (const [login, person] of Object.entries(config.people))
    if (person.slack?.trim() === slackUserId) return login;
  return null;
}

export async function performClick(
  deps: SlackDeps,
  slack: SlackSetup,
  action: Action<"slack-click">,
  log: Logger,
) {
  const { userId, button, message } = action.payload;
  const pr =
    action.pullRequestId === null ? null : await deps.store.pulls.get(action.pullRequestId);
  const repository = pr ? await deps.store.repos.get(pr.repositoryId) : null;
  if (!pr || !repository) {
    if (message.responseUrl)
      await slack.gateway.respondEphemeral(
        message.responseUrl,
        "This pull request is not tracked any more.",
      );
    return { skipped: "pull request unknown" };
  }
  const { config } = deps.configs.resolve(repository.configJson);
  const login =
    configuredLogin(config, userId) ?? (await deps.store.commands.loginForSlackUser(userId));
  if (login === null) {
    if (message.responseUrl)
      await slack.gateway.respondEphemeral(message.responseUrl, UNMAPPED_TEXT);
    log.info({ slackUser: userId }, "slack.click_unmapped");
    return { unmapped: userId };
  }
  await enqueue(
    deps.store,
    "pr-command",
    {
      owner: pr.owner,
      repo: pr.repo,
      number: pr.number,
      login,
      command: COMMANDS[button],
      problem: null,
      source: { type: "slack", message },
      ref: `slack:${action.key}`,
    },
    { installationId: pr.installationId, pullRequestId: pr.id, dueAt: deps.clock.now() },
  );
  log.info({ login, button }, "slack.click_mapped");
  return { login, button };
}

/** The clicked message without its buttons, with the outcome line added. */
export function outcomeMessage(message: SlackMessageRef, outcome: string): SlackMessage {
  const original = message.original;
  const sections = (original?.sections ?? []).map((section) => ({
    type: "section" as const,
    text: { type: "mrkdwn" as const, text: section },
  }));
  return {
    text: original ? `${original.text}\n${outcome}` : outcome,
    blocks: [
      ...sections,
      {
        type: "context",
        elements: [{ type: "mrkdwn", text: `:white_check_mark: ${escapeSlack(outcome)}` }],
      },
    ],
  };
}

export async function sendReply(
  _deps: SlackDeps,
  slack: SlackSetup,
  action: Action<"slack-reply">,
  log: Logger,
) {
  const { message, mode, text } = action.payload;
  if (mode === "ephemeral") {
    if (!message.responseUrl) return { skipped: "no response_url" };
    await slack.gateway.respondEphemeral(message.responseUrl, text);
    return { ephemeral: true };
  }
  // The buttons go; the message keeps its own words (and the PR link), and says what was done.
  await slack.gateway.updateMessage(message.channel, message.ts, outcomeMessage(message, text));
  log.info({ channel: message.channel }, "slack.message_updated");
  return { updated: message.ts };
}
