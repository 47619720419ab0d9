// A stand-in for Slack on 127.0.0.1: `chat.postMessage`, `conversations.open`,
// `users.lookupByEmail` and an incoming-webhook path, every request recorded, failures scripted.
import { createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface SlackCall {
  /** `chat.postMessage`, `conversations.open`, … or `webhook`. */
  method: string;
  body: Record<string, unknown>;
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

export const WEBHOOK_PATH = "/services/T000/B000/fake-secret";

/** Form fields as WebClient sends them: objects (blocks) are JSON-encoded. */
function parseBody(raw: string, contentType: string): Record<string, unknown> {
  if (raw === "") return {};
  if (contentType.includes("json")) return JSON.parse(raw) as Record<string, unknown>;
  const body: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    body[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
  }
  return body;
}

export class FakeSlack {
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

  get webhookUrl(): string {
    return `http://127.0.0.1:${this.port}${WEBHOOK_PATH}`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
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
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = parseBody(
      Buffer.concat(chunks).toString("utf8"),
      req.headers["content-type"] ?? "",
    );
    const path = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
    const method = path === WEBHOOK_PATH ? "webhook" : path.replace(/^\/api\//, "");
    const call: SlackCall = {
      method,
      body,
      authorization: req.headers.authorization ?? null,
      status: 200,
    };
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

  private post(channel: string, body: Record<string, unknown>): PostedSlackMessage {
    const message = {
      channel,
      text: typeof body.text === "string" ? body.text : "",
      blocks: body.blocks ?? null,
      ts: `1700000000.${String(this.nextTs++).padStart(6, "0")}`,
    };
    this.messages.push(message);
    return message;
  }

  private route(method: string, body: Record<string, unknown>): unknown {
    switch (method) {
      case "chat.postMessage": {
        const channel = typeof body.channel === "string" ? body.channel : "";
        if (channel === "") return { ok: false, error: "channel_not_found" };
        const message = this.post(channel, body);
        return { ok: true, channel, ts: message.ts, message: { text: message.text } };
      }
      case "conversations.open": {
        const users = typeof body.users === "string" ? body.users : "";
        return users ? { ok: true, channel: { id: `D${users}` } } : { ok: false, error: "no_user" };
      }
      case "users.lookupByEmail": {
        const email = typeof body.email === "string" ? body.email : "";
        const id = this.users.get(email.toLowerCase());
        return id ? { ok: true, user: { id } } : { ok: false, error: "users_not_found" };
      }
      case "webhook":
        this.post("webhook", body);
        return "ok";
      default:
        return null;
    }
  }
}
