// The dashboard over HTTP with the real app and the stand-in GitHub's OAuth: sign-in, sessions,
// and that a user sees only what their own GitHub token can see, also by direct URL and CSV.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { DateTime } from "luxon";
import { dashboardHandler } from "../../src/http/dashboard/routes.js";
import { silentLog } from "../helpers/app.js";
import type { E2E } from "../helpers/e2e.js";
import { e2ePerTest, onEveryDatabase } from "../helpers/e2e.js";
import { dashboardEnv, get, setCookies, signIn } from "../helpers/dashboard.js";
import { INSTALLATION, seedInstallation, seedPull } from "../helpers/digest-store.js";

const NOW = DateTime.fromISO("2026-11-26T15:00:00Z", { zone: "utc" });

async function withTwoRepositories(e2e: E2E): Promise<void> {
  e2e.github.addRepo({ id: 502, owner: "octo", name: "secret" });
  e2e.github.oauth.addUser({
    login: "alice",
    id: 1,
    access: { [INSTALLATION]: ["octo/api", "octo/secret"] },
  });
  e2e.github.oauth.addUser({ login: "bob", id: 2, access: { [INSTALLATION]: ["octo/api"] } });
  e2e.github.oauth.addUser({ login: "eve", id: 3, access: {} });
  const { store } = e2e.app.runtime.options;
  await seedInstallation(
    store,
    [
      { id: 501, name: "api" },
      { id: 502, name: "secret" },
    ],
    NOW,
  );
  await seedPull(store, {
    repositoryId: 501,
    number: 1,
    title: "Visible <b>change</b>",
    createdAt: NOW.minus({ days: 3 }),
    reviewers: ["carol"],
  });
  await seedPull(store, {
    repositoryId: 502,
    repo: "secret",
    number: 2,
    title: "Hidden launch plan",
    createdAt: NOW.minus({ days: 3 }),
    reviewers: ["mallory"],
  });
}

