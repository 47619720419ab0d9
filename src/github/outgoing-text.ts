// The one place every text the app writes to GitHub passes: comment bodies (new and edited) and
// check-run titles, summaries and text lose bidi controls and NUL (src/comments/escape.ts).
import type { ProbotOctokit } from "probot";
import { stripUnsafeControls } from "../comments/escape.js";

const WRITES = new Set(["POST", "PATCH", "PUT"]);
const TEXT_FIELDS = ["body", "title", "name"] as const;
const OUTPUT_FIELDS = ["title", "summary", "text"] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function cleanFields(target: Record<string, unknown>, fields: readonly string[]): void {
  for (const field of fields) {
    const value = target[field];
    if (typeof value === "string") target[field] = stripUnsafeControls(value);
  }
}

/** Cleans the text fields of one request's parameters in place (writes only). */
export function cleanOutgoingText(options: Record<string, unknown>): void {
  if (typeof options.method !== "string" || !WRITES.has(options.method.toUpperCase())) return;
  cleanFields(options, TEXT_FIELDS);
  if (isRecord(options.output)) cleanFields(options.output, OUTPUT_FIELDS);
}

/** Installs the cleaning on a client, before every request it sends. */
export function cleanTextBeforeWrites(octokit: ProbotOctokit): void {
  octokit.hook.before("request", (options) => cleanOutgoingText(options));
}
