// CODEOWNERS, read the way GitHub reads it: gitignore-style patterns, the last matching rule
// wins for each file. Used to prefer reviewers who own the paths a pull request changes.
import { compileGlobs } from "../config/globs.js";

export interface CodeownersRule {
  pattern: string;
  /** Owners as written (`@user`, `@org/team`, or an email), lowercased; may be empty. */
  owners: string[];
  matches: (path: string) => boolean;
}

/**
 * Turns a CODEOWNERS pattern into a path predicate. A leading `/` or a `/` inside the pattern
 * anchors it at the repository root; otherwise it matches at any depth. A trailing `/` matches
 * only a directory (everything below it); without one the pattern matches a file of that name
 * or a directory and everything below it — except `dir/*`, which GitHub documents as matching
 * only the files directly in `dir`. `*` stays within one path segment, `**` crosses them.
 */
export function compilePattern(pattern: string): (path: string) => boolean {
  const directoryOnly = pattern.endsWith("/");
  const body = pattern
    .replace(/^\//, "")
    .replace(/\/+$/, "")
    .replace(/[[\]]/g, (ch) => `\\${ch}`);
  const anchored = pattern.startsWith("/") || body.includes("/");
  const base = anchored ? body : `**/${body}`;
  const below = `${base}/**/*`;
  const shallow = body === "*" || body.endsWith("/*");
  const globs = directoryOnly ? [below] : shallow ? [base] : [base, below];
  // gitignore has no braces; RE2 keeps matching linear whatever the repository's patterns.
  const matches = compileGlobs(globs);
  return (path) => matches(path.replace(/^\/+/, ""));
}

/** Splits a line into its pattern and owners, dropping a trailing `# comment`. */
function tokens(line: string): string[] {
  const words = line.trim().split(/\s+/).filter(Boolean);
  const comment = words.findIndex((word) => word.startsWith("#"));
  return comment === -1 ? words : words.slice(0, comment);
}

/** Parses CODEOWNERS text into rules in file order; comments, blank and `!` lines are skipped. */
export function parseCodeowners(text: string): CodeownersRule[] {
  const rules: CodeownersRule[] = [];
  for (const line of text.split(/\r?\n/)) {
    const [pattern, ...owners] = tokens(line);
    if (pattern === undefined || pattern.startsWith("!")) continue;
    rules.push({
      pattern,
      owners: owners.map((owner) => owner.toLowerCase()),
      matches: compilePattern(pattern),
    });
  }
  return rules;
}

/** Everyone owning at least one of `files`: per file, only the last matching rule counts. */
export function ownersOf(rules: readonly CodeownersRule[], files: readonly string[]): Set<string> {
  const owners = new Set<string>();
  for (const file of files) {
    const rule = rules.findLast((candidate) => candidate.matches(file));
    for (const owner of rule?.owners ?? []) owners.add(owner);
  }
  return owners;
}
