// Renders the review checklist comment: a hidden marker, the AI evidence, and one task-list
// line per item carrying its id, kept under GitHub's comment size limit whatever the input.
import { escapeMarkdown } from "../comments/escape.js";
import { marker } from "../comments/markers.js";
import type { ChecklistSection } from "./sections.js";

export interface ChecklistRenderInput {
  prNumber: number;
  sections: readonly ChecklistSection[];
  /** Plain-text phrases from `detectAiAssistance`; empty when the PR does not look AI-assisted. */
  aiEvidence: readonly string[];
  ticked: ReadonlySet<string>;
  required: ReadonlySet<string>;
  fileCount: number;
}

/** GitHub rejects comments over 65,536 characters; the rest is head-room. */
export const MAX_BODY_CHARS = 65_000;
/** Kept free for the truncation note, which is added after the budget is spent. */
const NOTE_RESERVE = 400;
const MAX_TEXT_CHARS = 500;
const MAX_TITLE_CHARS = 200;
const MAX_EVIDENCE_CHARS = 200;
const MAX_EVIDENCE_LINES = 10;
/** Count of changed files from which the comment suggests splitting the pull request. */
const LARGE_PR_FILES = 1_000;
const ITEM_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Escapes user-controlled text after cutting it to a length, without splitting characters. */
function safeText(text: string, maxChars: number): string {
  // A code point takes at most two code units, so this head holds maxChars code points or all.
  const head = [...text.slice(0, maxChars * 2)];
  if (head.length <= maxChars && text.length <= maxChars * 2) return escapeMarkdown(text);
  return escapeMarkdown(`${head.slice(0, maxChars).join("")}…`);
}

/** `- [ ] text <!-- item:ID -->`; ids are checked because they are written unescaped. */
export function itemLine(
  item: { id: string; text: string },
  ticked: boolean,
  required: boolean,
): string {
  if (!ITEM_ID.test(item.id)) throw new Error(`checklist item id "${item.id}" is not a plain id`);
  const flag = required ? "**required** · " : "";
  return `- [${ticked ? "x" : " "}] ${flag}${safeText(item.text, MAX_TEXT_CHARS)} <!-- item:${item.id} -->`;
}

function evidenceLines(evidence: readonly string[]): string[] {
  if (evidence.length === 0) return [];
  const shown = evidence.slice(0, MAX_EVIDENCE_LINES);
  const lines = [
    "**This pull request looks AI-assisted**, so its AI-specific items are required. Evidence:",
    ...shown.map((phrase) => `- ${safeText(phrase, MAX_EVIDENCE_CHARS)}`),
  ];
  const more = evidence.length - shown.length;
  if (more > 0) lines.push(`- and ${more} more`);
  return [...lines, ""];
}

/** Only large pull requests mention their size: a count that changes on every push would. */
function sizeHint(fileCount: number): string {
  if (fileCount < LARGE_PR_FILES) return "";
  return ` It changes ${fileCount} files; smaller pull requests are easier to review well.`;
}

function introLines(input: ChecklistRenderInput): string[] {
  return [
    marker("checklist", { pr: String(input.prNumber) }),
    "## Review checklist",
    "",
    ...evidenceLines(input.aiEvidence),
    "Tailored to the files this pull request changes. Tick items as you review: the " +
      "**Review checklist** check passes when every item marked **required** is ticked. New " +
      "commits update this comment in place and keep your ticks." +
      sizeHint(input.fileCount),
  ];
}

/** Lines appended while a character budget lasts; the first line that does not fit ends it. */
class BoundedLines {
  readonly lines: string[] = [];
  private length = 0;
  constructor(private readonly budget: number) {}

  tryAdd(...lines: string[]): boolean {
    const size = lines.reduce((sum, line) => sum + line.length + 1, 0);
    if (this.length + size > this.budget) return false;
    this.lines.push(...lines);
    this.length += size;
    return true;
  }
}

function omissionNote(items: number, sections: number): string {
  const what = items === 1 ? "1 more item" : `${items} more items`;
  const where = sections > 0 ? ` (${sections} whole sections among them)` : "";
  return (
    `_${what}${where} not shown: the checklist was shortened to fit GitHub's comment size ` +
    "limit. Items not shown are not required._"
  );
}

/** Adds sections and their items until the budget is spent; returns what was left out. */
function addSections(out: BoundedLines, input: ChecklistRenderInput): string | null {
  let omittedItems = 0;
  let omittedSections = 0;
  let full = false;
  for (const section of input.sections) {
    const lines = section.items.map((item) =>
      itemLine(item, input.ticked.has(item.id), input.required.has(item.id)),
    );
    const heading = ["", `### ${safeText(section.title, MAX_TITLE_CHARS)}`];
    if (full || lines.length === 0 || !out.tryAdd(...heading, lines[0] ?? "")) {
      full = full || lines.length > 0;
      omittedItems += lines.length;
      omittedSections += lines.length > 0 ? 1 : 0;
      continue;
    }
    for (const [index, line] of lines.entries()) {
      if (index === 0) continue;
      if (full || !out.tryAdd(line)) {
        full = true;
        omittedItems += 1;
      }
    }
  }
  return omittedItems > 0 ? omissionNote(omittedItems, omittedSections) : null;
}

/** The whole comment body; never longer than `MAX_BODY_CHARS`. */
export function renderChecklist(input: ChecklistRenderInput): string {
  const out = new BoundedLines(MAX_BODY_CHARS - NOTE_RESERVE);
  for (const line of introLines(input)) {
    if (!out.tryAdd(line)) break;
  }
  if (input.sections.every((section) => section.items.length === 0)) {
    out.tryAdd("", "_No checklist items apply to the files this pull request changes._");
  }
  const note = addSections(out, input);
  const lines = note === null ? out.lines : [...out.lines, "", note];
  return `${lines.join("\n")}\n`;
}
