// First run without credentials: a webhook proxy channel (as Probot's own setup creates), the
// registration page, and GitHub's manifest conversion, which yields the app's credentials.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import { parseEnv } from "node:util";
import type { Logger } from "pino";
import { SmeeClient } from "smee-client";
import { z } from "zod";
import type { Settings } from "../settings.js";
import { registrationManifest, registrationPage } from "./manifest.js";

export interface SetupOptions {
  /** Where new proxy channels come from (smee.io's by default). */
  newChannelUrl?: string;
  /** The env file credentials are saved to (`.env` in the working directory by default). */
  envFile?: string;
  appYmlFile?: string;
}

const conversionSchema = z.object({
  id: z.number(),
  pem: z.string(),
  webhook_secret: z.string(),
  client_id: z.string(),
  client_secret: z.string(),
  html_url: z.string(),
});

/** Adds `values` to the env file, keeping what else it holds. */
export function saveEnv(file: string, values: Record<string, string>): void {
  const current = existsSync(file) ? parseEnv(readFileSync(file, "utf8")) : {};
  const merged = { ...current, ...values };
  const lines = Object.entries(merged).map(
    ([key, value]) =>
      `${key}="${(value ?? "").replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"')}"`,
  );
  writeFileSync(file, `${lines.join("\n")}\n`, { mode: 0o600 });
}

/** The proxy channel GitHub will deliver to: the configured one, or a new one saved to the env file. */
async function webhookChannel(
  settings: Settings,
  log: Logger,
  options: SetupOptions,
  envFile: string,
): Promise<string | null> {
  const target = `http://${settings.host}:${settings.port}${settings.webhookPath}`;
  if (settings.webhookProxyUrl) {
    log.info(
      { event: "setup.webhook_proxy", url: settings.webhookProxyUrl },
      `Webhook proxy: using WEBHOOK_PROXY_URL ${settings.webhookProxyUrl}; deliveries will be forwarded to ${target}`,
    );
    return settings.webhookProxyUrl;
  }
  try {
    const url = await SmeeClient.createChannel(
      options.newChannelUrl ? { newChannelUrl: options.newChannelUrl } : {},
    );
    saveEnv(envFile, { WEBHOOK_PROXY_URL: url });
    log.info(
      { event: "setup.webhook_proxy", url },
      `Webhook proxy: created ${url} (saved as WEBHOOK_PROXY_URL in ${envFile}); GitHub will deliver there and this app forwards to ${target}`,
    );
    return url;
  } catch (error) {
    log.warn(
      { event: "setup.webhook_proxy", err: error },
      "Webhook proxy: could not create a channel on smee.io; set WEBHOOK_PROXY_URL (or a public URL) before registering, or GitHub will refuse the webhook URL",
    );
    return null;
  }
}

function webBase(settings: Settings): string {
  return settings.githubBaseUrl?.replace(/\/api\/v3$/, "") ?? "https://github.com";
}

/** Trades the code GitHub hands back for the app's credentials, as `.env` entries. */
async function convert(
  settings: Settings,
  code: string,
): Promise<{ env: Record<string, string>; htmlUrl: string }> {
  const api = settings.githubBaseUrl ?? "https://api.github.com";
  const response = await fetch(`${api}/app-manifests/${encodeURIComponent(code)}/conversions`, {
    method: "POST",
    headers: { accept: "application/vnd.github+json", "user-agent": "review-sla" },
    signal: AbortSignal.timeout(15_000),
  });
  if (!response.ok)
    throw new Error(`GitHub answered ${response.status} to the manifest conversion`);
  const data = conversionSchema.parse(await response.json());
  const env = {
    APP_ID: String(data.id),
    PRIVATE_KEY: data.pem,
    WEBHOOK_SECRET: data.webhook_secret,
    GITHUB_CLIENT_ID: data.client_id,
    GITHUB_CLIENT_SECRET: data.client_secret,
  };
  return { env, htmlUrl: data.html_url };
}

function send(
  res: ServerResponse,
  status: number,
  type: string,
  body: string,
  location?: string,
): void {
  res.writeHead(status, { "content-type": type, ...(location ? { location } : {}) }).end(body);
}

/**
 * Serves the registration page until GitHub's conversion succeeds; resolves with the values saved
 * to the env file (APP_ID, PRIVATE_KEY, WEBHOOK_SECRET, WEBHOOK_PROXY_URL, …) once the page is closed.
 */
export async function serveRegistration(
  settings: Settings,
  log: Logger,
  options: SetupOptions = {},
): Promise<Record<string, string>> {
  const envFile = options.envFile ?? ".env";
  const proxy = await webhookChannel(settings, log, options, envFile);
  const appYml = readFileSync(options.appYmlFile ?? "app.yml", "utf8");
  return new Promise((resolve, reject) => {
    const server = createServer((req, res) => {
      handle(req, res).catch((error: unknown) => {
        log.error({ err: error }, "setup.failed");
        send(
          res,
          502,
          "text/plain",
          `Registration failed: ${error instanceof Error ? error.message : String(error)}. Try again from /probot.`,
        );
      });
    });
    const handle = async (req: IncomingMessage, res: ServerResponse) => {
      const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "localhost"}`);
      const baseUrl = `http://${req.headers.host ?? `${settings.host}:${settings.port}`}`;
      if (url.pathname === "/healthz")
        return send(res, 200, "application/json", JSON.stringify({ status: "ok", mode: "setup" }));
      if (url.pathname === "/") return send(res, 302, "text/plain", "", "/probot");
      if (url.pathname === "/probot") {
        const manifest = registrationManifest(appYml, {
          baseUrl,
          webhookUrl: proxy ?? `${baseUrl}${settings.webhookPath}`,
        });
        return send(
          res,
          200,
          "text/html; charset=utf-8",
          registrationPage(`${webBase(settings)}/settings/apps/new`, manifest),
        );
      }
      const code = url.searchParams.get("code");
      if (url.pathname !== "/probot/setup")
        return send(res, 404, "text/plain", "Not found: open / to register the GitHub App.");
      if (!code) return send(res, 400, "text/plain", "code missing");
      const { env, htmlUrl } = await convert(settings, code);
      saveEnv(envFile, env);
      log.info(
        { event: "setup.registered", appId: env.APP_ID },
        `GitHub App registered (APP_ID ${env.APP_ID}); credentials saved to ${envFile}. Install it on a repository; the app starts now.`,
      );
      send(res, 302, "text/plain", "", `${htmlUrl}/installations/new`);
      server.close(() => resolve({ ...env, ...(proxy ? { WEBHOOK_PROXY_URL: proxy } : {}) }));
      server.closeAllConnections();
    };
    server.once("error", reject);
    server.listen(settings.port, settings.host, () => {
      log.info(
        { event: "setup.listening" },
        `No APP_ID/PRIVATE_KEY yet: open http://${settings.host}:${settings.port} to register the GitHub App (or run \`npm run demo\` to see review-sla work without GitHub).`,
      );
    });
  });
}
