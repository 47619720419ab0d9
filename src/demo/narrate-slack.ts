// Turns the messages the stand-in Slack received into timeline facts: reminder DMs (with the
// reviewer's local time), escalation alerts, and the weekly digest's headline numbers.
import type { DateTime } from "luxon";
import { isWithinWorkingHours } from "../clock/calendar.js";
import { personCalendar } from "../config/calendar.js";
import type { RepoConfig } from "../config/schema.js";
import { clip } from "./facts.js";
import type { Fact } from "./facts.js";
import type { PostedSlackMessage, StandInSlack } from "./stand-in-slack.js";
import { listOf, recordOf, stringOf } from "./stand-in/http.js";

/** Digest figures added to its one-line summary; the rest is in the message (see --verbose). */
const HEADLINE = [
  "Reminders sent",
  "Escalations sent",
  "Author nudges sent",
  "First human review, median",
];

/** Slack's mrkdwn as plain text: `<url|label>` → label, `<@U1>` → @U1, no bold markers. */
function plainSlack(text: string): string {
  return text
    .replace(/<[^|>]+\|([^>]+)>/g, "$1")
    .replace(/<@([A-Z0-9]+)>/g, "@$1")
    .replace(/\*/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** "label: value" for each metric field of a Block Kit message. */
function metricFields(blocks: unknown): Map<string, string> {
  const fields = new Map<string, string>();
  for (const block of listOf(blocks)) {
    for (const field of listOf(recordOf(block).fields)) {
      const m = /^\*(.+)\*\n(.+?)(?:\s{3}.*)?$/s.exec(stringOf(recordOf(field).text) ?? "");
      if (m?.[1] && m[2]) fields.set(m[1], m[2].trim());
    }
  }
  return fields;
}

/** A Block Kit message as lines of plain text, for --verbose. */
function blockLines(blocks: unknown): string[] {
  return listOf(blocks).flatMap((block) => {
    const b = recordOf(block);
    const own = [stringOf(recordOf(b.text).text)];
    const parts = [...listOf(b.elements), ...listOf(b.fields)];
    const texts = [...own, ...parts.map((part) => stringOf(recordOf(part).text))];
    return texts.flatMap((text) => (text ? [plainSlack(text).replace(/\n/g, ": ")] : []));
  });
}

/** Who a Slack member ID belongs to, per the app's config (`people.<login>.slack`). */
function loginOf(config: RepoConfig, slackId: string): string {
  return Object.entries(config.people).find(([, p]) => p.slack === slackId)?.[0] ?? slackId;
}

/** "#name" in the config, as the message's channel: Slack names carry no "#". */
function channelName(channel: string | undefined): string | undefined {
  return channel?.replace(/^#/, "");
}

function dmFact(message: PostedSlackMessage, at: DateTime, config: RepoConfig): Fact {
  const login = loginOf(config, message.channel.slice(1));
  const calendar = personCalendar(config, login);
  const local = at.setZone(calendar.zone).toFormat("ccc HH:mm");
  const hours = isWithinWorkingHours(at, calendar) ? "in" : "outside";
  const text =
    `→ Slack DM to @${login}, at ${local} ${calendar.zone} (${hours} their working hours): ` +
    `"${clip(plainSlack(message.text), 90)}"`;
  return { at, kind: "slack:dm", text };
}

function digestFact(message: PostedSlackMessage, at: DateTime): Fact {
  const fields = metricFields(message.blocks);
  const numbers = HEADLINE.flatMap((label) => {
    const value = fields.get(label);
    return value === undefined ? [] : [`${label} ${value}`];
  });
  const summary = clip(plainSlack(message.text), 120);
  const text = `→ weekly digest posted to #${message.channel}: "${summary}" ${numbers.join(" · ")}`;
  return { at, kind: "slack:digest", text };
}

function messageFact(message: PostedSlackMessage, at: DateTime, config: RepoConfig): Fact {
  const detail = [message.text, ...blockLines(message.blocks)].join("\n");
  if (message.channel.startsWith("D")) return { ...dmFact(message, at, config), detail };
  if (message.channel === channelName(config.digest.slack_channel))
    return { ...digestFact(message, at), detail };
  const escalations = message.channel === channelName(config.escalation.slack_channel);
  return {
    at,
    kind: escalations ? "slack:escalation" : "slack:other",
    text: `→ Slack ${escalations ? "alert" : "message"} in #${message.channel}: "${clip(plainSlack(message.text), 110)}"`,
    detail,
  };
}

/**
 * Facts for the Slack messages posted from index `from` on, all at `at`, read with the
 * repository's config as the app loaded it (people, channels).
 */
export function slackFacts(
  slack: StandInSlack,
  from: number,
  at: DateTime,
  config: RepoConfig,
): Fact[] {
  return slack.messages.slice(from).map((message) => messageFact(message, at, config));
}
