// Regular expressions written in a repository's config run on RE2 (re2js, pure JavaScript):
// matching takes time linear in the text, so no pattern can stall the process (`(a+)+$`).
// Syntax RE2 cannot run in linear time (backreferences, lookaround) is refused with a reason.
import { RE2JS } from "re2js";

/** A compiled pattern: true when it matches anywhere in the text. */
export interface TextPattern {
  readonly source: string;
  test(text: string): boolean;
}

/** How to fix a pattern RE2 refused, by the construct it refused. */
const REFUSED_HINTS: readonly [RegExp, string][] = [
  [/\(\?<?[=!]/, "lookahead and lookbehind ((?=…), (?!…), (?<=…), (?<!…)) are not supported"],
  [/\\[1-9]|\\k</, "backreferences (\\1, \\k<name>) are not supported"],
];

/** JavaScript flags and their RE2 equivalents; `u` is accepted because RE2 is always Unicode-aware. */
const FLAGS: Record<string, number> = {
  i: RE2JS.CASE_INSENSITIVE,
  m: RE2JS.MULTILINE,
  s: RE2JS.DOTALL,
  u: 0,
};

export function isTextPattern(value: TextPattern | { error: string }): value is TextPattern {
  return "test" in value;
}

/**
 * Compiles `source` with RE2 (`flags` from i, m, s, u), or explains why it cannot run: what
 * RE2 refused and, for the usual cases, what to write instead.
 */
export function compileLinear(source: string, flags: string): TextPattern | { error: string } {
  let bits = 0;
  for (const flag of flags) {
    const bit = FLAGS[flag];
    if (bit === undefined)
      return { error: `flag "${flag}" is not supported; use any of i, m, s, u` };
    bits |= bit;
  }
  try {
    const compiled = RE2JS.compile(source, bits);
    return { source, test: (text) => compiled.matcher(text).find() };
  } catch (error) {
    const hint = REFUSED_HINTS.find(([construct]) => construct.test(source))?.[1];
    const reason = error instanceof Error ? error.message : String(error);
    return {
      error: hint
        ? `not supported by the linear-time (RE2) engine: ${hint}`
        : `not a valid regular expression for the linear-time (RE2) engine (${reason})`,
    };
  }
}
