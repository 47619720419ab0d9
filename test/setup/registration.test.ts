// The first `npm start` without credentials: a proxy channel, the registration page, GitHub's
// manifest conversion, then the app itself receiving a delivery through the proxy. GitHub and
// the proxy are stand-ins on 127.0.0.1.
import { createHmac } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { Server, ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { startApp, startSetup } from "../../src/server.js";
import type { RunningApp } from "../../src/server.js";
import { loadSettings } from "../../src/settings.js";
import { freePort, privateKey } from "../helpers/app.js";
import { example } from "../helpers/webhooks.js";

/** smee.io's behaviour, in little: HEAD /new names a channel; POSTs to it reach its listeners. */
class StandInProxyAndGitHub {
  readonly server: Server;
  readonly listeners: ServerResponse[] = [];
  readonly conversions: string[] = [];
  port = 0;
  constructor(private readonly pem: string) {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () =>
        this.answer(
          req.method ?? "",
          req.url ?? "",
          req.headers,
          Buffer.concat(chunks).toString(),
          res,
        ),
      );
    });
  }
  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }
  async start(): Promise<void> {
    await new Promise<void>((done) => this.server.listen(0, "127.0.0.1", done));
    const address = this.server.address();
    this.port = typeof address === "object" && address ? address.port : 0;
  }
  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((done) => this.server.close(done));
  }
  private answer(
    method: string,
    url: string,
    headers: Record<string, unknown>,
    body: string,
    res: ServerResponse,
  ): void {
    if (method === "HEAD" && url === "/new") {
      res.writeHead(307, { location: `${this.base}/channel-1` }).end();
    } else if (method === "GET" && url === "/channel-1") {
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
      res.write(": ready\n\n");
      this.listeners.push(res);
    } else if (method === "POST" && url === "/channel-1") {
      const event = JSON.stringify({ ...headers, body: JSON.parse(body) as unknown });
      for (const listener of this.listeners) listener.write(`data: ${event}\n\n`);
      res.writeHead(200).end("ok");
    } else if (method === "POST" && /^\/api\/v3\/app-manifests\/[^/]+\/conversions$/.test(url)) {
      this.conversions.push(url);
      const data = {
        id: 4242,
        pem: this.pem,
        webhook_secret: "whsec",
        client_id: "Iv1.x",
        client_secret: "cs",
        html_url: `${this.base}/apps/review-sla-test`,
      };
      res.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify(data));
    } else res.writeHead(404).end();
  }
}

async function poll<T>(what: string, probe: () => Promise<T | null>): Promise<T> {
  for (let i = 0; i < 100; i += 1) {
    const value = await probe().catch(() => null);
    if (value !== null) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`gave up waiting for ${what}`);
}

describe("first start without credentials", () => {
  let dir: string;
  let stand: StandInProxyAndGitHub;
  let app: RunningApp | null = null;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "review-sla-setup-"));
    stand = new StandInProxyAndGitHub(privateKey());
    await stand.start();
  });
  afterEach(async () => {
    await app?.stop();
    await stand.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("creates a proxy channel, registers from the manifest, then receives a delivery through the proxy", async () => {
    const port = await freePort();
    const env = {
      HOST: "127.0.0.1",
      PORT: String(port),
      GHE_HOST: `127.0.0.1:${stand.port}`,
      GHE_PROTOCOL: "http",
      DATABASE_URL: `sqlite:${join(dir, "app.db")}`,
      LOG_LEVEL: "silent",
    };
    const envFile = join(dir, ".env");
    const log = pino({ level: "silent" });
    const registered = startSetup(loadSettings(env), log, {
      newChannelUrl: `${stand.base}/new`,
      envFile,
      reload: (saved) => loadSettings({ ...env, ...saved }),
    });
    const local = `http://127.0.0.1:${port}`;
    const health = await poll("setup mode", async () => (await fetch(`${local}/healthz`)).json());
    expect(health).toEqual({ status: "ok", mode: "setup" });
    const page = await (await fetch(`${local}/probot`)).text();
    expect(page).toContain(`action="http://127.0.0.1:${stand.port}/settings/apps/new"`);
    expect(page).toContain(
      `&#34;hook_attributes&#34;:{&#34;url&#34;:&#34;${stand.base}/channel-1&#34;}`,
    );

    const back = await fetch(`${local}/probot/setup?code=abc123`, { redirect: "manual" });
    expect(back.headers.get("location")).toBe(
      `${stand.base}/apps/review-sla-test/installations/new`,
    );
    const settings = await registered;
    expect(settings).toMatchObject({
      appId: "4242",
      webhookSecret: "whsec",
      webhookProxyUrl: `${stand.base}/channel-1`,
    });
    expect(readFileSync(envFile, "utf8")).toMatch(/^APP_ID="4242"$/m);

    app = await startApp(settings, log, { background: false });
    await poll("the app to listen on the channel", () =>
      Promise.resolve(stand.listeners.length > 0 ? true : null),
    );
    const payload = JSON.stringify(example("installation", "created"));
    const signature = `sha256=${createHmac("sha256", "whsec").update(payload).digest("hex")}`;
    await fetch(`${stand.base}/channel-1`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-github-event": "installation",
        "x-github-delivery": "d-proxy-1",
        "x-hub-signature-256": signature,
      },
      body: payload,
    });
    const store = app.runtime.options.store;
    const recorded = await poll("the delivery", async () => {
      const rows = await store.outbox.list({ kind: "webhook" });
      return rows.some((r) => r.key === "webhook:d-proxy-1") ? rows : null;
    });
    expect(recorded.map((r) => r.key)).toContain("webhook:d-proxy-1");
  }, 30_000);
});
