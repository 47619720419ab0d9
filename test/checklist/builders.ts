// Builders shared by the checklist tests: a parsed config and simple sections.
import { checklistConfigSchema, type ChecklistConfig } from "../../src/config/checklist.js";
import type { ChecklistSection } from "../../src/checklist/sections.js";

/** The config a repository with this `checklist:` section would get, defaults applied. */
export function checklistConfig(input: Record<string, unknown> = {}): ChecklistConfig {
  return checklistConfigSchema.parse(input);
}

export function section(id: string, itemCount: number, extra: Partial<ChecklistSection> = {}) {
  const result: ChecklistSection = {
    id,
    title: `Section ${id}`,
    paths: [],
    aiOnly: false,
    items: Array.from({ length: itemCount }, (_, i) => ({
      id: `${id}.item-${i + 1}`,
      text: `Is ${id} item ${i + 1} checked?`,
    })),
    ...extra,
  };
  return result;
}

export function itemIds(sections: readonly ChecklistSection[]): string[] {
  return sections.flatMap((s) => s.items.map((item) => item.id));
}
