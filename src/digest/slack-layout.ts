// Fits lists into Slack's limits: lines are packed into as few section texts as possible, and
// what does not fit the block budget is summarised in a closing "…and N more" line.
export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  headerText: 150,
  fieldText: 2000,
  fieldsPerSection: 10,
  contextText: 2000,
} as const;

/** Joins lines into texts of at most `maxChars`; null when a single line is longer. */
function fillTexts(lines: readonly string[], maxChars: number): string[] | null {
  const texts: string[] = [];
  let current: string | null = null;
  for (const line of lines) {
    if (line.length > maxChars) return null;
    if (current === null) current = line;
    else if (current.length + 1 + line.length <= maxChars) current = `${current}\n${line}`;
    else {
      texts.push(current);
      current = line;
    }
  }
  if (current !== null) texts.push(current);
  return texts;
}

export interface PackedList {
  texts: string[];
  shown: number;
}

/**
 * Packs `heading` and as many leading `lines` as fit into at most `maxTexts` texts of at most
 * `maxChars`; `hidden` more items exist beyond `lines`, and `more(n)` words the closing line.
 */
export function packLines(
  heading: string,
  lines: readonly string[],
  options: { hidden: number; maxTexts: number; maxChars: number; more: (n: number) => string },
): PackedList {
  for (let shown = lines.length; shown >= 0; shown -= 1) {
    const notShown = lines.length - shown + options.hidden;
    const candidate = [heading, ...lines.slice(0, shown)];
    if (notShown > 0) candidate.push(options.more(notShown));
    const texts = fillTexts(candidate, options.maxChars);
    if (texts !== null && texts.length <= options.maxTexts) return { texts, shown };
  }
  return { texts: [heading.slice(0, options.maxChars)], shown: 0 };
}

/** Joins items with ", " into at most `maxChars`, ending with "and N more" when cut. */
export function joinBounded(items: readonly string[], maxChars: number): string {
  for (let shown = items.length; shown > 0; shown -= 1) {
    const rest = items.length - shown;
    const text = items.slice(0, shown).join(", ") + (rest > 0 ? ` and ${rest} more` : "");
    if (text.length <= maxChars) return text;
  }
  return items.length === 0 ? "" : `${items.length} logins`;
}
