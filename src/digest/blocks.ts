// Renders the digest as a Slack Block Kit message within Slack's limits (50 blocks, 3,000
// characters per section, 150 per header), with a plain-text fallback for notifications.
import { commandsSentence, waitingSentence } from "./commands.js";
import {
  BREACHES_LIST,
  REVIEWER_LOAD_LIST,
  breachSummary,
  clockModeLabel,
  formatInstant,
  formatPeriod,
  loadSummary,
  metricGroups,
  truncate,
  type MetricGroup,
} from "./format.js";
import type { BreachingPullRequest, DigestReport, ReviewerLoadRow, WaitingOn } from "./report.js";
import { escapeSlack, plainSlackText, slackLink, slackMention } from "./slack-escape.js";
import { joinBounded, packLines, SLACK_LIMITS } from "./slack-layout.js";

export interface MrkdwnText {
  type: "mrkdwn";
  text: string;
}

export interface PlainText {
  type: "plain_text";
  text: string;
}

export type SlackBlock =
  | { type: "header"; text: PlainText }
  | { type: "section"; text: MrkdwnText; fields?: MrkdwnText[] }
  | { type: "context"; elements: MrkdwnText[] }
  | { type: "divider" };

export interface SlackMessage {
  /** Fallback for notifications and clients that cannot show blocks. */
  text: string;
  blocks: SlackBlock[];
}

/** Bounds on untrusted pieces, so every line has a known maximum length. */
const MAX_TITLE = 120;
const MAX_NAME = 100;
const MAX_URL = 500;
const MAX_WAITING_ON = 5;
/** Header, period, 3 metric sections, the turns line, 2 dividers and the footer leave 41 of 50. */
const BREACH_SECTIONS = 20;
const LOAD_SECTIONS = 10;

const mrkdwn = (text: string): MrkdwnText => ({ type: "mrkdwn", text });
const section = (text: string): SlackBlock => ({ type: "section", text: mrkdwn(text) });
const divider: SlackBlock = { type: "divider" };

/** User-controlled text, bounded and escaped. */
function safe(text: string, max = MAX_NAME): string {
  return escapeSlack(truncate(text, max));
}

function metricSection(group: MetricGroup): SlackBlock {
  const fields = group.rows
    .slice(0, SLACK_LIMITS.fieldsPerSection)
    .map((row) => mrkdwn(`*${row.label}*\n${row.current}${row.change ? `   ${row.change}` : ""}`));
  return { type: "section", text: mrkdwn(`*${group.title}*`), fields };
}

function waitingOnText(people: readonly WaitingOn[]): string {
  if (people.length === 0) return "";
  const names = people
    .slice(0, MAX_WAITING_ON)
    .map((p) => (p.slackUserId === null ? safe(p.login) : slackMention(p.slackUserId)));
  const more = people.length > MAX_WAITING_ON ? ` +${people.length - MAX_WAITING_ON}` : "";
  return ` · waiting on ${names.join(", ")}${more}`;
}

function breachLine(breach: BreachingPullRequest): string {
  const ref = `${truncate(breach.owner, MAX_NAME)}/${truncate(breach.repo, MAX_NAME)}#${breach.number}`;
  const link = slackLink(breach.url.length <= MAX_URL ? breach.url : "", ref);
  return (
    `• ${link} ${safe(breach.title, MAX_TITLE)} — ${breachSummary(breach)}` +
    ` · by ${safe(breach.author)}${waitingOnText(breach.waitingOn)}`
  );
}

/** A list as sections: its heading, the lines that fit, then "…and N more" for the rest. */
function listSections(
  list: {
    heading: string;
    order: string;
    empty: string;
    lines: string[];
    total: number;
    maxSections: number;
  },
  more: (n: number) => string,
): SlackBlock[] {
  if (list.total === 0) return [section(`*${list.heading}*\n${list.empty}`)];
  const packed = packLines(`*${list.heading}* (${list.total}, ${list.order})`, list.lines, {
    hidden: list.total - list.lines.length,
    maxTexts: list.maxSections,
    maxChars: SLACK_LIMITS.sectionText,
    more,
  });
  return packed.texts.map(section);
}

function breachSections(report: DigestReport): SlackBlock[] {
  const { items, total } = report.breaching;
  const lines = items.map(breachLine);
  const list = { ...BREACHES_LIST, lines, total, maxSections: BREACH_SECTIONS };
  return listSections(list, (n) => `…and ${n} more`);
}

function loadLine(row: ReviewerLoadRow): string {
  return `• ${safe(row.login)} — ${loadSummary(row)}`;
}

function loadSections(report: DigestReport): SlackBlock[] {
  const { rows, total } = report.reviewerLoad;
  const lines = rows.map(loadLine);
  const list = { ...REVIEWER_LOAD_LIST, lines, total, maxSections: LOAD_SECTIONS };
  return listSections(list, (n) => `…and ${n} more reviewers`);
}

function footer(report: DigestReport): SlackBlock {
  const elements = [
    mrkdwn(
      `Durations in ${clockModeLabel(report.clockMode)} (${safe(report.zone)}); changes are ` +
        `against the previous week. Computed ${safe(formatInstant(report.now, report.zone))}.`,
    ),
  ];
  const commands = commandsSentence(report);
  if (commands !== null) elements.push(mrkdwn(commands));
  if (report.unmappedLogins.length > 0) {
    const prefix = "For admins: no Slack user for ";
    const suffix = ". Add `people.&lt;login&gt;.slack` to the config.";
    const room = SLACK_LIMITS.contextText - prefix.length - suffix.length;
    const logins = report.unmappedLogins.map((login) => safe(login));
    elements.push(mrkdwn(`${prefix}${joinBounded(logins, room)}${suffix}`));
  }
  return { type: "context", elements };
}

function fallbackText(report: DigestReport): string {
  const { current, breaching } = report;
  return escapeSlack(
    `Review digest for ${truncate(report.scopeName, MAX_NAME)}, ` +
      `${formatPeriod(report.period, report.zone)}: ${current.opened} opened, ` +
      `${current.merged} merged, ${breaching.total} breaching an SLA now.`,
  );
}

/** The digest as a Slack message: at most 50 blocks, every text within Slack's limits. */
export function renderDigestBlocks(report: DigestReport): SlackMessage {
  const title = truncate(
    `Review digest: ${plainSlackText(report.scopeName)}`,
    SLACK_LIMITS.headerText,
  );
  const blocks: SlackBlock[] = [
    { type: "header", text: { type: "plain_text", text: title } },
    {
      type: "context",
      elements: [mrkdwn(`*${formatPeriod(report.period, report.zone)}* (${safe(report.zone)})`)],
    },
    ...metricGroups(report).map(metricSection),
    section(waitingSentence(report)),
    divider,
    ...breachSections(report),
    divider,
    ...loadSections(report),
    footer(report),
  ];
  return { text: fallbackText(report), blocks };
}
