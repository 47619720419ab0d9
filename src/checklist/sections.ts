// Which checklist sections a pull request gets: built-in and custom sections merged per the
// config, then kept only when one of the changed files matches their paths.
import { compileGlobs } from "../config/globs.js";
import type { ChecklistConfig, ChecklistSectionConfig } from "../config/checklist.js";
import { DEFAULT_SECTIONS } from "./defaults.js";

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

type Matcher = (path: string) => boolean;

/**
 * Compiled once per glob list: the lists survive `resolveSections` (which copies sections, not
 * their paths), so repeated calls with one parsed config or the built-ins reuse the matcher.
 */
const matchers = new WeakMap<readonly string[], Matcher>();

function matcherFor(paths: readonly string[]): Matcher {
  let matcher = matchers.get(paths);
  if (!matcher) {
    // Globs come from the repository's config and paths from its PRs: RE2 keeps matching linear.
    matcher = compileGlobs(paths, { nocase: true, braces: true });
    matchers.set(paths, matcher);
  }
  return matcher;
}

/** True when the section applies to a pull request changing these files. */
export function sectionMatches(section: ChecklistSection, files: readonly string[]): boolean {
  if (section.paths.length === 0) return true;
  const matches = matcherFor(section.paths);
  return files.some((file) => matches(file));
}

/**
 * The sections to post for a pull request: always-on sections, sections whose paths match at
 * least one changed file, and AI-only sections when the PR looks AI-assisted. Sections left
 * without items are dropped.
 */
export function selectSections(
  files: readonly string[],
  config: ChecklistConfig,
  aiAssisted: boolean,
): ChecklistSection[] {
  return resolveSections(config).filter(
    (section) =>
      section.items.length > 0 && (aiAssisted || !section.aiOnly) && sectionMatches(section, files),
  );
}
