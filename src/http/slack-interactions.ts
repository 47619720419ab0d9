// POST /api/slack/interactions: Slack's interactivity endpoint. The request's `v0` signature is
// checked with Slack's own SDK (`verifySlackRequest` from @slack/bolt: HMAC with
// SLACK_SIGNING_SECRET, timestamps older than 5 minutes refused); forged or stale → 401. A valid
// click is recorded as one `slack-click` action and answered at once (Slack waits 3 s at most);
// the action worker performs it.
import type { IncomingMessage, ServerResponse } from "node:http";
import { verifySlackRequest } from "@slack/bolt";
import type { Logger } from "pino";
import { z } from "zod";
import { enqueue } from "../outbox/enqueue.js";
import type { Clock } from "../runtime-clock.js";
import { readClick } from "../slack/buttons.js";
import type { Store } from "../store/store.js";

export const SLACK_INTERACTIONS_PATH = "/api/slack/interactions";
/** Slack's interaction payloads are small; anything bigger is not Slack's. */
const MAX_BODY_BYTES = 256 * 1024;
/** Slack's own bound on clock skew: a timestamp this far in the future is refused too. */
const MAX_SKEW_SECONDS = 5 * 60;

export interface SlackInteractionDeps {
  store: Store;
  /** The time a request's timestamp is checked against (real time, except in tests). */
  clock: Clock;
  log: Logger;
  signingSecret: string;
  wakeWorker: () => void;
}

const clickSchema = z.object({
  type: z.literal("block_actions"),
  user: z.object({ id: z.string().max(50) }),
  response_url: z.string().max(500).optional(),
  container: z
    .object({ channel_id: z.string().max(50), message_ts: z.string().max(50) })
    .optional(),
  channel: z.object({ id: z.string().max(50) }).optional(),
  message: z
    .object({
      ts: z.string().max(50),
      text: z.string().max(4000).optional(),
      blocks: z.array(z.unknown()).max(50).optional(),
    })
    .optional(),
  actions: z
    .array(
      z.object({
        action_id: z.string().max(255),
        action_ts: z.string().max(50),
        value: z.string().max(2000).optional(),
        selected_option: z.object({ value: z.string().max(2000) }).optional(),
      }),
    )
    .min(1),
});

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer | string>) {
    const buffer = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function header(req: IncomingMessage, name: string): string {
  const value = req.headers[name];
  return Array.isArray(value) ? (value[0] ?? "") : (value ?? "");
}

function reply(res: ServerResponse, status: number, text = ""): true {
  res.writeHead(status, {
    "content-type": "text/plain; charset=utf-8",
    "cache-control": "no-store",
  });
  res.end(text);
  return true;
}

/** Whether Slack signed this body within the last 5 minutes (and not in the future). */
function verified(deps: SlackInteractionDeps, req: IncomingMessage, body: string): boolean {
  const timestamp = Number(header(req, "x-slack-request-timestamp"));
  const nowMs = deps.clock.now().toMillis();
  if (!Number.isInteger(timestamp) || timestamp > nowMs / 1000 + MAX_SKEW_SECONDS) return false;
  try {
    verifySlackRequest({
      signingSecret: deps.signingSecret,
      body,
      headers: {
        "x-slack-signature": header(req, "x-slack-signature"),
        "x-slack-request-timestamp": timestamp,
      },
      nowMilliseconds: nowMs,
    });
    return true;
  } catch {
    return false;
  }
}

function parseClick(body: string) {
  const raw = new URLSearchParams(body).get("payload");
  if (raw === null) return null;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return null;
  }
  const parsed = clickSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

const sectionSchema = z.object({
  type: z.literal("section"),
  text: z.object({ type: z.literal("mrkdwn"), text: z.string().max(3000) }),
});

/** The clicked message's fallback text and section texts (the app's own words), if Slack sent them. */
function originalOf(message: z.infer<typeof clickSchema>["message"]) {
  if (message?.text === undefined) return null;
  const sections = (message.blocks ?? []).flatMap((block) => {
    const section = sectionSchema.safeParse(block);
    return section.success ? [section.data.text.text] : [];
  });
  return { text: message.text, sections };
}

async function record(deps: SlackInteractionDeps, body: string): Promise<string> {
  const payload = parseClick(body);
  const first = payload?.actions[0];
  if (!payload || !first) return "ignored";
  const click = readClick(first.action_id, first.value ?? first.selected_option?.value);
  if (click === null || click.button === "open") return "ignored";
  const channel = payload.container?.channel_id ?? payload.channel?.id;
  const ts = payload.container?.message_ts ?? payload.message?.ts;
  const pr = await deps.store.pulls.get(click.pullRequestId);
  if (!channel || !ts || !pr) return "ignored";
  const inserted = await enqueue(
    deps.store,
    "slack-click",
    {
      userId: payload.user.id,
      button: click.button,
      message: {
        channel,
        ts,
        responseUrl: payload.response_url ?? null,
        original: originalOf(payload.message),
      },
      clickId: `${channel}:${ts}:${first.action_ts}:${payload.user.id}`,
    },
    { installationId: pr.installationId, pullRequestId: pr.id, dueAt: deps.clock.now() },
  );
  if (inserted) deps.wakeWorker();
  return inserted ? "recorded" : "repeated";
}

export function slackInteractionsHandler(deps: SlackInteractionDeps) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const path = (req.url ?? "").split("?")[0];
    if (path !== SLACK_INTERACTIONS_PATH) return false;
    if (req.method !== "POST") return reply(res, 405, "POST only");
    const body = await readBody(req);
    if (body === null) return reply(res, 413, "too large");
    if (!verified(deps, req, body)) {
      deps.log.warn("slack.interaction_refused");
      return reply(res, 401, "invalid signature");
    }
    try {
      const outcome = await record(deps, body);
      deps.log.info({ outcome }, "slack.interaction");
      return reply(res, 200);
    } catch (error) {
      deps.log.error({ err: error }, "slack.interaction_failed");
      return reply(res, 500);
    }
  };
}
