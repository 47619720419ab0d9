// Process settings, read once from the environment, validated, and passed down.
// This is the only module that looks at process.env.
import { readFileSync } from "node:fs";
import { DEFAULT_RETENTION } from "./store/retention-policy.js";
import type { RetentionPolicy } from "./store/retention-policy.js";

export interface Settings {
  nodeEnv: string;
  production: boolean;
  appId: string | undefined;
  privateKey: string | undefined;
  webhookSecret: string | undefined;
  webhookPath: string;
  webhookProxyUrl: string | undefined;
  host: string;
  port: number;
  logLevel: string;
  logFormat: "json" | "pretty";
  /** `<protocol>://<host>/api/v3` for GitHub Enterprise or a stand-in; undefined for github.com. */
  githubBaseUrl: string | undefined;
  databaseUrl: string | undefined;
  sweepIntervalSeconds: number;
  reconcileIntervalSeconds: number;
  /** How long a claimed action stays leased to its worker; a dead replica's work waits this long. */
  actionLeaseSeconds: number;
  slackBotToken: string | undefined;
  slackApiUrl: string | undefined;
  slackWebhookUrl: string | undefined;
  /** Turns on POST /api/slack/interactions (Slack buttons): requests are verified with it. */
  slackSigningSecret: string | undefined;
  /** RETENTION_WEBHOOK_PAYLOAD_DAYS, RETENTION_DELIVERY_DAYS, RETENTION_ACTION_DAYS. */
  retention: RetentionPolicy;
  /** The dashboard: on when the App's OAuth client id and secret are both set. */
  dashboard: DashboardSettings;
}

export interface DashboardSettings {
  /** GITHUB_CLIENT_ID / GITHUB_CLIENT_SECRET; null when either is missing (dashboard off). */
  oauth: { clientId: string; clientSecret: string } | null;
  /** SESSION_SECRET: signs session cookies; null outside production means a random one per process. */
  sessionSecret: string | null;
  /** DASHBOARD_URL: the public address of the app (for the OAuth callback), e.g. https://sla.example.com. */
  publicUrl: string | null;
  /** DASHBOARD_SESSION_HOURS (default 8): a session ends this long after sign-in. */
  sessionHours: number;
}

export class SettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid settings:\n- ${problems.join("\n- ")}`);
    this.name = "SettingsError";
  }
}

type Env = Record<string, string | undefined>;

function positiveInt(env: Env, name: string, fallback: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    problems.push(`${name} must be a positive whole number, found "${raw}"`);
    return fallback;
  }
  return value;
}

function blankToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value;
}

function readPrivateKey(env: Env, problems: string[]): string | undefined {
  const inline = blankToUndefined(env.PRIVATE_KEY);
  if (inline) {
    // Keys are often passed base64-encoded or with literal "\n" in one-line env files.
    if (!inline.includes("-----BEGIN")) {
      const decoded = Buffer.from(inline, "base64").toString("utf8");
      if (decoded.includes("-----BEGIN")) return decoded;
    }
    return inline.replace(/\\n/g, "\n");
  }
  const path = blankToUndefined(env.PRIVATE_KEY_PATH);
  if (!path) return undefined;
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    problems.push(`PRIVATE_KEY_PATH: cannot read "${path}" (${(error as Error).message})`);
    return undefined;
  }
}

function githubBaseUrl(env: Env, problems: string[]): string | undefined {
  const host = blankToUndefined(env.GHE_HOST);
  if (!host) return undefined;
  const protocol = blankToUndefined(env.GHE_PROTOCOL) ?? "https";
  if (protocol !== "http" && protocol !== "https") {
    problems.push(`GHE_PROTOCOL must be "http" or "https", found "${protocol}"`);
  }
  return `${protocol}://${host}/api/v3`;
}

/** GitHub redelivers a webhook for up to 7 days (3 on github.com): delivery ids must outlive that. */
const MIN_DELIVERY_DAYS = 7;

function retention(env: Env, problems: string[]): RetentionPolicy {
  const policy = {
    webhookPayloadDays: positiveInt(
      env,
      "RETENTION_WEBHOOK_PAYLOAD_DAYS",
      DEFAULT_RETENTION.webhookPayloadDays,
      problems,
    ),
    deliveryDays: positiveInt(
      env,
      "RETENTION_DELIVERY_DAYS",
      DEFAULT_RETENTION.deliveryDays,
      problems,
    ),
    actionDays: positiveInt(env, "RETENTION_ACTION_DAYS", DEFAULT_RETENTION.actionDays, problems),
  };
  if (policy.deliveryDays < MIN_DELIVERY_DAYS) {
    problems.push(
      `RETENTION_DELIVERY_DAYS must be at least ${MIN_DELIVERY_DAYS} (GitHub redelivers webhooks ` +
        `for up to ${MIN_DELIVERY_DAYS} days), found "${policy.deliveryDays}"`,
    );
  }
  return policy;
}

