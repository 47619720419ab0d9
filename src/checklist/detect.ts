// Recognises AI-assisted pull requests from labels, agent authors, commit trailers and the
// PR description, and names the evidence so the checklist can say why it thinks so.
import { compileBodyPattern, escapeRegExp, type ChecklistConfig } from "../config/checklist.js";
import { isTextPattern } from "../config/patterns.js";

export interface PullRequestSignals {
  author: string;
  labels: readonly string[];
  body: string | null;
  commitMessages: readonly string[];
}

export interface AiDetection {
  aiAssisted: boolean;
  /** Plain-text phrases (not Markdown): they contain user text and are escaped when shown. */
  evidence: string[];
}

type Markers = ChecklistConfig["ai_markers"];

/** Long descriptions and lines are cut before matching to bound the work a pattern can do. */
const MAX_BODY_CHARS = 65_536;
const MAX_LINE_CHARS = 1_000;
const MAX_QUOTE_CHARS = 100;

const TRAILER = /^[ \t]*co-authored-by:[ \t]*([^<\r\n]*)/gim;

function quote(text: string): string {
  const chars = [...text.trim()];
  return chars.length <= MAX_QUOTE_CHARS
    ? chars.join("")
    : `${chars.slice(0, MAX_QUOTE_CHARS).join("")}…`;
}

/**
 * "Claude" matches "Claude", "Claude Opus" and "claude[bot]", not "Claudette". The name comes
 * from config but is escaped, so this is a literal with word-boundary checks: linear in V8 too.
 */
function wholeWord(name: string): RegExp {
  const body = name.trim().split(/\s+/).map(escapeRegExp).join("\\s+");
  return new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, "iu");
}

function labelEvidence(labels: readonly string[], markers: readonly string[]): string[] {
  const wanted = new Set(markers.map((label) => label.toLowerCase()));
  return labels.filter((label) => wanted.has(label.toLowerCase())).map((l) => `label "${l}"`);
}

function authorEvidence(author: string, bots: readonly string[]): string[] {
  const login = author.toLowerCase();
  return bots.some((bot) => bot.toLowerCase() === login) ? [`author ${author}`] : [];
}

function trailerEvidence(messages: readonly string[], assistants: readonly string[]): string[] {
  const patterns = assistants.filter((name) => name.trim() !== "").map(wholeWord);
  const names = new Map<string, string>();
  for (const message of messages) {
    for (const match of message.matchAll(TRAILER)) {
      const name = (match[1] ?? "").trim().slice(0, MAX_LINE_CHARS);
      if (name === "" || names.has(name.toLowerCase())) continue;
      if (patterns.some((pattern) => pattern.test(name))) names.set(name.toLowerCase(), name);
    }
  }
  return [...names.values()].map((name) => `commit trailer Co-authored-by: ${quote(name)}`);
}

function bodyEvidence(body: string | null, patterns: readonly string[]): string[] {
  if (body === null || body === "") return [];
  // Compiled with RE2: a pattern from config cannot backtrack (src/config/patterns.ts).
  const compiled = patterns.map(compileBodyPattern).filter(isTextPattern);
  const found = new Set<string>();
  for (const rawLine of body.slice(0, MAX_BODY_CHARS).split(/\r?\n|\r/)) {
    const line = rawLine.slice(0, MAX_LINE_CHARS);
    if (compiled.some((pattern) => pattern.test(line))) found.add(quote(line));
  }
  return [...found].map((line) => `PR description: ${line}`);
}

/** Any one marker is enough; the evidence lists each distinct marker found. */
export function detectAiAssistance(pr: PullRequestSignals, markers: Markers): AiDetection {
  const evidence = [
    ...labelEvidence(pr.labels, markers.labels),
    ...authorEvidence(pr.author, markers.bot_authors),
    ...trailerEvidence(pr.commitMessages, markers.co_authors),
    ...bodyEvidence(pr.body, markers.body_patterns),
  ];
  return { aiAssisted: evidence.length > 0, evidence };
}
