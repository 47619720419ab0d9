// A stand-in for Slack on 127.0.0.1: `chat.postMessage`, `conversations.open`,
// `users.lookupByEmail` and an incoming-webhook path, every request recorded, failures scripted.
import { createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { closeServer, listenLocally, readBody, recordOf, stringOf } from "./stand-in/http.js";
import type { JsonRecord } from "./stand-in/http.js";

export interface SlackCall {
  /** `chat.postMessage`, `conversations.open`, … or `webhook`. */
  method: string;
  body: JsonRecord;
  authorization: string | null;
  /** The HTTP status the stand-in answered. */
  status: number;
}

export interface PostedSlackMessage {
  channel: string;
  text: string;
  blocks: unknown;
  ts: string;
}

interface ScriptedFailure {
  method: string;
  status: number;
  headers: Record<string, string>;
  times: number;
  /** An `ok: false` error code (with status 200), as Slack answers bad requests. */
  code?: string;
}

export const SLACK_WEBHOOK_PATH = "/services/T000/B000/fake-secret";
/** Where the stand-in takes answers to clicks (`response_url`); a call is recorded as `response_url`. */
export const SLACK_RESPONSE_PATH = "/actions/T000/response";

/** A form value as WebClient sends it: objects (blocks) JSON-encoded, the rest as text. */
function formValue(value: string): unknown {
  if (!/^[[{]/.test(value)) return value;
  const parsed: unknown = JSON.parse(value);
  return parsed;
}

function parseBody(raw: string, contentType: string): JsonRecord {
  if (raw === "") return {};
  if (contentType.includes("json")) return recordOf(JSON.parse(raw));
  const body: JsonRecord = {};
  for (const [key, value] of new URLSearchParams(raw)) body[key] = formValue(value);
  return body;
}

export class StandInSlack {
  readonly calls: SlackCall[] = [];
  readonly messages: PostedSlackMessage[] = [];
  /** Email → Slack user ID, for `users.lookupByEmail`. */
  readonly users = new Map<string, string>();
  private readonly failures: ScriptedFailure[] = [];
  private server: Server | null = null;
  private nextTs = 1;
  port = 0;

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  /** A `response_url` for an interaction payload. */
  get responseUrl(): string {
    return `http://127.0.0.1:${this.port}${SLACK_RESPONSE_PATH}`;
  }

  get webhookUrl(): string {
    return `http://127.0.0.1:${this.port}${SLACK_WEBHOOK_PATH}`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.port = await listenLocally(this.server);
  }

  async stop(): Promise<void> {
    await closeServer(this.server);
  }

  /** The next `times` calls of `method` answer `status` (with headers, e.g. Retry-After). */
  failNext(method: string, status: number, times = 1, headers: Record<string, string> = {}): void {
    this.failures.push({ method, status, headers, times });
  }

  /** The next call of `method` answers HTTP 200 with `{ ok: false, error: code }`. */
  errorNext(method: string, code: string): void {
    this.failures.push({ method, status: 200, headers: {}, times: 1, code });
  }

  callsOf(method: string): SlackCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  messagesIn(channel: string): PostedSlackMessage[] {
    return this.messages.filter((message) => message.channel === channel);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = parseBody(await readBody(req), req.headers["content-type"] ?? "");
    const path = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
    const method =
      path === SLACK_WEBHOOK_PATH
        ? "webhook"
        : path === SLACK_RESPONSE_PATH
          ? "response_url"
          : path.replace(/^\/api\//, "");
    const authorization = req.headers.authorization ?? null;
    const call: SlackCall = { method, body, authorization, status: 200 };
    this.calls.push(call);
    const failure = this.failures.find((f) => f.method === method && f.times > 0);
    if (failure) {
      failure.times -= 1;
      call.status = failure.status;
      res.writeHead(failure.status, { "content-type": "application/json", ...failure.headers });
      res.end(JSON.stringify({ ok: false, error: failure.code ?? `injected_${failure.status}` }));
      return;
    }
    const answer = this.route(method, body);
    call.status = answer === null ? 404 : 200;
    if (method === "webhook") {
      res.writeHead(call.status, { "content-type": "text/plain" });
      res.end(answer === null ? "no_service" : "ok");
      return;
    }
    res.writeHead(call.status, { "content-type": "application/json" });
    res.end(JSON.stringify(answer ?? { ok: false, error: "unknown_method" }));
  }

  private post(channel: string, body: JsonRecord): PostedSlackMessage {
    const message = {
      channel,
      text: stringOf(body.text) ?? "",
      blocks: body.blocks ?? null,
      ts: `1700000000.${String(this.nextTs++).padStart(6, "0")}`,
    };
    this.messages.push(message);
    return message;
  }

  private route(method: string, body: JsonRecord): unknown {
    switch (method) {
      case "chat.postMessage": {
        const channel = stringOf(body.channel) ?? "";
        if (channel === "") return { ok: false, error: "channel_not_found" };
        const message = this.post(channel, body);
        return { ok: true, channel, ts: message.ts, message: { text: message.text } };
      }
      case "conversations.open": {
        const users = stringOf(body.users) ?? "";
        return users ? { ok: true, channel: { id: `D${users}` } } : { ok: false, error: "no_user" };
      }
      case "users.lookupByEmail": {
        const id = this.users.get((stringOf(body.email) ?? "").toLowerCase());
        return id ? { ok: true, user: { id } } : { ok: false, error: "users_not_found" };
      }
      case "webhook":
        this.post("webhook", body);
        return "ok";
      case "chat.update": {
        const message = this.messages.find(
          (m) => m.channel === stringOf(body.channel) && m.ts === stringOf(body.ts),
        );
        if (!message) return { ok: false, error: "message_not_found" };
        message.text = stringOf(body.text) ?? "";
        message.blocks = body.blocks ?? null;
        return { ok: true, channel: message.channel, ts: message.ts };
      }
      case "response_url":
        return { ok: true };
      default:
        return null;
    }
  }
}
