// Neutralises user-controlled text before it is echoed into a GitHub comment.
// GitHub renders Markdown and turns `@login`, `@org/team` and `#123` into pings and links;
// a zero-width joiner after `@`/`#` keeps the text readable while preventing both.

const ZERO_WIDTH_JOINER = "\u200d";
/**
 * Bidi embeddings, overrides and isolates (U+202A–202E, U+2066–2069), direction marks (U+200E,
 * U+200F) and NUL: they can make text read differently from what it says (or break a write).
 */
// eslint-disable-next-line no-control-regex -- NUL is one of the characters removed
const UNSAFE_CONTROLS = /[\u0000\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Drops the characters above; everything else is kept as written. */
export function stripUnsafeControls(text: string): string {
  return text.replace(UNSAFE_CONTROLS, "");
}

const MARKDOWN_SPECIALS = /[\\`*_{}[\]()<>#+\-!|~]/g;

/** Escapes text for inline use in Markdown: no formatting, links, HTML, mentions or references. */
export function escapeMarkdown(text: string): string {
  return stripUnsafeControls(text)
    .replace(/\r?\n|\r/g, " ")
    .replace(MARKDOWN_SPECIALS, (ch) => `\\${ch}`)
    .replace(/@/g, `@${ZERO_WIDTH_JOINER}`)
    .replace(/&/g, "&amp;");
}

/** Escapes text for use inside an inline code span, which GitHub never parses for mentions. */
export function inlineCode(text: string): string {
  const clean = stripUnsafeControls(text)
    .replace(/\r?\n|\r/g, " ")
    .replace(/`/g, "'");
  return `\`${clean}\``;
}
