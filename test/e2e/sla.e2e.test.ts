// End to end: the real app (Probot server, handlers, store, sweep, action worker) on SQLite and
// on Postgres, against a stand-in GitHub on 127.0.0.1, with signed webhooks built from GitHub's
// example payloads. Each test opens its own app and PR, and walks the clock as far as it needs.
import { DateTime } from "luxon";
import { WEBHOOK_SECRET } from "../helpers/app.js";
import { e2ePerTest, onEveryDatabase } from "../helpers/e2e.js";
import type { E2E } from "../helpers/e2e.js";
import { deliver, pullRequestPayload } from "../helpers/webhooks.js";
import type { PullScenario } from "../helpers/webhooks.js";

const CONFIG = `
timezone: Europe/Berlin
clock: workdays
escalation:
  to: ["@octo/leads"]
checklist:
  enabled: false
`;

// Monday 23 November 2026, 09:00 in Berlin.
const opened = DateTime.fromISO("2026-11-23T09:00:00", { zone: "Europe/Berlin" }).toUTC();
const berlin = (iso: string) => DateTime.fromISO(iso, { zone: "Europe/Berlin" }).toUTC();

const scenario: PullScenario = {
  installationId: 42,
  repo: { id: 501, owner: "octo", name: "api" },
  number: 7,
  id: 7007,
  author: "dana",
  createdAt: opened.toISO()!,
  reviewers: ["alice"],
  title: "Add @channel support <!-- -->",
};

/** GitHub's copy of PR #7: review requested from alice when it was opened. */
function addPullToGitHub(e2e: E2E): void {
  e2e.github.addPull("octo/api", {
    id: 7007,
    number: 7,
    title: scenario.title!,
    user: { login: "dana", type: "User" },
    draft: false,
    state: "open",
    created_at: opened.toISO()!,
    updated_at: opened.toISO()!,
    closed_at: null,
    merged_at: null,
    labels: [],
    head: { sha: "abc123", ref: "feature" },
    additions: 40,
    deletions: 2,
    changed_files: 3,
    requested_reviewers: [{ login: "alice" }],
    requested_teams: [],
    files: ["src/api.ts"],
    events: [
      {
        event: "review_requested",
        created_at: opened.toISO()!,
        requested_reviewer: { login: "alice" },
      },
    ],
  });
}

const deliverOpened = (e2e: E2E) =>
  deliver(e2e.app.port, WEBHOOK_SECRET, {
    event: "pull_request",
    payload: pullRequestPayload("opened", scenario),
    id: "delivery-opened",
  });

const sweepAt = (e2e: E2E, iso: string) => e2e.runAt(berlin(iso));
const bodies = (e2e: E2E) =>
  e2e.github.postedComments().map((c) => (c.body as { body: string }).body);

