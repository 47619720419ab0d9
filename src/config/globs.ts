// Path globs from a repository (checklist section paths, CODEOWNERS) compiled for RE2: matching
// is linear in the path, where a backtracking engine can take minutes on `*a*a*a*a*a*a*b`.
import { RE2JS } from "re2js";

export interface GlobOptions {
  nocase?: boolean;
  /** `{a,b}` alternatives (CODEOWNERS, like gitignore, has none). */
  braces?: boolean;
}

const SPECIAL = /[\\^$.|+()[\]{}*?]/;

/** One class `[...]`, `[!...]` or `[^...]` starting at `at`, as RE2 source, or null if unclosed. */
function charClass(glob: string, at: number): { source: string; end: number } | null {
  const close = glob.indexOf("]", at + 2);
  if (close === -1) return null;
  let inner = glob.slice(at + 1, close);
  const negated = inner.startsWith("!") || inner.startsWith("^");
  if (negated) inner = inner.slice(1);
  const body = inner.replace(/[\\[\]^]/g, (ch) => `\\${ch}`);
  return { source: `[${negated ? "^" : ""}${body}${negated ? "/" : ""}]`, end: close + 1 };
}

/** `**` standing for whole segments: `**\/`, `/**` or the whole glob. */
function globstar(glob: string, i: number): { source: string; end: number } | null {
  if (!glob.startsWith("**", i)) return null;
  const segmentStart = i === 0 || glob[i - 1] === "/";
  const after = glob[i + 2];
  if (!segmentStart) return null;
  if (after === "/") return { source: "(?:[^/]*(?:/[^/]*)*/)?", end: i + 3 };
  if (after === undefined) return { source: ".*", end: i + 2 };
  return null;
}

/** A character outside classes and braces as RE2 source. */
function plainChar(ch: string): string {
  if (ch === "*") return "[^/]*";
  if (ch === "?") return "[^/]";
  return SPECIAL.test(ch) ? `\\${ch}` : ch;
}

const BRACE_SOURCE = { open: "(?:", alt: "|", close: ")" } as const;

/** What a character does for `{a,b}` alternatives, at the given nesting depth. */
function braceRole(ch: string, braces: boolean, depth: number): keyof typeof BRACE_SOURCE | null {
  if (!braces) return null;
  if (ch === "{") return "open";
  if (ch === "," && depth > 0) return "alt";
  if (ch === "}" && depth > 0) return "close";
  return null;
}

/** Translates a glob to RE2 source: `*` within a segment, `?` one character, `**` any depth. */
function translate(glob: string, options: GlobOptions): string {
  let out = "";
  let depth = 0;
  for (let i = 0; i < glob.length;) {
    const ch = glob[i] ?? "";
    const star = globstar(glob, i);
    const cls = ch === "[" ? charClass(glob, i) : null;
    if (star) {
      // `a/**` also matches `a` itself, as in picomatch.
      if (star.source === ".*" && out.endsWith("/")) out = `${out.slice(0, -1)}(?:/.*)?`;
      else out += star.source;
      i = star.end;
      continue;
    }
    if (cls) {
      out += cls.source;
      i = cls.end;
      continue;
    }
    if (ch === "\\" && i + 1 < glob.length) {
      const next = glob[i + 1] ?? "";
      out += SPECIAL.test(next) ? `\\${next}` : next;
      i += 2;
      continue;
    }
    const role = braceRole(ch, options.braces === true, depth);
    depth += role === "open" ? 1 : role === "close" ? -1 : 0;
    out += role ? BRACE_SOURCE[role] : plainChar(ch);
    i += 1;
  }
  return depth > 0 ? translate(glob.replace(/[{}]/g, "\\$&"), options) : out;
}

/**
 * A predicate true when the whole path matches one of the globs; linear time in the path. The
 * globs share one automaton, so a list costs one pass per path, not one per glob.
 */
export function compileGlobs(
  globs: readonly string[],
  options: GlobOptions = {},
): (path: string) => boolean {
  if (globs.length === 0) return () => false;
  const flags = options.nocase ? RE2JS.CASE_INSENSITIVE : 0;
  const alternatives = globs.map((glob) => `(?:${translate(glob, options)})`).join("|");
  const compiled = RE2JS.compile(`^(?:${alternatives})$`, flags);
  return (path) => compiled.matches(path);
}
