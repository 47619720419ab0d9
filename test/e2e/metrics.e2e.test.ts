// GET /metrics: valid Prometheus text that moves when webhooks arrive and GitHub is called, with
// the app on SQLite and on Postgres.
import { DateTime } from "luxon";
import { E2E_TARGET, e2ePerTest, onEveryDatabase } from "../helpers/e2e.js";
import type { E2E } from "../helpers/e2e.js";
import { pullRequestPayload } from "../helpers/webhooks.js";

const SAMPLE =
  /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="(\\.|[^"\\])*",?)*\})? (-?[0-9.]+([eE][+-]?[0-9]+)?|[Nn][Aa][Nn]|[+-]Inf)( -?[0-9]+)?$/;

/** Parses Prometheus text exposition (values as Go parses them: NaN in any case); throws on a malformed line. */
function parseMetrics(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("# HELP ") || line.startsWith("# TYPE ")) continue;
    if (!SAMPLE.test(line)) throw new Error(`not Prometheus text: ${line}`);
    const at = line.lastIndexOf(" ");
    samples.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return samples;
}

onEveryDatabase("GET /metrics", (database) => {
  const opened = DateTime.fromISO("2026-11-23T09:00:00Z", { zone: "utc" });
  const open = e2ePerTest(database);
  let e2e: E2E;

  beforeEach(async () => {
    e2e = await open({ start: opened });
  });

  async function scrape(): Promise<Map<string, number>> {
    const response = await fetch(`http://127.0.0.1:${e2e.app.port}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain");
    return parseMetrics(await response.text());
  }

  it("parses as Prometheus text and counts webhooks, actions, GitHub requests and tracked PRs", async () => {
    const before = await scrape();
    const processed = 'review_sla_webhooks_total{event="pull_request",outcome="recorded"}';
    expect(before.get(processed) ?? 0).toBe(0);
    const payload = pullRequestPayload("opened", {
      ...E2E_TARGET,
      number: 1,
      id: 1001,
      author: "dana",
      createdAt: opened.toISO()!,
      reviewers: ["alice"],
    });
    expect(await e2e.deliver("pull_request", payload)).toBe(200);
    const after = await scrape();
    expect(after.get(processed)).toBe(1);
    expect(after.get('review_sla_actions_total{kind="webhook",outcome="done"}')).toBe(1);
    expect(after.get("review_sla_tracked_pull_requests")).toBe(1);
    expect(after.get('review_sla_actions_total{kind="import-repository",outcome="done"}')).toBe(1);
    expect(
      after.get('review_sla_github_requests_total{installation="42",status="2xx"}'),
    ).toBeGreaterThan(0);
    expect(after.get("review_sla_outbox_pending")).toBe(0);
  });
});
