// Makes user-controlled text (titles, branch names, logins, repo names) safe in Slack mrkdwn:
// no mentions, no links, no broadcast pings. Formatting characters (*, _, ~, `) are kept: they
// can style text but cannot ping anyone or link anywhere.
import { safeHttpUrl } from "./urls.js";

const ZERO_WIDTH_SPACE = "\u200b";
const LINE_BREAKS = /[\r\n\t\u2028\u2029]+/g;
/** Control (Cc) and invisible format (Cf) characters: zero-width, bidi overrides, BOM. */
const INVISIBLE = /[\p{Cc}\p{Cf}]/gu;
/** `@` before a name: `@here`, `@channel`, `@everyone`, or a user when names are linked. */
const AT_NAME = /@(?=[\p{L}\p{N}_])/gu;

/** Text for a `plain_text` object (headers): one line, no controls, no `@name` or `<!…>`. */
export function plainSlackText(text: string): string {
  return text
    .replace(LINE_BREAKS, " ")
    .replace(INVISIBLE, "")
    .replace(AT_NAME, `@${ZERO_WIDTH_SPACE}`)
    .replace(/<(?=[!@#])/g, `<${ZERO_WIDTH_SPACE}`);
}

/**
 * Escapes `&`, `<`, `>`; breaks `@name`, `<!…>` and `scheme://` (which Slack would auto-link)
 * with a zero-width space; drops controls.
 */
export function escapeSlack(text: string): string {
  return plainSlackText(text)
    .replace(/:\/\//g, `:${ZERO_WIDTH_SPACE}//`)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
}

/** An http(s) URL fit for `<url|label>`: characters Slack reads as delimiters are encoded. */
export function slackSafeUrl(url: string): string | null {
  return safeHttpUrl(url, /[<>|\s"`]/g)?.replace(/&/g, "&amp;") ?? null;
}

/** A Slack link with an escaped label; just the label when the URL is not http(s). */
export function slackLink(url: string, label: string): string {
  const text = escapeSlack(label).trim() || escapeSlack(url);
  const href = slackSafeUrl(url);
  return href === null ? text : `<${href}|${text}>`;
}

/** A mention of a Slack user; the ID must already be validated (see `slackDirectory`). */
export function slackMention(slackUserId: string): string {
  return `<@${slackUserId}>`;
}
