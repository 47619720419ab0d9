// The dashboard in a real browser (Debian's Chromium via playwright-core) against the real app
// and the stand-in GitHub's OAuth: sign-in, access, charts against their tables, no console
// error and no request leaving 127.0.0.1. Screenshots go to artifacts/screenshots/.
import { DateTime } from "luxon";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { E2E } from "../helpers/e2e.js";
import { E2E as App, onEveryDatabase } from "../helpers/e2e.js";
import { chromiumAvailable, launchChromium, SCREENSHOTS } from "../helpers/chromium.js";
import { dashboardEnv } from "../helpers/dashboard.js";
import { INSTALLATION, seedInstallation, seedPull } from "../helpers/digest-store.js";

const NOW = DateTime.fromISO("2026-11-26T15:00:00Z", { zone: "utc" });
const run = chromiumAvailable() ? describe : describe.skip;

/** The "Platform" team: octo/api, and the PRs of @octo/platform's members anywhere. */
const PLATFORM = { digest: { scope: { name: "Platform", repos: ["api"], teams: ["platform"] } } };

/**
 * Four PRs a week for twelve weeks in octo/api (half AI-assisted), open ones in both repos, one
 * of them in octo/secret by erin of @octo/platform.
 */
async function seed(e2e: E2E): Promise<void> {
  e2e.github.addRepo({ id: 502, owner: "octo", name: "secret" });
  e2e.github.oauth.addUser({
    login: "alice",
    id: 1,
    access: { [INSTALLATION]: ["octo/api", "octo/secret"] },
  });
  e2e.github.oauth.addUser({ login: "bob", id: 2, access: { [INSTALLATION]: ["octo/api"] } });
  const { store } = e2e.app.runtime.options;
  await seedInstallation(
    store,
    [
      { id: 501, name: "api", config: PLATFORM },
      { id: 502, name: "secret" },
    ],
    NOW,
  );
  await store.assignment.saveTeamMembers(INSTALLATION, "octo/platform", ["erin"], NOW);
  let number = 100;
  for (let week = 11; week >= 1; week -= 1) {
    const monday = NOW.startOf("week").minus({ weeks: week }).set({ hour: 10 });
    for (let i = 0; i < 4; i += 1) {
      const createdAt = monday.plus({ hours: i });
      await seedPull(store, {
        repositoryId: 501,
        number: (number += 1),
        createdAt,
        aiAssisted: i % 2 === 0,
        reviewers: ["carol"],
        reviews: [{ by: "carol", at: createdAt.plus({ hours: 2 + i }) }],
        mergedAt: createdAt.plus({ days: 1 }),
      });
    }
  }
  await seedPull(store, {
    repositoryId: 501,
    number: 1,
    title: 'Overdue <img src=x onerror="alert(1)">',
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
  await seedPull(store, {
    repositoryId: 502,
    repo: "secret",
    number: 3,
    author: "erin",
    title: "Erin's platform fix",
    createdAt: NOW.minus({ days: 3 }),
    reviewers: ["mallory"],
  });
}

interface Watch {
  errors: string[];
  offHost: string[];
}

async function newPage(
  browser: Browser,
  watch: Watch,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ timezoneId: "America/New_York" });
  await context.route("**/*", async (route) => {
    const host = new URL(route.request().url()).hostname;
    if (host === "127.0.0.1") return route.continue();
    watch.offHost.push(route.request().url());
    return route.abort();
  });
  const page = await context.newPage();
  page.on("console", (m) => {
    // The 404s this test asks for on purpose (a repository the user cannot see) are not errors.
    const expected404 =
      m.location().url.includes("octo/secret") || m.location().url.includes("octo%2Fsecret");
    if (m.type() === "error" && !expected404)
      watch.errors.push(`${m.text()} at ${m.location().url}`);
  });
  page.on("pageerror", (e) => watch.errors.push(e.message));
  return { context, page };
}

async function signIn(page: Page, e2e: E2E, login: string): Promise<void> {
  e2e.github.oauth.signedInAs = login;
  await page.goto(`http://127.0.0.1:${e2e.app.port}/dashboard`);
  await page.click("#sign-in");
  await page.waitForURL(/\/dashboard$/);
}

