// What the stand-ins share: reading a request body, narrowing parsed JSON without casts, and
// listening on 127.0.0.1 on a port the system picks.
import type { IncomingMessage, Server } from "node:http";

export type JsonRecord = Record<string, unknown>;

/** A stand-in's answer to one request; null means "no such route" (404). */
export type Answer = { status: number; body: unknown } | null;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The value as a record, or an empty one when it is not a JSON object. */
export function recordOf(value: unknown): JsonRecord {
  return isRecord(value) ? value : {};
}

/** The value as a list, or an empty one when it is not a JSON array. */
export function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? (value as unknown[]) : [];
}

export function stringsOf(value: unknown): string[] {
  return listOf(value).filter((v): v is string => typeof v === "string");
}

export function stringOf(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  // Without setEncoding, a request yields Buffers.
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
}

/** Listens on 127.0.0.1 with a port chosen by the system (never a fixed one); returns the port. */
export async function listenLocally(server: Server): Promise<number> {
  // Node closes an idle kept-alive socket after 5 s; a client reusing it at that moment gets
  // "fetch failed". The demo idles longer than that between Slack calls: keep sockets open the
  // way the real services do (closeServer ends them).
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  if (typeof address !== "object" || address === null)
    throw new Error("the stand-in server has no TCP address");
  return address.port;
}

export async function closeServer(server: Server | null): Promise<void> {
  if (!server) return;
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
