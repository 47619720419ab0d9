// GET /healthz: 200 with a JSON status when the database answers, 503 when it does not.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Clock } from "../runtime-clock.js";
import type { Store } from "../store/store.js";

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
  });
  res.end(JSON.stringify(body));
}

export function healthHandler(deps: { store: Store; clock: Clock; version: string }) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const path = (req.url ?? "").split("?")[0];
    if (path !== "/healthz" || (req.method !== "GET" && req.method !== "HEAD")) return false;
    try {
      await deps.store.ping();
      const outbox = await deps.store.outbox.depth(deps.clock.now());
      sendJson(res, 200, {
        status: "ok",
        version: deps.version,
        database: "ok",
        outbox: { pending: outbox.pending, oldestDueAt: outbox.oldestDueAt?.toISO() ?? null },
      });
    } catch (error) {
      sendJson(res, 503, {
        status: "error",
        version: deps.version,
        database: "unreachable",
        error: error instanceof Error ? error.message : String(error),
      });
    }
    return true;
  };
}
