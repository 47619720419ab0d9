// Which checklist sections a pull request gets: built-in and custom sections merged per the
// config, then kept only when one of the changed files matches their paths.
import { compileGlobs } from "../config/globs.js";
import type { ChecklistConfig } from "../config/checklist.js";
import { resolveSections } from "../config/checklist-sections.js";
import type { ChecklistSection } from "../config/checklist-sections.js";

export { deriveItemId, resolveSections } from "../config/checklist-sections.js";
export type { ChecklistItem, ChecklistSection } from "../config/checklist-sections.js";

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
