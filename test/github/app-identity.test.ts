// Which comments count as the app's own: only its bot account's, however the marker was copied.
import { cachedIdentity, writtenByApp } from "../../src/github/app-identity.js";

const app = { appId: 1, botLogin: "review-sla[bot]" };

describe("writtenByApp", () => {
  it("trusts the app's bot account, whatever the case of its login", () => {
    expect(writtenByApp({ user: { login: "review-sla[bot]", type: "Bot" } }, app)).toBe(true);
    expect(writtenByApp({ user: { login: "Review-SLA[bot]", type: "Bot" } }, app)).toBe(true);
  });

  it("trusts a bot acting through this app, as GitHub reports it", () => {
    const viaApp = {
      user: { login: "renamed[bot]", type: "Bot" },
      performed_via_github_app: { id: 1 },
    };
    expect(writtenByApp(viaApp, app)).toBe(true);
  });

  it("distrusts people, other bots, and people acting through the app", () => {
    expect(writtenByApp({ user: { login: "dana", type: "User" } }, app)).toBe(false);
    expect(writtenByApp({ user: { login: "review-sla[bot]", type: "User" } }, app)).toBe(false);
    expect(writtenByApp({ user: { login: "other[bot]", type: "Bot" } }, app)).toBe(false);
    const person = { user: { login: "dana", type: "User" }, performed_via_github_app: { id: 1 } };
    expect(writtenByApp(person, app)).toBe(false);
    expect(writtenByApp({ user: null }, app)).toBe(false);
  });
});

describe("cachedIdentity", () => {
  it("asks once after a success and again after a failure", async () => {
    let calls = 0;
    const source = cachedIdentity(() => {
      calls += 1;
      return calls === 1 ? Promise.reject(new Error("HTTP 502")) : Promise.resolve(app);
    });
    await expect(source()).rejects.toThrow("HTTP 502");
    await expect(source()).resolves.toEqual(app);
    await expect(source()).resolves.toEqual(app);
    expect(calls).toBe(2);
  });
});
