// Renders the digest as Markdown for `review-sla digest --preview`: the same content as the Slack
// message, with every piece of user-controlled text escaped.
import { commandsSentence, waitingSentence } from "./commands.js";
import { escapeMarkdown } from "../comments/escape.js";
import {
  BREACHES_LIST,
  REVIEWER_LOAD_LIST,
  breachSummary,
  clockModeLabel,
  formatDuration,
  formatInstant,
  formatPeriod,
  metricGroups,
  truncate,
  type MetricGroup,
} from "./format.js";
import type { BreachingPullRequest, DigestReport, ReviewerLoadRow } from "./report.js";
import { safeHttpUrl } from "./urls.js";

const MAX_TITLE = 120;
const MAX_NAME = 100;

function safe(text: string, max = MAX_NAME): string {
  return escapeMarkdown(truncate(text, max));
}

/** An http(s) URL fit for `[label](url)`; null for anything else. */
function markdownSafeUrl(url: string): string | null {
  return safeHttpUrl(url, /[()<>\s"`]/g);
}

function metricTable(group: MetricGroup): string[] {
  return [
    `## ${group.title}`,
    "",
    "| Metric | This week | Previous week | Change |",
    "| --- | ---: | ---: | ---: |",
    ...group.rows.map((r) => `| ${r.label} | ${r.current} | ${r.previous} | ${r.change} |`),
    "",
  ];
}

function breachLine(breach: BreachingPullRequest): string {
  const ref = safe(`${breach.owner}/${breach.repo}#${breach.number}`, 2 * MAX_NAME);
  const href = markdownSafeUrl(breach.url);
  const link = href === null ? ref : `[${ref}](${href})`;
  const waiting = breach.waitingOn.map((p) => safe(p.login));
  return (
    `- ${link} ${safe(breach.title, MAX_TITLE)}: ${breachSummary(breach)}, by ${safe(breach.author)}` +
    (waiting.length > 0 ? `, waiting on ${waiting.join(", ")}` : "")
  );
}

function breachList(report: DigestReport): string[] {
  const { items, total } = report.breaching;
  const { heading, order, empty } = BREACHES_LIST;
  if (total === 0) return [`## ${heading}`, "", empty, ""];
  const more = total - items.length;
  return [
    `## ${heading} (${total}, ${order})`,
    "",
    ...items.map(breachLine),
    ...(more > 0 ? [`- …and ${more} more`] : []),
    "",
  ];
}

function loadRow(row: ReviewerLoadRow): string {
  const response = formatDuration(row.responseMedian);
  return `| ${safe(row.login)} | ${row.openRequests} | ${row.reviewsDone} | ${response} |`;
}

function loadTable(report: DigestReport): string[] {
  const { rows, total } = report.reviewerLoad;
  const { heading, order, empty } = REVIEWER_LOAD_LIST;
  if (total === 0) return [`## ${heading}`, "", empty, ""];
  const more = total - rows.length;
  return [
    `## ${heading} (${total}, ${order})`,
    "",
    "| Reviewer | Open requests | Reviews this week | Median response |",
    "| --- | ---: | ---: | ---: |",
    ...rows.map(loadRow),
    ...(more > 0 ? ["", `…and ${more} more reviewers`] : []),
    "",
  ];
}

function footer(report: DigestReport): string[] {
  const lines = [
    `_Durations in ${clockModeLabel(report.clockMode)}; changes are against the previous week. ` +
      `Computed ${formatInstant(report.now, report.zone)}._`,
  ];
  const commands = commandsSentence(report);
  if (commands !== null) lines.push("", `_${commands}_`);
  if (report.unmappedLogins.length > 0) {
    const logins = report.unmappedLogins.map((login) => safe(login)).join(", ");
    lines.push(
      "",
      `_For admins: no Slack user for ${logins}. Add \`people.<login>.slack\` to the config._`,
    );
  }
  return lines;
}

/** The digest as Markdown, for the CLI preview. */
export function renderDigestMarkdown(report: DigestReport): string {
  const lines = [
    `# Review digest: ${safe(report.scopeName)}`,
    "",
    `${formatPeriod(report.period, report.zone)} (${safe(report.zone)})`,
    "",
    ...metricGroups(report).flatMap(metricTable),
    waitingSentence(report),
    "",
    ...breachList(report),
    ...loadTable(report),
    ...footer(report),
  ];
  return `${lines.join("\n")}\n`;
}
