// Decides whether a pull request's checklist comment is created, updated in place or left
// alone, and renders the body to write (carrying over the boxes people ticked).
import type { ChecklistConfig } from "../config/checklist.js";
import { parseTicked } from "./parse.js";
import { renderChecklist } from "./render.js";
import { requiredItems } from "./required.js";
import { selectSections } from "./sections.js";

export interface ChecklistPlanInput {
  draft: boolean;
  aiAssisted: boolean;
  config: ChecklistConfig;
  files: readonly string[];
  /** Body of the app's checklist comment on this PR, or null when there is none. */
  existingBody: string | null;
  /** A person deleted the app's checklist comment: it is not posted again. */
  deletedByHuman: boolean;
  prNumber: number;
  aiEvidence: string[];
}

export type ChecklistPlan =
  | { action: "none"; reason: string }
  | { action: "create" | "update"; body: string; reason: string };

/** Why this pull request gets no checklist at all, or null when it should have one. */
export function skipReason(input: ChecklistPlanInput): string | null {
  const { config } = input;
  if (!config.enabled || config.when === "never") return "checklist disabled by config";
  if (input.draft) return "pull request is a draft";
  if (config.when === "ai-assisted" && !input.aiAssisted) {
    return "checklist only for AI-assisted pull requests, and this one does not look AI-assisted";
  }
  if (input.deletedByHuman) return "checklist comment was deleted by a person";
  return null;
}

/** GitHub may hand back a body we wrote with different line endings. */
function sameBody(a: string, b: string): boolean {
  const normalise = (text: string) => text.replace(/\r\n?/g, "\n").trimEnd();
  return normalise(a) === normalise(b);
}

export function planChecklist(input: ChecklistPlanInput): ChecklistPlan {
  const skip = skipReason(input);
  if (skip !== null) return { action: "none", reason: skip };
  const sections = selectSections(input.files, input.config, input.aiAssisted);
  if (input.existingBody === null && sections.length === 0) {
    return { action: "none", reason: "no checklist section applies to the changed files" };
  }
  const body = renderChecklist({
    prNumber: input.prNumber,
    sections,
    aiEvidence: input.aiAssisted ? input.aiEvidence : [],
    ticked: input.existingBody === null ? new Set() : parseTicked(input.existingBody),
    required: requiredItems(sections, input.config, input.aiAssisted),
    fileCount: input.files.length,
  });
  if (input.existingBody === null) {
    return { action: "create", body, reason: "no checklist comment yet" };
  }
  if (sameBody(input.existingBody, body)) {
    return { action: "none", reason: "checklist comment is up to date" };
  }
  return { action: "update", body, reason: "checklist changed since the comment was written" };
}
