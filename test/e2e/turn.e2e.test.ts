// End to end, on SQLite and Postgres against the stand-in GitHub: the whole life of a PR as the
// turn model sees it, with the "Review SLA" check run's text at each step — once plainly, once
// with every webhook delivered twice and the app restarted between steps.
import { DateTime } from "luxon";
import { e2ePerTest, onEveryDatabase } from "../helpers/e2e.js";
import type { E2E } from "../helpers/e2e.js";
import { example, pullRequestPayload } from "../helpers/webhooks.js";
import type { PullScenario } from "../helpers/webhooks.js";

const CONFIG = `
timezone: Europe/Berlin
clock: workdays
checklist:
  enabled: false
`;
const berlin = (iso: string) => DateTime.fromISO(iso, { zone: "Europe/Berlin" }).toUTC();
const opened = berlin("2026-11-23T09:00:00");

const scenario: PullScenario = {
  installationId: 42,
  repo: { id: 501, owner: "octo", name: "api" },
  number: 7,
  id: 7007,
  author: "dana",
  createdAt: opened.toISO()!,
  reviewers: ["alice"],
};

function addPullToGitHub(e2e: E2E): void {
  e2e.github.addPull("octo/api", {
    id: 7007,
    number: 7,
    title: "Add export",
    user: { login: "dana", type: "User" },
    draft: false,
    state: "open",
    created_at: opened.toISO()!,
    updated_at: opened.toISO()!,
    closed_at: null,
    merged_at: null,
    labels: [],
    head: { sha: "sha-1", ref: "feature" },
    additions: 40,
    deletions: 2,
    changed_files: 3,
    requested_reviewers: [{ login: "alice" }],
    requested_teams: [],
    files: ["src/api.ts"],
    events: [],
  });
}

/** The PR as a payload shows it at `at`, on head commit `sha`. */
function pullAt(action: string, at: string, sha: string, extra: Record<string, unknown> = {}) {
  const payload = pullRequestPayload(action, { ...scenario, updatedAt: berlin(at).toISO()! });
  payload.pull_request.head.sha = sha;
  Object.assign(payload.pull_request, extra);
  return payload;
}

function reviewAt(login: string, type: string, state: string, at: string, sha: string, id: number) {
  const base = pullAt("opened", at, sha);
  const payload = example("pull_request_review", "submitted");
  Object.assign(payload, { installation: base.installation, repository: base.repository });
  payload.pull_request = base.pull_request;
  Object.assign(payload.review, { id, state, submitted_at: berlin(at).toISO(), commit_id: sha });
  payload.review.user = { ...payload.review.user, login, type };
  return payload;
}

const slaChecks = (e2e: E2E) =>
  e2e.github.checkRuns.filter((r) => r.body.name === "Review SLA").map((r) => r.body);
function lastCheck(e2e: E2E) {
  const run = slaChecks(e2e).at(-1);
  const output = run?.output as { title: string; summary: string } | undefined;
  return {
    sha: run?.head_sha,
    conclusion: run?.conclusion,
    title: output?.title,
    summary: output?.summary,
  };
}
const bodies = (e2e: E2E) =>
  e2e.github.postedComments().map((c) => (c.body as { body: string }).body);

