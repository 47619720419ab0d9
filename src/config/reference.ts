// What the configuration accepts, read off the schema: a JSON Schema for editors, the Markdown
// reference for people, and the known keys behind "did you mean" hints.
import { z } from "zod";
import { configSchema } from "./schema.js";

type JsonSchema = z.core.JSONSchema.JSONSchema;

/** One documented key; `path` spells list items as `[]` and map keys as `<login>`. */
export interface ConfigKey {
  path: string;
  name: string;
  type: string;
  defaultValue: unknown;
  description: string;
}

let cached: JsonSchema | undefined;

function inputSchema(): JsonSchema {
  cached ??= configJsonSchema();
  return cached;
}

/** JSON Schema (draft 2020-12) of the file as written, with descriptions and defaults. */
export function configJsonSchema(): JsonSchema {
  return z.toJSONSchema(configSchema, { io: "input" });
}

function isSchema(node: unknown): node is JsonSchema {
  return typeof node === "object" && node !== null && !Array.isArray(node);
}

/** The object-shaped alternatives of a node (itself, or its `anyOf` options). */
function alternatives(node: JsonSchema): JsonSchema[] {
  return node.anyOf ? node.anyOf.flatMap(alternatives) : [node];
}

function childAt(node: JsonSchema, segment: PropertyKey): JsonSchema[] {
  const found: unknown[] = [];
  for (const option of alternatives(node)) {
    const property = typeof segment === "string" ? option.properties?.[segment] : undefined;
    if (property !== undefined) found.push(property);
    else if (typeof segment === "number") found.push(option.items);
    else found.push(option.additionalProperties);
  }
  return found.filter(isSchema);
}

/** Keys a mapping accepts at a concrete path such as `["people", "dana"]`. */
export function knownKeysAt(path: readonly PropertyKey[]): string[] {
  let nodes = [inputSchema()];
  for (const segment of path) nodes = nodes.flatMap((node) => childAt(node, segment));
  const keys = nodes.flatMap(alternatives).flatMap((node) => Object.keys(node.properties ?? {}));
  return [...new Set(keys)];
}

function typeText(node: JsonSchema): string {
  if (node.anyOf) return node.anyOf.map(typeText).join(" or ");
  if (node.enum) return node.enum.map((value) => JSON.stringify(value)).join(", ");
  if (node.type === "array")
    return `list of ${isSchema(node.items) ? typeText(node.items) : "any"}`;
  if (node.type === "integer" && node.minimum !== undefined) return `integer ≥ ${node.minimum}`;
  if (node.type === "object") {
    const key = isSchema(node.propertyNames) ? node.propertyNames.title : undefined;
    return isSchema(node.additionalProperties) ? `map of ${key ?? "name"} → mapping` : "mapping";
  }
  return typeof node.type === "string" ? node.type : "any";
}

/** Where a node's own keys live: an object, a list's items (`[]`) or a map's values (`<key>`). */
function nestedObjects(node: JsonSchema): { node: JsonSchema; suffix: string }[] {
  return alternatives(node).flatMap((option) => {
    if (option.properties) return [{ node: option, suffix: "" }];
    if (isSchema(option.items)) {
      return nestedObjects(option.items).map((inner) => ({
        ...inner,
        suffix: `[]${inner.suffix}`,
      }));
    }
    if (isSchema(option.additionalProperties)) {
      const key = isSchema(option.propertyNames) ? option.propertyNames.title : undefined;
      return nestedObjects(option.additionalProperties).map((inner) => ({
        ...inner,
        suffix: `.<${key ?? "name"}>${inner.suffix}`,
      }));
    }
    return [];
  });
}

function collectKeys(node: JsonSchema, prefix: string, into: ConfigKey[]): ConfigKey[] {
  for (const [name, child] of Object.entries(node.properties ?? {})) {
    if (!isSchema(child)) continue;
    const path = prefix === "" ? name : `${prefix}.${name}`;
    const description = child.description ?? "";
    into.push({ path, name, type: typeText(child), defaultValue: child.default, description });
    for (const inner of nestedObjects(child)) collectKeys(inner.node, path + inner.suffix, into);
  }
  return into;
}

/** Every key of the configuration, parents before children, in schema order. */
export function configKeys(): ConfigKey[] {
  return collectKeys(inputSchema(), "", []);
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ");
}

function defaultText(key: ConfigKey): string {
  const value = key.defaultValue;
  if (value === undefined) return "";
  if (typeof value === "object" && value !== null && !Array.isArray(value)) return "";
  return `\`${JSON.stringify(value)}\``;
}

/** The Markdown configuration reference: one row per key, generated from the schema. */
export function configReferenceMarkdown(): string {
  const rows = configKeys().map(
    (key) =>
      `| \`${cell(key.path)}\` | ${cell(key.type)} | ${cell(defaultText(key))} | ${cell(key.description)} |`,
  );
  return [
    "# Configuration reference",
    "",
    "<!-- Generated from src/config/schema.ts by `npm run docs:config`; do not edit by hand. -->",
    "",
    "review-sla reads `.github/review-sla.yml` from the repository's default branch. Defaults for",
    "every repository of an organization go in the same file in the organization's `.github`",
    "repository; a repository file may inherit from another with `_extends`.",
    "",
    "Every key is optional. A file with any error is ignored as a whole: the defaults below apply",
    "until it is fixed, and the errors are reported (check a file with",
    "`review-sla config check .github/review-sla.yml`). Editors can validate the file with",
    "[`config.schema.json`](config.schema.json).",
    "",
    'Durations are written like `"24h"`, `"2d"`, `"90m"` or `"1d 4h"`; times of day like',
    '`"09:00"` (24-hour clock); dates like `"2025-12-25"`.',
    "",
    "| Key | Type | Default | Description |",
    "| --- | --- | --- | --- |",
    ...rows,
    "",
  ].join("\n");
}
