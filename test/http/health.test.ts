import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { healthHandler } from "../../src/http/health.js";
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

  it("leaves other paths to other handlers", async () => {
    const { store, clock } = await testShell();
    expect((await get(healthHandler({ store, clock, version: "1" }), "/other")).status).toBe(404);
    await store.close();
  });
});
