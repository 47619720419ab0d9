// The checklist sections a config defines, with their stable item ids: built-in sections merged
// with the repository's own. Here, not in checklist/, because validating a config needs the ids.
import type { ChecklistConfig, ChecklistSectionConfig } from "./checklist.js";
import { DEFAULT_SECTIONS } from "./checklist-defaults.js";

export interface ChecklistItem {
  /** Stable across pushes and config reloads: ticks are carried over by this id. */
  id: string;
  text: string;
}

export interface ChecklistSection {
  id: string;
  title: string;
  /** Globs of changed files that bring the section; empty = every pull request. */
  paths: string[];
  /** Posted only on AI-assisted pull requests; its items are then always required. */
  aiOnly: boolean;
  items: ChecklistItem[];
}

const MAX_SLUG = 40;

/** FNV-1a, for ids of items whose text has no ASCII letters to slug. */
function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0");
}

/** An id for a custom item written without one; depends on its text, not its position. */
export function deriveItemId(sectionId: string, text: string): string {
  const slug = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, MAX_SLUG)
    .replace(/^-+|-+$/g, "");
  return `${sectionId}.${slug === "" ? shortHash(text) : slug}`;
}

function fromConfig(section: ChecklistSectionConfig): ChecklistSection {
  return {
    id: section.id,
    title: section.title,
    paths: section.paths ?? [],
    aiOnly: section.ai_only,
    items: section.items.map((item) => ({
      id: item.id ?? deriveItemId(section.id, item.text),
      text: item.text,
    })),
  };
}

/** Two items with one id would share one tick; the first keeps it, later copies are dropped. */
function dropDuplicateItems(sections: ChecklistSection[]): ChecklistSection[] {
  const seen = new Set<string>();
  return sections.map((section) => ({
    ...section,
    items: section.items.filter((item) => {
      if (seen.has(item.id)) return false;
      seen.add(item.id);
      return true;
    }),
  }));
}

/**
 * Every section the config can post, in a stable order: built-ins first (a custom section
 * with a built-in's id takes its place), then the other custom sections in config order.
 */
export function resolveSections(config: ChecklistConfig): ChecklistSection[] {
  const custom = config.sections.map(fromConfig);
  if (config.sections_mode === "replace") return dropDuplicateItems(custom);
  const byId = new Map(custom.map((section) => [section.id, section]));
  const merged = DEFAULT_SECTIONS.map((section) => byId.get(section.id) ?? section);
  const builtInIds = new Set(DEFAULT_SECTIONS.map((section) => section.id));
  merged.push(...custom.filter((section) => !builtInIds.has(section.id)));
  return dropDuplicateItems(merged);
}
