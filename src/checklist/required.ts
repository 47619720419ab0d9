// Which posted checklist items must be ticked before the "Review checklist" check succeeds.
import type { ChecklistConfig } from "../config/checklist.js";
import type { ChecklistSection } from "./sections.js";

/**
 * Every posted item by default. A non-empty `checklist.required` narrows that to the listed
 * item ids and the items of the listed section ids; ids of items not posted are ignored.
 * On AI-assisted pull requests the items of AI-only sections are required whatever the list.
 */
export function requiredItems(
  sections: readonly ChecklistSection[],
  config: Pick<ChecklistConfig, "required">,
  aiAssisted: boolean,
): Set<string> {
  const listed = new Set(config.required);
  const required = new Set<string>();
  for (const section of sections) {
    const wholeSection =
      listed.size === 0 || listed.has(section.id) || (aiAssisted && section.aiOnly);
    for (const item of section.items) {
      if (wholeSection || listed.has(item.id)) required.add(item.id);
    }
  }
  return required;
}
