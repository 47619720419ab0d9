// End to end: reviewer assignment through the real app (Probot server, handlers, store, sweep,
// action worker) on SQLite and Postgres against the stand-in GitHub, with signed webhooks built
// from GitHub's example payloads. Every review request and comment is made exactly once. Each
// test opens its own app; later stages replay the earlier ones through the steps below.
import { DateTime } from "luxon";
import { E2E_TARGET, e2ePerTest, onEveryDatabase } from "../helpers/e2e.js";
import type { E2E } from "../helpers/e2e.js";
import { pullRequestPayload } from "../helpers/webhooks.js";
import type { PullScenario } from "../helpers/webhooks.js";
import { fakePull } from "../github/assignment-fixtures.js";

const CONFIG = `
timezone: Europe/Berlin
clock: workdays
escalation:
  to: ["@octo/leads"]
  reassign: true
checklist:
  enabled: false
assignment:
  enabled: true
  pool: ["@octo/seniors"]
  max_open_reviews: 2
  away:
    bob: [{from: 2026-11-23, to: 2026-11-24}]
`;

const berlin = (iso: string) => DateTime.fromISO(iso, { zone: "Europe/Berlin" }).toUTC();
// Monday 23 November 2026, 09:00 in Berlin.
const monday = berlin("2026-11-23T09:00:00");

function scenario(number: number, extra: Partial<PullScenario> = {}): PullScenario {
  return {
    ...E2E_TARGET,
    number,
    id: 7000 + number,
    author: "dana",
    createdAt: monday.toISO()!,
    ...extra,
  };
}

/** Other work already waiting on people: paused, so it brings no reminders of its own. */
const busyWork = (number: number, reviewers: string[]) =>
  scenario(number, { author: "zed", reviewers, labels: ["on-hold"] });

