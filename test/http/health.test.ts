import { mkdtemp, rm, unlink } from "node:fs/promises";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import { healthHandler } from "../../src/http/health.js";
import { createStore } from "../../src/store/kysely-store.js";
import { testShell } from "../helpers/shell.js";

async function get(handler: ReturnType<typeof healthHandler>, path: string) {
  const server = createServer((req, res) => {
    void handler(req, res).then((answered) => {
      if (!answered) res.writeHead(404).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  const response = await fetch(`http://127.0.0.1:${port}${path}`);
  const body: unknown = response.status === 404 ? null : await response.json();
  await new Promise<void>((r) => server.close(() => r()));
  return { status: response.status, body };
}

describe("GET /healthz", () => {
  it("answers 200 with the outbox depth while the database answers", async () => {
    const { store, clock } = await testShell();
    const response = await get(healthHandler({ store, clock, version: "1.2.3" }), "/healthz");
    expect(response).toEqual({
      status: 200,
      body: {
        status: "ok",
        version: "1.2.3",
        database: "ok",
        outbox: { pending: 0, oldestDueAt: null },
      },
    });
    await store.close();
  });

  it("answers 503 when the database is unreachable", async () => {
    const { store, clock } = await testShell();
    await store.close();
    const response = await get(healthHandler({ store, clock, version: "1.2.3" }), "/healthz");
    expect(response.status).toBe(503);
    expect(response.body).toMatchObject({ status: "error", database: "unreachable" });
  });

  it("answers 503 once the SQLite file was deleted, though the open handle still works", async () => {
    const { clock } = await testShell();
    const dir = await mkdtemp(join(tmpdir(), "review-sla-health-"));
    const path = join(dir, "app.db");
    const store = await createStore(`sqlite:${path}`, { clock });
    try {
      const handler = healthHandler({ store, clock, version: "1.2.3" });
      expect((await get(handler, "/healthz")).status).toBe(200);
      for (const file of [path, `${path}-wal`, `${path}-shm`]) await unlink(file).catch(() => {});
      const response = await get(handler, "/healthz");
      expect(response.status).toBe(503);
      expect(response.body).toMatchObject({ status: "error", database: "unreachable" });
      expect(JSON.stringify(response.body)).toContain("is gone");
    } finally {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("leaves other paths to other handlers", async () => {
    const { store, clock } = await testShell();
    expect((await get(healthHandler({ store, clock, version: "1" }), "/other")).status).toBe(404);
    await store.close();
  });
});
