// Reads ticks back from a checklist comment people have edited, and turns them into the
// progress shown by the "Review checklist" check run.

/** A task-list line (`-`, `*`, `+` or `1.` bullet) and the text after its box. */
const TASK_LINE = /^\s*(?:>\s*)*(?:[-*+]|\d{1,9}[.)])\s+\[([ xX])\](.*)$/;
/** The first hidden item marker on the line: item text is escaped, so it cannot fake one. */
const ITEM_MARKER = /<!--\s*item:([A-Za-z0-9][A-Za-z0-9._-]*)\s*-->/;
const MAX_LISTED = 50;

/**
 * Every item found in the body, in order of first appearance, with whether it is ticked.
 * Lines without an item marker are ignored; an item listed twice counts as ticked if either is.
 */
export function parseItems(body: string): Map<string, boolean> {
  const items = new Map<string, boolean>();
  for (const line of body.split(/\r?\n|\r/)) {
    const task = TASK_LINE.exec(line);
    if (!task) continue;
    const id = ITEM_MARKER.exec(task[2] ?? "")?.[1];
    if (id === undefined) continue;
    items.set(id, (items.get(id) ?? false) || task[1] !== " ");
  }
  return items;
}

/** Ids of the items whose box is ticked (`[x]` or `[X]`). */
export function parseTicked(body: string): Set<string> {
  const ticked = new Set<string>();
  for (const [id, isTicked] of parseItems(body)) if (isTicked) ticked.add(id);
  return ticked;
}

export interface ChecklistProgress {
  /** Required items present in the comment. */
  total: number;
  done: number;
  complete: boolean;
  /** Required items present but not ticked, in comment order. */
  missing: string[];
}

/**
 * Progress on the required items the comment shows. Items not in the comment (left out to
 * fit the size limit, or removed by someone who could as well have ticked them) do not count.
 */
export function checklistProgress(body: string, required: ReadonlySet<string>): ChecklistProgress {
  let total = 0;
  const missing: string[] = [];
  for (const [id, ticked] of parseItems(body)) {
    if (!required.has(id)) continue;
    total += 1;
    if (!ticked) missing.push(id);
  }
  const done = total - missing.length;
  return { total, done, complete: missing.length === 0, missing };
}

export interface CheckRunOutput {
  title: string;
  summary: string;
  /** null while required items remain: the check run stays in progress. */
  conclusion: "success" | null;
}

function missingList(missing: readonly string[]): string {
  const shown = missing.slice(0, MAX_LISTED).map((id) => `- \`${id}\``);
  const more = missing.length - shown.length;
  return [...shown, ...(more > 0 ? [`- and ${more} more`] : [])].join("\n");
}

/** Title, summary and conclusion for the "Review checklist" check run. */
export function checkRunOutput(progress: ChecklistProgress): CheckRunOutput {
  if (progress.total === 0) {
    return {
      title: "No required checklist items",
      summary: "The review checklist has no required items for this pull request.",
      conclusion: "success",
    };
  }
  const counts = `${progress.done} of ${progress.total} required items ticked`;
  if (progress.complete) {
    return {
      title: `All ${progress.total} required items ticked`,
      summary: `${counts}. The review checklist is complete.`,
      conclusion: "success",
    };
  }
  return {
    title: counts,
    summary:
      `${counts}. Tick the remaining items in the review checklist comment:\n\n` +
      missingList(progress.missing),
    conclusion: null,
  };
}