/** A second dashboard, as another replica would serve it, on the app's own store; its address. */
async function secondReplica(e2e: E2E): Promise<{ base: string; close: () => void }> {
  const env = dashboardEnv(e2e.github);
  const handler = dashboardHandler({
    settings: {
      oauth: { clientId: env.GITHUB_CLIENT_ID ?? "", clientSecret: env.GITHUB_CLIENT_SECRET ?? "" },
      sessionSecret: env.SESSION_SECRET ?? null,
      publicUrl: null,
      sessionHours: 8,
    },
    production: false,
    githubBaseUrl: `http://${e2e.github.host}/api/v3`,
    store: e2e.app.runtime.options.store,
    configs: e2e.app.runtime.configs,
    clock: e2e.clock,
    log: silentLog,
  });
  const server = createServer((req, res) => {
    void handler(req, res).then((answered) => {
      if (!answered) res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { base: `http://127.0.0.1:${port}`, close: () => server.close() };
}

onEveryDatabase("the dashboard", (database) => {
  const start = e2ePerTest(database);
  const open = async () => {
    const e2e = await start({ start: NOW, env: dashboardEnv });
    await withTwoRepositories(e2e);
    return { e2e, base: `http://127.0.0.1:${e2e.app.port}` };
  };

  it("says how to turn itself on when the App's OAuth credentials are not set", async () => {
    const e2e = await start({ start: NOW });
    const page = await get(`http://127.0.0.1:${e2e.app.port}/dashboard`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("GITHUB_CLIENT_ID");
    expect(html).toContain("GITHUB_CLIENT_SECRET");
  });

  it("sends a signed-out visitor to the sign-in page, for pages and CSV alike", async () => {
    const { base } = await open();
    for (const path of [
      "/dashboard",
      `/dashboard/${INSTALLATION}`,
      `/dashboard/${INSTALLATION}/breaching.csv`,
    ]) {
      const answer = await get(`${base}${path}`);
      expect([answer.status, answer.headers.get("location")]).toEqual([302, "/dashboard/sign-in"]);
    }
    const forged = await get(`${base}/dashboard`, "review_sla_session=made-up.signature");
    expect(forged.headers.get("location")).toBe("/dashboard/sign-in");
  });

  it("signs in through GitHub with a checked state and an HttpOnly, SameSite=Lax session cookie", async () => {
    const { e2e, base } = await open();
    const { cookie, setCookie } = await signIn(e2e.app.port, e2e.github, "alice");
    const session = setCookie.find((c) => c.startsWith("review_sla_session="));
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Lax/);
    expect(session).toMatch(/Max-Age=28800/);
    expect(session).not.toMatch(/ghu_/);
    const index = await get(`${base}/dashboard`, cookie);
    expect(index.status).toBe(200);
    expect(index.headers.get("content-security-policy")).toContain("script-src 'self'");
    const html = await index.text();
    expect(html).toContain(`href="/dashboard/${INSTALLATION}"`);
    expect(html).not.toMatch(/ghu_standin/);
    const exchange = e2e.github.requests.filter((r) => r.path === "/login/oauth/access_token");
    expect(exchange).toHaveLength(1);
  });

  it("refuses a callback whose state was not issued to this browser", async () => {
    const { e2e, base } = await open();
    const start = await get(`${base}/dashboard/login`);
    const approved = await get(start.headers.get("location") ?? "");
    const back = await get(
      approved.headers.get("location") ?? "",
      "review_sla_oauth_state=forged.sig",
    );
    expect(back.status).toBe(400);
    expect(setCookies(back).has("review_sla_session")).toBe(false);
    expect(e2e.github.requests.filter((r) => r.path === "/login/oauth/access_token")).toHaveLength(
      0,
    );
  });

  it("shows a user only the repositories and PRs their token can see, even by direct URL", async () => {
    const { e2e, base } = await open();
    const alice = (await signIn(e2e.app.port, e2e.github, "alice")).cookie;
    const bob = (await signIn(e2e.app.port, e2e.github, "bob")).cookie;
    const alicePage = await (await get(`${base}/dashboard/${INSTALLATION}`, alice)).text();
    expect(alicePage).toContain("Hidden launch plan");
    expect(alicePage).toContain("Visible &lt;b&gt;change&lt;/b&gt;");
    const bobPage = await (await get(`${base}/dashboard/${INSTALLATION}`, bob)).text();
    expect(bobPage).toContain("Visible &lt;b&gt;change&lt;/b&gt;");
    expect(bobPage).not.toContain("octo/secret");
    expect(bobPage).not.toContain("Hidden launch plan");
    const direct = await get(`${base}/dashboard/${INSTALLATION}?repo=octo/secret`, bob);
    expect(direct.status).toBe(404);
    const csv = await get(
      `${base}/dashboard/${INSTALLATION}/breaching.csv?repo=octo%2Fsecret`,
      bob,
    );
    expect(csv.status).toBe(404);
    const bobCsv = await (await get(`${base}/dashboard/${INSTALLATION}/breaching.csv`, bob)).text();
    expect(bobCsv).toContain("octo/api#1");
    expect(bobCsv).not.toContain("secret");
    const eve = (await signIn(e2e.app.port, e2e.github, "eve")).cookie;
    expect((await get(`${base}/dashboard/${INSTALLATION}`, eve)).status).toBe(404);
  });

  it("keeps a session across a restart and serves it from another replica", async () => {
    const { e2e } = await open();
    const { cookie } = await signIn(e2e.app.port, e2e.github, "bob");
    const replica = await secondReplica(e2e);
    try {
      const there = await get(`${replica.base}/dashboard/${INSTALLATION}`, cookie);
      expect(there.status).toBe(200);
      expect(await there.text()).toContain("Visible &lt;b&gt;change&lt;/b&gt;");
    } finally {
      replica.close();
    }
    await e2e.restart();
    const after = await get(`http://127.0.0.1:${e2e.app.port}/dashboard/${INSTALLATION}`, cookie);
    expect(after.status).toBe(200);
    expect(await after.text()).toContain('<span class="viewer">bob</span>');
  });

  it("ends the session at sign-out", async () => {
    const { e2e, base } = await open();
    const { cookie } = await signIn(e2e.app.port, e2e.github, "alice");
    const out = await fetch(`${base}/dashboard/logout`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie },
    });
    expect(out.headers.get("location")).toBe("/dashboard/sign-in");
    expect(setCookies(out).get("review_sla_session")).toBe("");
    expect((await get(`${base}/dashboard`, cookie)).headers.get("location")).toBe(
      "/dashboard/sign-in",
    );
  });
});
