// Which checklist sections a pull request gets: built-in and custom sections merged per the
// config, then kept only when one of the changed files matches their paths.
import picomatch from "picomatch";
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
    // Plain regexes: GitHub reports POSIX paths, so picomatch's per-call normalisation is
    // only overhead (it made matching thousands of files several times slower).
    const patterns = paths.map((glob) => picomatch.makeRe(glob, { dot: true, nocase: true }));
    matcher = (path) => patterns.some((pattern) => pattern.test(path));
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
