// `review-sla demo --serve`: after the simulated week the app keeps running with its dashboard,
// which a visitor signs in to through the stand-in GitHub's OAuth; it stops when told to.
import { pino } from "pino";
import { runDemo } from "../../src/demo/run.js";

async function follow(url: string, cookies: Map<string, string>): Promise<Response> {
  for (let hop = 0; hop < 6; hop += 1) {
    const cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const answer = await fetch(url, { redirect: "manual", headers: { cookie } });
    for (const header of answer.headers.getSetCookie()) {
      const [pair = ""] = header.split(";");
      const eq = pair.indexOf("=");
      cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    const next = answer.headers.get("location");
    if (answer.status !== 302 || next === null) return answer;
    url = new URL(next, url).toString();
  }
  throw new Error("too many redirects");
}

describe("review-sla demo --serve", () => {
  it("prints the dashboard's address, serves it signed in through the stand-in GitHub, and stops", async () => {
    const lines: string[] = [];
    let page = "";
    let served = "";
    const code = await runDemo({
      log: pino({ level: "silent" }),
      verbose: false,
      out: (line) => lines.push(line),
      serveUntil: async (dashboardUrl) => {
        served = dashboardUrl;
        const cookies = new Map<string, string>();
        await follow(`${dashboardUrl}/login`, cookies);
        page = await (await follow(`${dashboardUrl}/7`, cookies)).text();
      },
    });
    expect(code).toBe(0);
    expect(lines).toContain(`Dashboard: ${served}`);
    expect(page).toContain("acme/api");
    expect(page).toContain('<span class="viewer">demo-viewer</span>');
    await expect(fetch(served)).rejects.toThrow();
  }, 120_000);
});
