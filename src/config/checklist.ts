// The `checklist:` section of the repo config: when the review checklist is posted, which
// sections it has, which items are required, and how AI-assisted pull requests are recognised.
import { z } from "zod";
import { compileLinear, isTextPattern } from "./patterns.js";
import type { TextPattern } from "./patterns.js";

/** Ids end up inside hidden HTML comments and the check run, so they stay plain. */
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const ID_HINT = "letters, digits, '.', '_' or '-', starting with a letter or digit";
const REGEX_LITERAL = /^\/(.+)\/([a-z]*)$/s;
/** `g` and `y` make `test()` stateful, which would make detection depend on call order. */
const ALLOWED_FLAGS = /^[imsu]*$/;

const DEFAULT_LABELS = ["ai-assisted", "ai-generated"];
const DEFAULT_CO_AUTHORS = [
  "Copilot",
  "Claude",
  "Cursor",
  "Codex",
  "Gemini",
  "Devin",
  "Aider",
  "ChatGPT",
  "Windsurf",
  "Amazon Q",
  "Codeium",
  "Tabnine",
  "OpenHands",
];
const DEFAULT_BOT_AUTHORS = [
  "Copilot",
  "copilot-swe-agent[bot]",
  "devin-ai-integration[bot]",
  "claude[bot]",
  "google-labs-jules[bot]",
];
/** A line that starts (after emoji or bullets) with "Generated with …". */
const DEFAULT_BODY_PATTERNS = ["/^[^\\p{L}\\p{N}]*generated with\\s+\\S/iu"];

/** `text` as a regular expression source that matches it literally. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/**
 * Reads a body pattern: `/source/flags` is a regular expression, anything else a phrase
 * matched literally and case-insensitively. Both run on RE2, in linear time (./patterns.ts).
 * Returns an error message when it is unusable.
 */
export function compileBodyPattern(pattern: string): TextPattern | { error: string } {
  const literal = REGEX_LITERAL.exec(pattern);
  if (!literal) return compileLinear(escapeRegExp(pattern), "i");
  const [, source = "", flags = ""] = literal;
  if (!ALLOWED_FLAGS.test(flags)) {
    return { error: `flags "${flags}" are not supported; use any of i, m, s, u` };
  }
  return compileLinear(source, flags);
}

const idSchema = z
  .string()
  .max(64, { error: "ids are at most 64 characters" })
  .regex(ID_PATTERN, { error: `ids may contain only ${ID_HINT}` });

const bodyPatternSchema = z
  .string()
  .min(1, { error: "a body pattern must not be empty" })
  .superRefine((pattern, ctx) => {
    const compiled = compileBodyPattern(pattern);
    if (isTextPattern(compiled)) return;
    ctx.addIssue({
      code: "custom",
      message: `body pattern ${JSON.stringify(pattern)}: ${compiled.error}. Write a plain phrase, or a regular expression as /pattern/flags.`,
    });
  });

const itemSchema = z.object({
  id: idSchema
    .optional()
    .describe(
      "Stable id used to keep ticks and in `required`; derived from the text when omitted.",
    ),
  text: z.string().min(1).max(500).describe("A question a reviewer can answer with yes or no."),
});

const sectionSchema = z.object({
  id: idSchema.describe("Section id; a custom section with a built-in section's id replaces it."),
  title: z.string().min(1).max(200).describe("Heading shown above the section's items."),
  paths: z
    .array(z.string().min(1))
    .optional()
    .describe("Globs of changed files that bring this section; omitted = every pull request."),
  ai_only: z
    .boolean()
    .default(false)
    .describe("Post only on AI-assisted pull requests, where its items are always required."),
  items: z.array(itemSchema).min(1).describe("The section's checklist items."),
});

const aiMarkersSchema = z
  .object({
    labels: z
      .array(z.string().min(1))
      .default(() => [...DEFAULT_LABELS])
      .describe("Pull-request labels (case-insensitive) that mark a PR as AI-assisted."),
    co_authors: z
      .array(z.string().min(1))
      .default(() => [...DEFAULT_CO_AUTHORS])
      .describe(
        "Assistant names matched as whole words, case-insensitively, in commits' Co-authored-by: trailers.",
      ),
    bot_authors: z
      .array(z.string().min(1))
      .default(() => [...DEFAULT_BOT_AUTHORS])
      .describe("PR author logins (case-insensitive) of coding agents."),
    body_patterns: z
      .array(bodyPatternSchema)
      .default(() => [...DEFAULT_BODY_PATTERNS])
      .describe(
        "Tested against each line of the PR description: a plain phrase, or /pattern/flags.",
      ),
  })
  .default(() => ({
    labels: [...DEFAULT_LABELS],
    co_authors: [...DEFAULT_CO_AUTHORS],
    bot_authors: [...DEFAULT_BOT_AUTHORS],
    body_patterns: [...DEFAULT_BODY_PATTERNS],
  }))
  .describe("How AI-assisted pull requests are recognised; any one marker is enough.");

type SectionInput = z.output<typeof sectionSchema>;

/** Reports ids that appear twice among the custom sections or their items. */
function checkUniqueIds(sections: SectionInput[], ctx: z.RefinementCtx): void {
  const sectionIds = new Set<string>();
  const itemIds = new Set<string>();
  sections.forEach((section, index) => {
    if (sectionIds.has(section.id)) {
      ctx.addIssue({
        code: "custom",
        path: ["sections", index, "id"],
        message: `section id "${section.id}" is used twice; give each custom section its own id`,
      });
    }
    sectionIds.add(section.id);
    section.items.forEach((item, itemIndex) => {
      if (item.id === undefined) return;
      if (itemIds.has(item.id)) {
        ctx.addIssue({
          code: "custom",
          path: ["sections", index, "items", itemIndex, "id"],
          message: `item id "${item.id}" is used twice; give each item its own id`,
        });
      }
      itemIds.add(item.id);
    });
  });
}

const checklistObjectSchema = z
  .object({
    enabled: z.boolean().default(true).describe("Post the review checklist at all."),
    when: z
      .enum(["always", "ai-assisted", "never"])
      .default("always")
      .describe("Which non-draft pull requests get a checklist."),
    sections: z
      .array(sectionSchema)
      .default(() => [])
      .describe("Custom checklist sections."),
    sections_mode: z
      .enum(["merge", "replace"])
      .default("merge")
      .describe(
        "merge: custom sections are added and replace built-in ones with the same id; replace: only custom sections.",
      ),
    required: z
      .array(idSchema)
      .default(() => [])
      .describe(
        "Item or section ids that must be ticked; empty = every posted item. AI-only items are always required on AI-assisted PRs.",
      ),
    ai_markers: aiMarkersSchema,
  })
  .superRefine((config, ctx) => checkUniqueIds(config.sections, ctx));

export const checklistConfigSchema = checklistObjectSchema
  .default(() => checklistObjectSchema.parse({}))
  .describe("The review checklist comment and its check run.");

export type ChecklistConfig = z.output<typeof checklistConfigSchema>;
export type ChecklistSectionConfig = ChecklistConfig["sections"][number];
