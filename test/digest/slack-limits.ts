// Checks a rendered Slack message against Block Kit's limits and collects its texts.
import type { SlackBlock, SlackMessage } from "../../src/digest/blocks.js";

export function blockTexts(block: SlackBlock): string[] {
  switch (block.type) {
    case "header":
      return [block.text.text];
    case "section":
      return [block.text.text, ...(block.fields ?? []).map((f) => f.text)];
    case "context":
      return block.elements.map((e) => e.text);
    case "divider":
      return [];
  }
}

export function allTexts(message: SlackMessage): string[] {
  return [message.text, ...message.blocks.flatMap(blockTexts)];
}

/** Every limit the digest relies on; returns the violations found (empty when none). */
export function limitViolations(message: SlackMessage): string[] {
  const problems: string[] = [];
  if (message.blocks.length > 50) problems.push(`${message.blocks.length} blocks`);
  if (message.text.length === 0 || message.text.length > 3000) problems.push("fallback text");
  message.blocks.forEach((block, i) => {
    if (block.type === "header" && block.text.text.length > 150) problems.push(`header ${i}`);
    if (block.type === "section") {
      if (block.text.text.length > 3000) problems.push(`section ${i} text`);
      const fields = block.fields ?? [];
      if (fields.length > 10 || fields.some((f) => f.text.length > 2000))
        problems.push(`fields ${i}`);
    }
    if (block.type === "context") {
      const { elements } = block;
      if (elements.length > 10 || elements.some((e) => e.text.length > 2000)) {
        problems.push(`context ${i}`);
      }
    }
  });
  return problems;
}