function dashboard(env: Env, production: boolean, problems: string[]): DashboardSettings {
  const clientId = blankToUndefined(env.GITHUB_CLIENT_ID);
  const clientSecret = blankToUndefined(env.GITHUB_CLIENT_SECRET);
  const sessionSecret = blankToUndefined(env.SESSION_SECRET) ?? null;
  const publicUrl = blankToUndefined(env.DASHBOARD_URL)?.replace(/\/+$/, "") ?? null;
  const oauth = clientId && clientSecret ? { clientId, clientSecret } : null;
  if ((clientId === undefined) !== (clientSecret === undefined)) {
    problems.push(
      "GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET turn on the dashboard together: set both or neither",
    );
  }
  if (oauth && production && sessionSecret === null) {
    problems.push(
      "SESSION_SECRET is required in production when the dashboard is on (GITHUB_CLIENT_ID is set)",
    );
  }
  if (sessionSecret !== null && sessionSecret.length < 32) {
    problems.push("SESSION_SECRET must be at least 32 characters (e.g. `openssl rand -hex 32`)");
  }
  if (publicUrl !== null && !/^https?:\/\/[^/]+/.test(publicUrl)) {
    problems.push(
      `DASHBOARD_URL must be an http(s) address like https://sla.example.com, found "${publicUrl}"`,
    );
  }
  const sessionHours = positiveInt(env, "DASHBOARD_SESSION_HOURS", 8, problems);
  return { oauth, sessionSecret, publicUrl, sessionHours };
}

/** Reads and validates settings; throws SettingsError listing every problem at once. */
export function loadSettings(env: Env = process.env): Settings {
  const problems: string[] = [];
  const nodeEnv = env.NODE_ENV ?? "";
  const logFormat = env.LOG_FORMAT === "pretty" ? "pretty" : "json";
  const settings: Settings = {
    nodeEnv,
    production: nodeEnv === "production",
    appId: blankToUndefined(env.APP_ID),
    privateKey: readPrivateKey(env, problems),
    webhookSecret: blankToUndefined(env.WEBHOOK_SECRET),
    webhookPath: blankToUndefined(env.WEBHOOK_PATH) ?? "/api/github/webhooks",
    webhookProxyUrl: blankToUndefined(env.WEBHOOK_PROXY_URL),
    host: blankToUndefined(env.HOST) ?? "localhost",
    port: positiveInt(env, "PORT", 3000, problems),
    logLevel: blankToUndefined(env.LOG_LEVEL) ?? "info",
    logFormat,
    githubBaseUrl: githubBaseUrl(env, problems),
    databaseUrl: blankToUndefined(env.DATABASE_URL),
    sweepIntervalSeconds: positiveInt(env, "SWEEP_INTERVAL_SECONDS", 300, problems),
    reconcileIntervalSeconds: positiveInt(env, "RECONCILE_INTERVAL_SECONDS", 86400, problems),
    actionLeaseSeconds: positiveInt(env, "ACTION_LEASE_SECONDS", 300, problems),
    slackBotToken: blankToUndefined(env.SLACK_BOT_TOKEN),
    slackApiUrl: blankToUndefined(env.SLACK_API_URL),
    slackWebhookUrl: blankToUndefined(env.SLACK_WEBHOOK_URL),
    slackSigningSecret: blankToUndefined(env.SLACK_SIGNING_SECRET),
    retention: retention(env, problems),
    dashboard: dashboard(env, nodeEnv === "production", problems),
  };
  const levels = ["trace", "debug", "info", "warn", "error", "fatal", "silent"];
  if (!levels.includes(settings.logLevel)) {
    problems.push(`LOG_LEVEL must be one of ${levels.join(", ")}, found "${settings.logLevel}"`);
  }
  if (problems.length > 0) throw new SettingsError(problems);
  return settings;
}

/** What a real start needs; empty when the app can run against GitHub. */
export function missingForStart(settings: Settings): string[] {
  const missing: string[] = [];
  if (!settings.appId) missing.push("APP_ID");
  if (!settings.privateKey) missing.push("PRIVATE_KEY or PRIVATE_KEY_PATH");
  if (!settings.webhookSecret && settings.nodeEnv !== "development") missing.push("WEBHOOK_SECRET");
  return missing;
}

/** Settings again, with values just saved (e.g. by the registration page) over the environment. */
export function reloadSettings(saved: Env): Settings {
  return loadSettings({ ...process.env, ...saved });
}
