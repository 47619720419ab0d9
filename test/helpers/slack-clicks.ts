// Button clicks as Slack sends them to the app: the block_actions payload for a message the
// stand-in Slack holds (the message itself included, as Slack does), signed with `v0` HMAC.
import { createHmac } from "node:crypto";
import type { PostedSlackMessage, StandInSlack } from "../../src/demo/stand-in-slack.js";

let clicks = 0;

/** The form body Slack posts when `userId` clicks `actionId` (with `value`) on `message`. */
export function clickBody(
  slack: StandInSlack,
  message: PostedSlackMessage,
  userId: string,
  actionId: string,
  value: string,
): string {
  const payload = {
    type: "block_actions",
    user: { id: userId },
    response_url: slack.responseUrl,
    container: { channel_id: message.channel, message_ts: message.ts },
    message: { ts: message.ts, text: message.text, blocks: message.blocks },
    actions: [{ action_id: actionId, action_ts: `1764000000.${(clicks += 1)}`, value }],
  };
  return `payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/** Posts `body` to the app's interactivity endpoint, signed at `atSeconds`; returns the status. */
export async function postClick(
  port: number,
  body: string,
  secret: string,
  atSeconds: number,
): Promise<number> {
  const timestamp = String(Math.floor(atSeconds));
  const base = `v0:${timestamp}:${body}`;
  const signature = `v0=${createHmac("sha256", secret).update(base).digest("hex")}`;
  const response = await fetch(`http://127.0.0.1:${port}/api/slack/interactions`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-slack-request-timestamp": timestamp,
      "x-slack-signature": signature,
    },
    body,
  });
  return response.status;
}