onEveryDatabase("reviewer assignment end to end", (database) => {
  const open = e2ePerTest(database);
  let e2e: E2E;

  const send = async (action: string, s: PullScenario, id?: string, extra = {}) => {
    const payload = { ...pullRequestPayload(action, s), ...extra };
    expect(await e2e.deliver("pull_request", payload, id)).toBe(200);
  };
  const sweepAt = (iso: string) => e2e.runAt(berlin(iso));
  const requests = () => e2e.github.assignment.reviewRequests();
  const commentsOn = (number: number) =>
    (e2e.github.comments.get(`octo/api#${number}`) ?? []).map((c) => c.body);

  /** The team on Monday morning: alice already reviews PRs #1 and #2 (paused, so quiet). */
  beforeEach(async () => {
    e2e = await open({ start: monday, config: CONFIG });
    e2e.github.assignment.teams.set("octo/seniors", ["alice", "bob", "carol"]);
    for (const n of [1, 2])
      e2e.github.addPull(
        "octo/api",
        fakePull(n, {
          user: { login: "zed", type: "User" },
          labels: [{ name: "on-hold" }],
          requested_reviewers: [{ login: "alice" }],
        }),
      );
    await send("opened", busyWork(1, ["alice"]));
    await send("opened", busyWork(2, ["alice"]));
  });

  /** Step 1: PR #7 becomes ready at 09:05 and the app requests carol (GitHub echoes it back). */
  async function readyPull7(): Promise<PullScenario> {
    e2e.clock.set(berlin("2026-11-23T09:05:00"));
    e2e.github.addPull("octo/api", fakePull(7, { updated_at: e2e.clock.now().toISO()! }));
    const ready = scenario(7, { updatedAt: e2e.clock.now().toISO()! });
    await send("ready_for_review", ready, "ready-7");
    await send("review_requested", ready, undefined, {
      requested_reviewer: { login: "carol", id: 3, type: "User" },
    });
    return ready;
  }

  /** Step 2: PR #7 is reminded on Tuesday and escalated on Wednesday, which requests bob. */
  async function escalatePull7(): Promise<void> {
    await sweepAt("2026-11-24T10:00:00");
    await sweepAt("2026-11-25T10:00:00");
    await sweepAt("2026-11-25T12:00:00");
  }

  it("asks nobody for PRs that already have a reviewer", () => {
    expect(requests()).toEqual([]);
    expect(e2e.github.postedComments()).toEqual([]);
  });

  it("requests the lightest available pool member once, with one comment saying why", async () => {
    e2e.clock.set(berlin("2026-11-23T09:05:00"));
    e2e.github.addPull("octo/api", fakePull(7, { updated_at: e2e.clock.now().toISO()! }));
    const ready = scenario(7, { updatedAt: e2e.clock.now().toISO()! });
    await send("ready_for_review", ready, "ready-7");
    expect(requests()).toEqual([
      { path: "/repos/octo/api/pulls/7/requested_reviewers", reviewers: ["carol"], teams: [] },
    ]);
    expect(commentsOn(7)).toEqual([
      "<!-- review-sla:assignment key=assign:501/7:ready@2026-11-23T08:05:00.000Z -->\n" +
        "Requested review from @carol — 0 open reviews, lightest in `@octo/seniors`. " +
        "Skipped: `@bob` (away), `@alice` (at cap \\(2 open reviews\\)).",
    ]);
    // GitHub tells the app about the request it made; a redelivery and a repeat change nothing.
    await send("review_requested", ready, undefined, {
      requested_reviewer: { login: "carol", id: 3, type: "User" },
    });
    await send("ready_for_review", ready, "ready-7");
    await send("ready_for_review", ready);
    await sweepAt("2026-11-23T12:00:00");
    expect(requests()).toHaveLength(1);
    expect(commentsOn(7)).toHaveLength(1);
  });

  it("on escalation requests one more reviewer, never the one who missed the SLA", async () => {
    await readyPull7();
    await sweepAt("2026-11-24T10:00:00");
    expect(commentsOn(7)[1]).toContain("**Review reminder:**");
    expect(requests()).toHaveLength(1);
    await sweepAt("2026-11-25T10:00:00");
    expect(commentsOn(7)[2]).toContain("**Escalation:**");
    expect(commentsOn(7)[3]).toBe(
      "<!-- review-sla:assignment key=reassign:escalation:501/7:c1:resolution -->\n" +
        "Escalation: also requested review from @bob — 0 open reviews, lightest in `@octo/seniors`. " +
        "Skipped: `@alice` (at cap \\(2 open reviews\\)).",
    );
    await sweepAt("2026-11-25T12:00:00");
    expect(requests().map((r) => [r.path, r.reviewers])).toEqual([
      ["/repos/octo/api/pulls/7/requested_reviewers", ["carol"]],
      ["/repos/octo/api/pulls/7/requested_reviewers", ["bob"]],
    ]);
    expect(commentsOn(7)).toHaveLength(4);
  });

  it("requests nobody when everyone is at max_open_reviews, and says why once", async () => {
    await readyPull7();
    await escalatePull7();
    e2e.clock.set(berlin("2026-11-26T09:00:00"));
    await send("opened", busyWork(8, ["bob", "carol"]));
    e2e.github.addPull("octo/api", fakePull(9, { updated_at: e2e.clock.now().toISO()! }));
    const ready = scenario(9, { updatedAt: e2e.clock.now().toISO()! });
    await send("ready_for_review", ready, "ready-9");
    await send("ready_for_review", ready, "ready-9");
    await sweepAt("2026-11-26T12:00:00");
    expect(commentsOn(9)).toEqual([
      "<!-- review-sla:assignment key=assign:501/9:ready@2026-11-26T08:00:00.000Z -->\n" +
        "No reviewer requested from `@octo/seniors`: nobody is available " +
        "(at cap \\(2 open reviews\\): `@bob`, `@carol`, `@alice`).",
    ]);
    expect(requests()).toHaveLength(2);
    expect(e2e.github.postedComments()).toHaveLength(5);
    // Nothing else was written: no other requests, no removals, no other comments (the Review
    // SLA check runs follow each PR's turn).
    const writes = e2e.github
      .apiCalls()
      .filter((r) => r.method !== "GET" && !r.path.endsWith("/graphql"));
    expect(new Set(writes.map((r) => `${r.method} ${r.path.replace(/\d+/g, "N")}`))).toEqual(
      new Set([
        "POST /repos/octo/api/pulls/N/requested_reviewers",
        "POST /repos/octo/api/issues/N/comments",
        "POST /repos/octo/api/check-runs",
      ]),
    );
  });
});