onEveryDatabase("whose turn end to end", (database) => {
  const start = e2ePerTest(database);

  async function lifeOfAPullRequest(rough: boolean): Promise<void> {
    const e2e = await start({ start: opened, config: CONFIG });
    addPullToGitHub(e2e);
    let delivery = 0;
    const send = async (event: string, payload: unknown) => {
      const id = `d-${(delivery += 1)}`;
      expect(await e2e.deliver(event, payload, id)).toBe(200);
      if (rough) {
        expect(await e2e.deliver(event, payload, id)).toBe(200);
        await e2e.restart();
      }
    };

    await send("pull_request", pullAt("opened", "2026-11-23T09:00:00", "sha-1"));
    expect(lastCheck(e2e)).toMatchObject({ sha: "sha-1", conclusion: "neutral" });
    expect(lastCheck(e2e).summary).toContain(
      "Waiting on @alice for a first review — due Tue 24 Nov 09:00 (Europe/Berlin), 24 working hours left",
    );

    // Copilot reviews within minutes: no person has looked, the clock keeps running.
    e2e.clock.set(berlin("2026-11-23T09:05:00"));
    await send(
      "pull_request_review",
      reviewAt(
        "copilot-pull-request-reviewer[bot]",
        "Bot",
        "commented",
        "2026-11-23T09:05:00",
        "sha-1",
        1,
      ),
    );
    expect(slaChecks(e2e)).toHaveLength(1);

    await e2e.runAt(berlin("2026-11-24T09:30:00"));
    expect(bodies(e2e)).toHaveLength(1);
    expect(bodies(e2e)[0]).toContain("review-sla:reminder key=reminder:501/7:c1:first_review");

    e2e.clock.set(berlin("2026-11-24T11:00:00"));
    await send(
      "pull_request_review",
      reviewAt("alice", "User", "changes_requested", "2026-11-24T11:00:00", "sha-1", 2),
    );
    expect(lastCheck(e2e).title).toBe("Waiting on @dana (author) to address the requested changes");
    expect(lastCheck(e2e).summary).toContain("due Wed 25 Nov 11:00 (Europe/Berlin)");

    await e2e.runAt(berlin("2026-11-25T11:30:00"));
    expect(bodies(e2e)).toHaveLength(2);
    expect(bodies(e2e)[1]).toContain("review-sla:nudge key=nudge:501/7:c1:author_response");
    expect(bodies(e2e)[1]).toContain("@dana");

    e2e.clock.set(berlin("2026-11-25T14:00:00"));
    await send("pull_request", pullAt("synchronize", "2026-11-25T14:00:00", "sha-2"));
    const rerequests = e2e.github
      .apiCalls()
      .filter((r) => r.method === "POST" && r.path.endsWith("/pulls/7/requested_reviewers"));
    expect(rerequests.map((r) => r.body)).toEqual([{ reviewers: ["alice"], team_reviewers: [] }]);
    expect(lastCheck(e2e)).toMatchObject({
      sha: "sha-2",
      title: "Waiting on @alice to review the author's update",
    });

    const requested = pullAt("review_requested", "2026-11-25T14:00:05", "sha-2");
    requested.requested_reviewer = { ...requested.pull_request.user, login: "alice", type: "User" };
    await send("pull_request", requested);
    expect(lastCheck(e2e).title).toBe("Waiting on @alice for a first review");
    expect(lastCheck(e2e).summary).toContain("**Cycle 2**");

    e2e.clock.set(berlin("2026-11-25T15:00:00"));
    await send(
      "pull_request_review",
      reviewAt("alice", "User", "approved", "2026-11-25T15:00:00", "sha-2", 3),
    );
    expect(lastCheck(e2e)).toMatchObject({
      conclusion: "success",
      title: "Approved — waiting on @dana (author) to merge",
    });

    await e2e.runAt(berlin("2026-11-26T09:30:00"));
    expect(bodies(e2e)).toHaveLength(3);
    expect(bodies(e2e)[2]).toContain("review-sla:nudge key=nudge:501/7:c2:merge");

    e2e.clock.set(berlin("2026-11-26T10:00:00"));
    const mergedAt = berlin("2026-11-26T10:00:00").toISO();
    await send(
      "pull_request",
      pullAt("closed", "2026-11-26T10:00:00", "sha-2", {
        state: "closed",
        merged: true,
        merged_at: mergedAt,
        closed_at: mergedAt,
      }),
    );
    expect(lastCheck(e2e)).toMatchObject({ conclusion: "success", title: "Merged" });
    await e2e.runAt(berlin("2026-11-30T10:00:00"));
    expect(bodies(e2e)).toHaveLength(3);
  }

  it("follows a PR from opened to merged: AI review, reminder, author nudge, re-request, merge nudge", async () => {
    await lifeOfAPullRequest(false);
  });

  it("does the same, once each, when every webhook is redelivered and the app restarts between steps", async () => {
    await lifeOfAPullRequest(true);
  });
});
