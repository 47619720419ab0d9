// The Slack texts of a reminder DM and an escalation alert. Pure; every piece of user-controlled
// text (titles, logins, repository names) goes through `escapeSlack`/`slackLink`, so a title
// like `<!channel>` pings nobody.
import type { Duration } from "luxon";
import type { ClockMode } from "../clock/calendar.js";
import { actionButtons } from "./buttons.js";
import type { SlackMessage } from "./buttons.js";
import { clockModeLabel, formatDuration, truncate } from "../digest/format.js";
import { escapeSlack, slackLink, slackMention } from "../digest/slack-escape.js";

const MAX_TITLE = 150;
const MAX_PEOPLE = 10;

export interface PullRequestLink {
  /** The pull request's GitHub id: what its buttons carry. */
  id: number;
  owner: string;
  repo: string;
  number: number;
  title: string;
  url: string;
}

/** A person to name: a Slack mention when their user is known, else their GitHub login. */
export interface Person {
  login: string;
  slackUserId: string | null;
}

function prLine(pr: PullRequestLink): string {
  const ref = `${pr.owner}/${pr.repo}#${pr.number}`;
  return `${slackLink(pr.url, ref)} ${escapeSlack(truncate(pr.title, MAX_TITLE))}`;
}

function waitPhrase(sla: Duration, clock: ClockMode): string {
  const amount = formatDuration(sla);
  return clock === "calendar" ? amount : `${amount} (${clockModeLabel(clock)})`;
}

function people(list: readonly Person[]): string {
  const shown = list
    .slice(0, MAX_PEOPLE)
    .map((p) => (p.slackUserId ? slackMention(p.slackUserId) : escapeSlack(p.login)));
  const more = list.length > MAX_PEOPLE ? ` and ${list.length - MAX_PEOPLE} more` : "";
  return `${shown.join(", ")}${more}`;
}

function message(fallback: string, lines: string[], pr: PullRequestLink): SlackMessage {
  return {
    text: fallback,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: lines.join("\n") } },
      actionButtons(pr.id, pr.url),
    ],
  };
}

export function renderReminderDm(input: {
  pr: PullRequestLink;
  sla: Duration;
  clock: ClockMode;
}): SlackMessage {
  const ref = escapeSlack(`${input.pr.owner}/${input.pr.repo}#${input.pr.number}`);
  const wait = waitPhrase(input.sla, input.clock);
  return message(
    `Review reminder: ${ref} is waiting for your first review.`,
    [
      `*Review reminder* · ${prLine(input.pr)}`,
      `It has waited more than ${wait} for a first review, past its first-review SLA. ` +
        "Could you take a look, or hand it to someone who can?",
    ],
    input.pr,
  );
}

/** The author's nudge as a DM: answer the requested changes, or merge the approved PR. */
export function renderNudgeDm(input: {
  pr: PullRequestLink;
  sla: Duration;
  clock: ClockMode;
  threshold: "author_response" | "merge";
}): SlackMessage {
  const ref = escapeSlack(`${input.pr.owner}/${input.pr.repo}#${input.pr.number}`);
  const wait = waitPhrase(input.sla, input.clock);
  return input.threshold === "author_response"
    ? message(
        `Your turn: changes were requested on ${ref}.`,
        [
          `*Your turn* · ${prLine(input.pr)}`,
          `Changes were requested more than ${wait} ago. Could you push an update or reply to the review?`,
        ],
        input.pr,
      )
    : message(
        `Ready to merge? ${ref} is approved.`,
        [
          `*Ready to merge?* · ${prLine(input.pr)}`,
          `It was approved more than ${wait} ago and is not merged yet.`,
        ],
        input.pr,
      );
}

export function renderEscalationAlert(input: {
  pr: PullRequestLink;
  sla: Duration;
  clock: ClockMode;
  waitingOn: readonly Person[];
  targets: readonly string[];
}): SlackMessage {
  const ref = escapeSlack(`${input.pr.owner}/${input.pr.repo}#${input.pr.number}`);
  const lines = [
    `:rotating_light: *Escalation* · ${prLine(input.pr)}`,
    `Open more than ${waitPhrase(input.sla, input.clock)} without being merged or getting ` +
      "changes requested, past its resolution SLA.",
  ];
  const who: string[] = [];
  if (input.waitingOn.length > 0) who.push(`Waiting on ${people(input.waitingOn)}`);
  if (input.targets.length > 0) {
    const targets = input.targets.map((t) => ({ login: t, slackUserId: null }));
    who.push(`escalated to ${people(targets)}`);
  }
  if (who.length > 0) lines.push(`${who.join(" · ")}.`);
  return message(`Escalation: ${ref} is past its resolution SLA.`, lines, input.pr);
}
