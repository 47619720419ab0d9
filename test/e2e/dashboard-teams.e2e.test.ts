// The dashboard's team filter over HTTP with the real app: a team is a digest scope, shown only
// within the repositories the viewer's own token can see; another team answers 404 like a
// repository the viewer cannot see, for pages and CSV alike.
import { DateTime } from "luxon";
import type { E2E } from "../helpers/e2e.js";
import { e2ePerTest, onEveryDatabase } from "../helpers/e2e.js";
import { dashboardEnv, get, signIn } from "../helpers/dashboard.js";
import { INSTALLATION, seedInstallation, seedPull } from "../helpers/digest-store.js";

const NOW = DateTime.fromISO("2026-11-26T15:00:00Z", { zone: "utc" });

const platform = {
  timezone: "Asia/Tokyo",
  digest: { scope: { name: "Platform", repos: ["api"], teams: ["platform"] } },
};
const launch = { digest: { scope: { name: "Launch", repos: ["secret"] } } };

/** octo/api (Platform's), octo/secret (Launch's), octo/web (nobody's); dana is in @octo/platform. */
async function seedTeams(e2e: E2E, members: "cached" | "on GitHub"): Promise<void> {
  e2e.github.addRepo({ id: 502, owner: "octo", name: "secret" });
  e2e.github.addRepo({ id: 503, owner: "octo", name: "web" });
  const all = ["octo/api", "octo/secret", "octo/web"];
  e2e.github.oauth.addUser({ login: "alice", id: 1, access: { [INSTALLATION]: all } });
  e2e.github.oauth.addUser({
    login: "bob",
    id: 2,
    access: { [INSTALLATION]: ["octo/api", "octo/web"] },
  });
  const { store } = e2e.app.runtime.options;
  await seedInstallation(
    store,
    [
      { id: 501, name: "api", config: platform },
      { id: 502, name: "secret", config: launch },
      { id: 503, name: "web" },
    ],
    NOW,
  );
  if (members === "cached")
    await store.assignment.saveTeamMembers(INSTALLATION, "octo/platform", ["Dana"], NOW);
  else e2e.github.assignment.teams.set("octo/platform", ["Dana"]);
  const overdue = { createdAt: NOW.minus({ days: 3 }), reviewers: ["carol"] };
  const pulls = [
    { repositoryId: 501, repo: "api", number: 1, author: "zed", title: "API by anyone" },
    { repositoryId: 503, repo: "web", number: 3, author: "dana", title: "Web by Dana" },
    { repositoryId: 503, repo: "web", number: 4, author: "erin", title: "Web by Erin" },
    { repositoryId: 502, repo: "secret", number: 2, author: "zed", title: "Launch plan" },
    { repositoryId: 502, repo: "secret", number: 5, author: "dana", title: "Dana's secret" },
  ];
  for (const pull of pulls) await seedPull(store, { ...pull, ...overdue });
}

onEveryDatabase("the dashboard's team filter", (database) => {
  const start = e2ePerTest(database);
  const open = async (members: "cached" | "on GitHub" = "cached") => {
    const e2e = await start({ start: NOW, env: dashboardEnv });
    await seedTeams(e2e, members);
    const base = `http://127.0.0.1:${e2e.app.port}/dashboard/${INSTALLATION}`;
    const as = async (login: string) => {
      const { cookie } = await signIn(e2e.app.port, e2e.github, login);
      return (path: string) => get(`${base}${path}`, cookie);
    };
    return { as, e2e };
  };

  it("offers each viewer the teams they can see", async () => {
    const { as } = await open();
    const alice = await (await (await as("alice"))("")).text();
    expect(alice).toContain('<option value="platform">Platform</option>');
    expect(alice).toContain('<option value="launch">Launch</option>');
    const bob = await (await (await as("bob"))("")).text();
    expect(bob).toContain('<option value="platform">Platform</option>');
    expect(bob).not.toContain("Launch");
  });

  it("shows the team's repositories and its members' PRs elsewhere, within what the viewer sees", async () => {
    const { as } = await open();
    const bob = await as("bob");
    const page = await bob("?team=platform");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("<h1>Platform</h1>");
    expect(html).toContain("Asia/Tokyo");
    expect(html).toContain("API by anyone");
    expect(html).toContain("Web by Dana");
    expect(html).not.toContain("Web by Erin");
    expect(html).not.toContain("Dana&#39;s secret");
    expect(html).toContain('href="/dashboard/42/breaching.csv?team=platform"');
    const csv = await (await bob("/breaching.csv?team=platform")).text();
    expect(csv).toContain("octo/api#1");
    expect(csv).toContain("octo/web#3");
    expect(csv).not.toContain("octo/web#4");
    expect(csv).not.toContain("secret");
    const alice = await (await (await as("alice"))("/breaching.csv?team=platform")).text();
    expect(alice).toContain("octo/secret#5");
    expect(alice).not.toContain("octo/secret#2");
  });

  it("reads the members of a team missing from the cache from GitHub, then from the cache", async () => {
    const { as, e2e } = await open("on GitHub");
    const bob = await as("bob");
    expect(await (await bob("/breaching.csv?team=platform")).text()).toContain("octo/web#3");
    expect(await (await bob("/breaching.csv?team=platform&repo=octo/web")).text()).toContain(
      "octo/web#3",
    );
    const asked = e2e.github.requests.filter((r) => r.path.endsWith("/teams/platform/members"));
    expect(asked).toHaveLength(1);
  });

  it("narrows a team to one of its repositories with the repository filter", async () => {
    const { as } = await open();
    const csv = await (
      await (
        await as("bob")
      )("/breaching.csv?team=platform&repo=octo/web")
    ).text();
    expect(csv).toContain("octo/web#3");
    expect(csv).not.toContain("octo/api#1");
  });

  it("answers 404 for a team the viewer cannot see, exactly as for one that does not exist", async () => {
    const { as } = await open();
    const bob = await as("bob");
    const hidden = await bob("?team=launch");
    const missing = await bob("?team=no-such-team");
    expect([hidden.status, missing.status]).toEqual([404, 404]);
    expect(await hidden.text()).toBe(await missing.text());
    expect((await bob("/breaching.csv?team=launch")).status).toBe(404);
    expect((await bob("/breaching.csv?team=installation:42:launch")).status).toBe(404);
    const alice = await as("alice");
    expect((await alice("?team=installation:42:launch")).status).toBe(200);
  });
});