onEveryDatabase("review-sla end to end against a stand-in GitHub", (database) => {
  const start = e2ePerTest(database);

  /** The app, with PR #7 opened on Monday 09:00 and recorded. */
  async function openedPull(): Promise<E2E> {
    const e2e = await start({ start: opened, config: CONFIG });
    addPullToGitHub(e2e);
    expect((await deliverOpened(e2e)).status).toBe(200);
    await e2e.app.runtime.actionWorker.drain();
    return e2e;
  }

  /** Reminded on Tuesday and escalated on Wednesday, as the tests below show. */
  async function remindedAndEscalated(e2e: E2E): Promise<void> {
    await sweepAt(e2e, "2026-11-24T10:00:00");
    await sweepAt(e2e, "2026-11-25T10:00:00");
    expect(e2e.github.postedComments()).toHaveLength(2);
  }

  it("records a signed pull_request webhook and imports the repository's config", async () => {
    const e2e = await start({ start: opened, config: CONFIG });
    addPullToGitHub(e2e);
    const { status } = await deliverOpened(e2e);
    expect(status).toBe(200);
    await e2e.app.runtime.actionWorker.drain();
    const repo = await e2e.app.runtime.options.store.repos.get(501);
    expect(repo?.configErrors).toEqual([]);
    expect(repo?.configJson).toMatchObject({ timezone: "Europe/Berlin" });
    const pr = await e2e.app.runtime.options.store.pulls.get(7007);
    expect(pr?.requests.map((r) => r.reviewer)).toEqual([{ type: "user", login: "alice" }]);
  });

  it("does nothing and calls GitHub not at all before the first-review SLA", async () => {
    const e2e = await openedPull();
    const before = e2e.github.apiCalls().length;
    const report = await sweepAt(e2e, "2026-11-24T08:30:00");
    expect(report?.actions).toEqual([]);
    expect(e2e.github.apiCalls().length).toBe(before);
  });

  it("reminds the requested reviewer once after 24 working hours", async () => {
    const e2e = await openedPull();
    await sweepAt(e2e, "2026-11-24T10:00:00");
    const posted = e2e.github.postedComments();
    expect(posted).toHaveLength(1);
    expect(posted[0]?.path).toBe("/repos/octo/api/issues/7/comments");
    expect(bodies(e2e)[0]).toBe(
      [
        "<!-- review-sla:reminder key=reminder:501/7:c1:first_review -->",
        "**Review reminder:** this pull request has waited more than 24h on working days for a first review, past its first-review SLA.",
        "",
        "@alice — could you take a look, or hand it to someone who can?",
      ].join("\n"),
    );
    await sweepAt(e2e, "2026-11-24T11:00:00");
    expect(e2e.github.postedComments()).toHaveLength(1);
  });

  it("escalates once after 48 working hours to the configured targets", async () => {
    const e2e = await openedPull();
    await sweepAt(e2e, "2026-11-24T10:00:00");
    await sweepAt(e2e, "2026-11-25T10:00:00");
    const posted = e2e.github.postedComments();
    expect(posted).toHaveLength(2);
    expect(bodies(e2e)[1]).toBe(
      [
        "<!-- review-sla:escalation key=escalation:501/7:c1:resolution -->",
        "**Escalation:** this pull request has gone more than 48h on working days without being merged or getting changes requested, past its resolution SLA.",
        "",
        "@octo/leads — please help unblock it.",
        "Still waiting on: @alice.",
      ].join("\n"),
    );
    await sweepAt(e2e, "2026-11-25T12:00:00");
    expect(e2e.github.postedComments()).toHaveLength(2);
  });

  it("ignores a redelivered webhook", async () => {
    const e2e = await openedPull();
    await remindedAndEscalated(e2e);
    const calls = e2e.github.apiCalls().length;
    const { status } = await deliverOpened(e2e);
    expect(status).toBe(200);
    await sweepAt(e2e, "2026-11-25T13:00:00");
    expect(e2e.github.apiCalls().length).toBe(calls);
    expect(await e2e.app.runtime.options.store.outbox.list({ status: "pending" })).toEqual([]);
  });

  it("posts nothing new after a restart on the same database", async () => {
    const e2e = await openedPull();
    await remindedAndEscalated(e2e);
    await e2e.restart();
    const calls = e2e.github.apiCalls().length;
    await sweepAt(e2e, "2026-11-25T14:00:00");
    expect(e2e.github.apiCalls().length).toBe(calls);
    expect(e2e.github.postedComments()).toHaveLength(2);
  });

  it("rejects a webhook with a bad signature and stores nothing", async () => {
    const e2e = await openedPull();
    const forged = pullRequestPayload("opened", { ...scenario, number: 8, id: 8008 });
    const { status } = await deliver(e2e.app.port, WEBHOOK_SECRET, {
      event: "pull_request",
      payload: forged,
      signature: `sha256=${"0".repeat(64)}`,
    });
    expect(status).toBe(400);
    expect(await e2e.app.runtime.options.store.pulls.get(8008)).toBeNull();
  });
});
