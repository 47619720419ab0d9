// Turns a parsed config file (unknown) into a RepoConfig, or into messages a user can act on:
// "path: expected …, found …". An invalid file is ignored as a whole and the defaults apply.
import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import { configKeys, knownKeysAt } from "./reference.js";
import { configSchema, defaultConfig, type RepoConfig } from "./schema.js";
import { semanticProblems } from "./semantics.js";
import { yamlErrorOffset } from "./yaml-errors.js";
import { configSizeProblem, utf8Bytes } from "./limits.js";

type Path = readonly PropertyKey[];

interface Problem {
  path: Path;
  message: string;
  /** The message names its own location (unknown keys). */
  located?: boolean;
}

const TYPE_NAMES: Record<string, string> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  array: "a list",
  object: "a mapping (key: value)",
  record: "a mapping (key: value)",
};

/** Wording for issues whose schema gave no message of its own. */
function expectation(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case "invalid_type":
      return `expected ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case "too_small":
      return issue.origin === "array"
        ? `expected at least ${issue.minimum} item(s)`
        : `expected at least ${issue.minimum}`;
    case "too_big":
      return issue.origin === "array"
        ? `expected at most ${issue.maximum} item(s)`
        : `expected at most ${issue.maximum}`;
    case "invalid_value":
      return `expected one of ${issue.values.map((value) => JSON.stringify(value)).join(", ")}`;
    case "invalid_union":
      return "expected one of the accepted forms";
    default:
      return undefined;
  }
}

function show(value: unknown): string {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "object":
      return value instanceof Date ? value.toISOString() : JSON.stringify(value);
    case "number":
    case "boolean":
    case "bigint":
      return String(value);
    default:
      return typeof value;
  }
}

/** A value as it appears in a message: short, on one line. */
function compact(value: unknown): string {
  let text: string;
  try {
    text = show(value);
  } catch {
    text = "a self-referencing value";
  }
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

function formatPath(path: Path): string {
  return path
    .map((segment, index) => {
      if (typeof segment === "number") return `[${segment}]`;
      return index === 0 ? String(segment) : `.${String(segment)}`;
    })
    .join("");
}

/** Optimal string alignment distance: edits, with a swap of neighbours counting as one. */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number) => rows[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, at(i - 2, j - 2) + 1);
      }
      const row = rows[i];
      if (row) row[j] = best;
    }
  }
  return at(a.length, b.length);
}

function closestKey(key: string, candidates: readonly string[]): string | undefined {
  const wanted = key.toLowerCase().replace(/-/g, "_");
  const limit = Math.max(1, Math.min(3, Math.floor(wanted.length / 4)));
  let best: { name: string; distance: number } | undefined;
  for (const name of candidates) {
    const distance = editDistance(wanted, name);
    if (distance <= limit && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

function unknownKeyMessage(parent: Path, key: string): string {
  const near = closestKey(key, knownKeysAt(parent));
  const hint =
    near === undefined
      ? configKeys().find((known) => known.name === key.toLowerCase())?.path
      : formatPath([...parent, near]);
  const name = `unknown key \`${formatPath([...parent, key])}\``;
  return hint === undefined ? name : `${name}; did you mean \`${hint}\`?`;
}

/** Of a union's alternatives, those whose type matched (their issues are the useful ones). */
function typeMatched(branches: z.core.$ZodIssue[][]): z.core.$ZodIssue[][] {
  return branches.filter(
    (issues) => !issues.some((issue) => issue.code === "invalid_type" && issue.path.length === 0),
  );
}

function problemsOf(issue: z.core.$ZodIssue, prefix: Path = []): Problem[] {
  const path = [...prefix, ...issue.path];
  switch (issue.code) {
    case "unrecognized_keys":
      return issue.keys.map((key) => ({
        path: [...path, key],
        message: unknownKeyMessage(path, key),
        located: true,
      }));
    case "invalid_key":
      return issue.issues.flatMap((inner) => problemsOf(inner, path));
    case "invalid_union": {
      const [only, ...others] = typeMatched(issue.errors);
      if (only && others.length === 0) return only.flatMap((inner) => problemsOf(inner, path));
      break;
    }
  }
  const found =
    issue.input !== undefined && !issue.message.includes("found")
      ? `, found ${compact(issue.input)}`
      : "";
  return [{ path, message: issue.message + found }];
}

function describe(problem: Problem): string {
  if (problem.located || problem.path.length === 0) return problem.message;
  return `${formatPath(problem.path)}: ${problem.message}`;
}

function checkConfig(raw: unknown): { config: RepoConfig; problems: Problem[] } {
  if (raw === null || raw === undefined) return { config: defaultConfig(), problems: [] };
  const result = configSchema.safeParse(raw, { reportInput: true, error: expectation });
  if (result.success) {
    const problems = semanticProblems(result.data).map((p) => ({
      path: p.path,
      message: `expected ${p.expected}, found ${p.found}; fix: ${p.fix}`,
    }));
    return problems.length > 0
      ? { config: defaultConfig(), problems }
      : { config: result.data, problems };
  }
  return { config: defaultConfig(), problems: result.error.issues.flatMap((i) => problemsOf(i)) };
}

/**
 * Validates a parsed config (after `_extends` merging). With any error the whole file is
 * ignored: `config` is the defaults and `errors` say what to fix. Empty input means defaults.
 */
export function validateConfig(raw: unknown): { config: RepoConfig; errors: string[] } {
  const { config, problems } = checkConfig(raw);
  return { config, errors: problems.map(describe) };
}

/** Where a path points in the YAML source: the offset of its key, or of its list item. */
function offsetOf(root: unknown, path: Path): number | undefined {
  let node = root;
  let offset = isNode(node) ? node.range?.[0] : undefined;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === segment);
      if (!pair) break;
      offset = isNode(pair.key) ? (pair.key.range?.[0] ?? offset) : offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === "number") {
      node = node.items[segment];
      offset = isNode(node) ? (node.range?.[0] ?? offset) : offset;
    } else break;
  }
  return offset;
}

/** Checks a config file's text, as `review-sla config check FILE` does: syntax, then content. */
export function checkConfigText(
  yamlText: string,
  fileName: string,
): { ok: boolean; messages: string[] } {
  const tooLarge = configSizeProblem(fileName, utf8Bytes(yamlText));
  if (tooLarge) return { ok: false, messages: [tooLarge] };
  const lines = new LineCounter();
  const at = (offset: number | undefined) => {
    if (offset === undefined) return fileName;
    const { line, col } = lines.linePos(offset);
    return `${fileName}:${line}:${col}`;
  };
  const doc = parseDocument(yamlText, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) {
    const messages = doc.errors.map(
      (error) =>
        `${at(yamlErrorOffset(yamlText, error))}: ${error.message.replace(/ at line \d+, column \d+:?$/, "")}`,
    );
    return { ok: false, messages };
  }
  let raw: unknown;
  try {
    raw = doc.toJS();
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    return { ok: false, messages: [`${fileName}: ${error.message}`] };
  }
  const { problems } = checkConfig(raw);
  const located = problems
    .map((problem) => ({ problem, offset: offsetOf(doc.contents, problem.path) }))
    .sort((a, b) => (a.offset ?? Infinity) - (b.offset ?? Infinity));
  const messages = located.map(({ problem, offset }) => `${at(offset)}: ${describe(problem)}`);
  return { ok: problems.length === 0, messages };
}
