// Neutralises user-controlled text before it is echoed into a GitHub comment.
// GitHub renders Markdown and turns `@login`, `@org/team` and `#123` into pings and links;
// a zero-width joiner after `@`/`#` keeps the text readable while preventing both.

const ZERO_WIDTH_JOINER = "\u200d";
const MARKDOWN_SPECIALS = /[\\`*_{}[\]()<>#+\-!|~]/g;

/** Escapes text for inline use in Markdown: no formatting, links, HTML, mentions or references. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r?\n|\r/g, " ")
    .replace(MARKDOWN_SPECIALS, (ch) => `\\${ch}`)
    .replace(/@/g, `@${ZERO_WIDTH_JOINER}`)
    .replace(/&/g, "&amp;");
}

/** Escapes text for use inside an inline code span, which GitHub never parses for mentions. */
export function inlineCode(text: string): string {
  const clean = text.replace(/\r?\n|\r/g, " ").replace(/`/g, "'");
  return `\`${clean}\``;
}
