// Answers a webhook delivery whose `X-GitHub-Event` header is missing, empty or not an event name
// with 400 and a clear message, before Probot's webhook middleware (which answered such a
// correctly signed delivery with 500).
import type { IncomingMessage, Server, ServerResponse } from "node:http";

const EVENT_NAME = /^[a-z][a-z_]{0,63}$/;

/** The problem with the request's event header, or null when it names an event. */
export function eventHeaderProblem(req: IncomingMessage, webhookPath: string): string | null {
  const path = (req.url ?? "").split("?")[0]?.replace(/\/+$/, "");
  if (req.method !== "POST" || path !== webhookPath.replace(/\/+$/, "")) return null;
  const header = req.headers["x-github-event"];
  if (header === undefined) return "the X-GitHub-Event header is missing";
  const value = Array.isArray(header) ? header.join(",") : header;
  if (value.trim() === "") return "the X-GitHub-Event header is empty";
  if (!EVENT_NAME.test(value)) return "the X-GitHub-Event header is not a GitHub event name";
  return null;
}

function reject(res: ServerResponse, problem: string): void {
  const error = `Bad webhook delivery: ${problem}. GitHub sends it with every delivery; check any proxy in between.`;
  res.writeHead(400, { "content-type": "application/json" });
  res.end(JSON.stringify({ error }));
}

/** Puts the check in front of every request listener the server already has (Probot's). */
export function guardWebhookEventHeader(server: Server, webhookPath: string): void {
  const listeners = server.listeners("request");
  server.removeAllListeners("request");
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    const problem = eventHeaderProblem(req, webhookPath);
    if (problem !== null) return reject(res, problem);
    for (const listener of listeners) Reflect.apply(listener, server, [req, res]);
  });
}
