import { loadSettings, SettingsError } from "../src/settings.js";
import { startProblems } from "../src/server.js";

describe("settings", () => {
  it("applies the documented defaults", () => {
    const settings = loadSettings({});
    expect(settings).toMatchObject({
      port: 3000,
      host: "localhost",
      webhookPath: "/api/github/webhooks",
      sweepIntervalSeconds: 300,
      reconcileIntervalSeconds: 86400,
      actionLeaseSeconds: 300,
      databaseUrl: undefined,
      githubBaseUrl: undefined,
    });
  });

  it("reads ACTION_LEASE_SECONDS as the action lease", () => {
    expect(loadSettings({ ACTION_LEASE_SECONDS: "5" }).actionLeaseSeconds).toBe(5);
  });

  it("builds the GitHub Enterprise API URL from GHE_HOST and GHE_PROTOCOL", () => {
    expect(loadSettings({ GHE_HOST: "ghe.example.com" }).githubBaseUrl).toBe(
      "https://ghe.example.com/api/v3",
    );
    expect(loadSettings({ GHE_HOST: "127.0.0.1:8080", GHE_PROTOCOL: "http" }).githubBaseUrl).toBe(
      "http://127.0.0.1:8080/api/v3",
    );
  });

  it("lists every invalid setting at once", () => {
    let error: unknown;
    try {
      loadSettings({
        PORT: "abc",
        SWEEP_INTERVAL_SECONDS: "-5",
        ACTION_LEASE_SECONDS: "0.5",
        LOG_LEVEL: "loud",
        GHE_HOST: "x",
        GHE_PROTOCOL: "ftp",
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SettingsError);
    const problems = (error as SettingsError).problems.join("\n");
    for (const name of [
      "PORT",
      "SWEEP_INTERVAL_SECONDS",
      "ACTION_LEASE_SECONDS",
      "LOG_LEVEL",
      "GHE_PROTOCOL",
    ])
      expect(problems).toContain(name);
  });

  it("accepts a private key with escaped newlines or base64-encoded", () => {
    const pem = "-----BEGIN RSA PRIVATE KEY-----\nabc\n-----END RSA PRIVATE KEY-----\n";
    expect(loadSettings({ PRIVATE_KEY: pem.replace(/\n/g, "\\n") }).privateKey).toBe(pem);
    expect(loadSettings({ PRIVATE_KEY: Buffer.from(pem).toString("base64") }).privateKey).toBe(pem);
  });

  it("requires WEBHOOK_SECRET unless NODE_ENV is development", () => {
    const base = { APP_ID: "1", PRIVATE_KEY: "-----BEGIN x-----" };
    expect(startProblems(loadSettings(base))).toEqual([expect.stringContaining("WEBHOOK_SECRET")]);
    expect(startProblems(loadSettings({ ...base, NODE_ENV: "development" }))).toEqual([]);
    expect(startProblems(loadSettings({ NODE_ENV: "production" }))).toEqual([
      expect.stringContaining("APP_ID"),
      expect.stringContaining("PRIVATE_KEY"),
      expect.stringContaining("WEBHOOK_SECRET"),
    ]);
  });

  it("reads retention in days, defaulting to 7, 30 and 30, and keeps delivery ids a week at least", () => {
    expect(loadSettings({}).retention).toEqual({
      webhookPayloadDays: 7,
      deliveryDays: 30,
      actionDays: 30,
    });
    const env = {
      RETENTION_WEBHOOK_PAYLOAD_DAYS: "2",
      RETENTION_DELIVERY_DAYS: "14",
      RETENTION_ACTION_DAYS: "90",
    };
    expect(loadSettings(env).retention).toEqual({
      webhookPayloadDays: 2,
      deliveryDays: 14,
      actionDays: 90,
    });
    expect(() => loadSettings({ RETENTION_DELIVERY_DAYS: "3" })).toThrow(/at least 7/);
    expect(() => loadSettings({ RETENTION_ACTION_DAYS: "0" })).toThrow(/RETENTION_ACTION_DAYS/);
  });
});
