// The dashboard's settings: on with the App's OAuth client id and secret together, and in
// production only with a session secret.
import { loadSettings, SettingsError } from "../src/settings.js";

const OAUTH = { GITHUB_CLIENT_ID: "Iv1.abc", GITHUB_CLIENT_SECRET: "shh" };
const SECRET = "0123456789abcdef0123456789abcdef";

function problems(env: Record<string, string>): string[] {
  try {
    loadSettings(env);
    return [];
  } catch (error) {
    return error instanceof SettingsError ? error.problems : [String(error)];
  }
}

describe("dashboard settings", () => {
  it("is off without OAuth credentials and on with both, sessions lasting 8 hours", () => {
    expect(loadSettings({}).dashboard.oauth).toBeNull();
    const on = loadSettings(OAUTH).dashboard;
    expect(on.oauth).toEqual({ clientId: "Iv1.abc", clientSecret: "shh" });
    expect(on.sessionHours).toBe(8);
  });

  it("refuses one OAuth credential without the other", () => {
    expect(problems({ GITHUB_CLIENT_ID: "Iv1.abc" })).toEqual([
      expect.stringContaining("set both or neither"),
    ]);
  });

  it("requires a session secret of 32+ characters in production when the dashboard is on", () => {
    expect(problems({ ...OAUTH, NODE_ENV: "production", WEBHOOK_SECRET: "w" })).toEqual([
      expect.stringContaining("SESSION_SECRET is required in production"),
    ]);
    expect(problems({ ...OAUTH, SESSION_SECRET: "short" })).toEqual([
      expect.stringContaining("at least 32 characters"),
    ]);
    expect(problems({ ...OAUTH, NODE_ENV: "production", SESSION_SECRET: SECRET })).toEqual([]);
  });
});
