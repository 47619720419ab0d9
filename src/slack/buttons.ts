// The buttons on reminder DMs and escalation alerts, and how a click on one is read back: each
// carries the pull request's id; the snooze menu's options carry the span as well. Pure.
import type { SlackBlock } from "../digest/blocks.js";

export type SlackButton = "claim" | "reassign" | "snooze-2h" | "snooze-tomorrow" | "snooze-1d";

interface PlainText {
  type: "plain_text";
  text: string;
}

export type ActionElement =
  | {
      type: "button";
      action_id: string;
      text: PlainText;
      value?: string;
      url?: string;
      style?: "primary";
    }
  | {
      type: "static_select";
      action_id: string;
      placeholder: PlainText;
      options: { text: PlainText; value: string }[];
    };

export interface ActionsBlock {
  type: "actions";
  block_id: string;
  elements: ActionElement[];
}

/** A message the app posts: the digest's blocks, plus buttons. */
export interface SlackMessage {
  text: string;
  blocks: (SlackBlock | ActionsBlock)[];
}

const PREFIX = "review-sla:";
export const ACTIONS_BLOCK_ID = "review-sla-actions";
const plain = (text: string): PlainText => ({ type: "plain_text", text });

const SNOOZE_OPTIONS: { button: SlackButton; label: string }[] = [
  { button: "snooze-2h", label: "2 hours" },
  { button: "snooze-tomorrow", label: "Until tomorrow's working start" },
  { button: "snooze-1d", label: "1 working day" },
];

/** "I'm on it", "Snooze ▾", "Reassign" and "Open PR". */
export function actionButtons(pullRequestId: number, prUrl: string): ActionsBlock {
  const value = String(pullRequestId);
  return {
    type: "actions",
    block_id: ACTIONS_BLOCK_ID,
    elements: [
      {
        type: "button",
        action_id: `${PREFIX}claim`,
        text: plain("I'm on it"),
        value,
        style: "primary",
      },
      {
        type: "static_select",
        action_id: `${PREFIX}snooze`,
        placeholder: plain("Snooze"),
        options: SNOOZE_OPTIONS.map((o) => ({
          text: plain(o.label),
          value: `${o.button}:${value}`,
        })),
      },
      { type: "button", action_id: `${PREFIX}reassign`, text: plain("Reassign"), value },
      { type: "button", action_id: `${PREFIX}open`, text: plain("Open PR"), url: prUrl },
    ],
  };
}

export type Click = { button: SlackButton; pullRequestId: number } | { button: "open" } | null;

const ID = /^\d{1,16}$/;

/** What a clicked element asks for; null when it is not one of ours or is malformed. */
export function readClick(actionId: string, value: string | undefined): Click {
  if (!actionId.startsWith(PREFIX) || value === undefined) {
    return actionId === `${PREFIX}open` ? { button: "open" } : null;
  }
  const name = actionId.slice(PREFIX.length);
  if (name === "claim" || name === "reassign")
    return ID.test(value) ? { button: name, pullRequestId: Number(value) } : null;
  if (name !== "snooze") return name === "open" ? { button: "open" } : null;
  const [span, id] = value.split(":");
  const option = SNOOZE_OPTIONS.find((o) => o.button === span);
  return option && id && ID.test(id) ? { button: option.button, pullRequestId: Number(id) } : null;
}