onEveryDatabase("the dashboard in Chromium", (database) => {
  let e2e: E2E;
  let browser: Browser;
  const watch: Watch = { errors: [], offHost: [] };
  const shot = (page: Page, name: string) =>
    page.screenshot({
      path: `${SCREENSHOTS}/${database.name.toLowerCase()}-${name}.png`,
      fullPage: true,
    });

  beforeAll(async () => {
    if (!chromiumAvailable()) return;
    e2e = await App.start({ start: NOW, env: dashboardEnv, database });
    await seed(e2e);
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await e2e?.stop();
  });

  run("browser", () => {
    it("redirects a signed-out visit to sign-in, then signs in through the stand-in GitHub", async () => {
      const { context, page } = await newPage(browser, watch);
      await page.goto(`http://127.0.0.1:${e2e.app.port}/dashboard/${INSTALLATION}`);
      expect(new URL(page.url()).pathname).toBe("/dashboard/sign-in");
      await shot(page, "sign-in");
      await signIn(page, e2e, "alice");
      expect(await page.textContent("main")).toContain("octo");
      expect(await page.textContent(".viewer")).toBe("alice");
      await shot(page, "organisations");
      await context.close();
    });

    it("draws twelve weekly points per chart, the same numbers as its table", async () => {
      const { context, page } = await newPage(browser, watch);
      await signIn(page, e2e, "alice");
      await page.click(`a[href="/dashboard/${INSTALLATION}"]`);
      await page.waitForSelector("body[data-charts-ready]");
      const charts = await page.$$eval("[data-chart]", (els) =>
        els.map((el) => ({
          id: el.getAttribute("data-chart"),
          points: Number(el.getAttribute("data-points")),
          canvases: el.querySelectorAll("canvas").length,
        })),
      );
      expect(charts.map((c) => c.id)).toEqual([
        "compliance",
        "first-review",
        "cycle-time",
        "actions",
      ]);
      for (const chart of charts) expect([chart.points, chart.canvases]).toEqual([12, 1]);
      const data = JSON.parse((await page.textContent("#dashboard-data")) ?? "{}") as {
        charts: { id: string; series: { values: (number | null)[] }[] }[];
      };
      for (const chart of data.charts) {
        const cells = await page.$$eval(`table[data-table="${chart.id}"] tbody tr`, (rows) =>
          rows.map((r) => [...r.querySelectorAll("td")].slice(1).map((td) => td.textContent)),
        );
        expect(cells).toHaveLength(12);
        const fromChart = chart.series[0]?.values.map((v) => (v === null ? "—" : String(v)));
        expect(cells.map((row) => row[0])).toEqual(fromChart);
      }
      const firstReview = data.charts.find((c) => c.id === "first-review");
      expect(firstReview?.series[0]?.values.filter((v) => v !== null).length).toBeGreaterThan(9);
      expect(await page.textContent("#breaching")).toContain(
        'Overdue <img src=x onerror="alert(1)">',
      );
      expect(await page.$("#breaching img")).toBeNull();
      await shot(page, "organisation");
      await page.selectOption("#repo-filter", "octo/api");
      await page.click(".filters button");
      await page.waitForSelector("body[data-charts-ready]");
      expect(await page.textContent("h1")).toBe("octo/api");
      await shot(page, "repository");
      await context.close();
    });

    it("shows a team's page with only that team's PRs", async () => {
      const { context, page } = await newPage(browser, watch);
      await signIn(page, e2e, "alice");
      await page.goto(`http://127.0.0.1:${e2e.app.port}/dashboard/${INSTALLATION}`);
      await page.selectOption("#team-filter", "platform");
      await page.click(".filters button");
      await page.waitForSelector("body[data-charts-ready]");
      expect(new URL(page.url()).searchParams.get("team")).toBe("platform");
      expect(await page.textContent("h1")).toBe("Platform");
      const rows = await page.$$eval('table[data-table="breaching"] tbody tr', (trs) =>
        trs.map((tr) => tr.textContent ?? ""),
      );
      expect(rows).toHaveLength(2);
      expect(rows.some((r) => r.includes("Erin's platform fix"))).toBe(true);
      expect(rows.some((r) => r.includes("Overdue"))).toBe(true);
      expect(rows.some((r) => r.includes("Hidden launch plan"))).toBe(false);
      await shot(page, "team");
      await context.close();
    });

    it("shows a user without access neither the repository nor its PRs, also by URL and CSV", async () => {
      const { context, page } = await newPage(browser, watch);
      await signIn(page, e2e, "bob");
      await page.goto(`http://127.0.0.1:${e2e.app.port}/dashboard/${INSTALLATION}`);
      await page.waitForSelector("body[data-charts-ready]");
      const text = (await page.textContent("body")) ?? "";
      expect(text).not.toContain("octo/secret");
      expect(text).not.toContain("Hidden launch plan");
      const direct = await page.goto(
        `http://127.0.0.1:${e2e.app.port}/dashboard/${INSTALLATION}?repo=octo/secret`,
      );
      expect(direct?.status()).toBe(404);
      const csv = await page.request.get(
        `http://127.0.0.1:${e2e.app.port}/dashboard/${INSTALLATION}/breaching.csv?repo=octo/secret`,
      );
      expect(csv.status()).toBe(404);
      await shot(page, "no-access");
      await page.goto(`http://127.0.0.1:${e2e.app.port}/dashboard`);
      await page.click("#sign-out");
      expect(new URL(page.url()).pathname).toBe("/dashboard/sign-in");
      await context.close();
    });

    it("logged no console error and sent no request beyond 127.0.0.1", () => {
      expect(watch.errors).toEqual([]);
      expect(watch.offHost).toEqual([]);
    });
  });
});
