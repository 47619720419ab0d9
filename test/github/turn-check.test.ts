// The "Review SLA" check run: written once per change of turn, with whose turn it is and the
// deadline in the team's working time.
import { onPullRequest, onPullRequestReview } from "../../src/github/handlers/pull-request.js";
import { turnCheckExecutor } from "../../src/github/actions/turn-check.js";
import type { CheckRunInput, InstallationGitHub } from "../../src/github/client.js";
import type { Action } from "../../src/outbox/catalogue.js";
import { silentLog } from "../helpers/app.js";
import { testShell } from "../helpers/shell.js";
import { example, pullRequestPayload } from "../helpers/webhooks.js";
import { DateTime } from "luxon";

const scenario = {
  installationId: 7,
  repo: { id: 70, owner: "octo", name: "api" },
  number: 3,
  id: 703,
  author: "dana",
  // Monday 23 November 2026, 09:30 in Berlin.
  createdAt: "2026-11-23T08:30:00Z",
  reviewers: ["gus"],
};
const CONFIG = {
  timezone: "Europe/Berlin",
  working_hours: "09:00-19:00",
  clock: "working-hours",
  sla: { first_review: "9h" },
};

function reviewPayload(state: string, at: string) {
  const payload = example("pull_request_review", "submitted");
  const opened = pullRequestPayload("opened", scenario);
  Object.assign(payload, { installation: opened.installation, repository: opened.repository });
  payload.pull_request = { ...opened.pull_request, updated_at: at };
  Object.assign(payload.review, { id: 1, state, submitted_at: at });
  payload.review.user = { ...payload.review.user, login: "gus", type: "User" };
  return payload;
}

async function shell(config: Record<string, unknown> = CONFIG) {
  const written: CheckRunInput[] = [];
  const github = {
    createCheckRun: (input: CheckRunInput) => {
      written.push(input);
      return Promise.resolve();
    },
  } as unknown as InstallationGitHub;
  const s = await testShell({ github, now: "2026-11-23T08:30:00Z" });
  await onPullRequest(s.deps, "d-open", pullRequestPayload("opened", scenario) as never);
  await s.store.repos.setConfig(70, { json: config, errors: [], fetchedAt: s.deps.clock.now() });
  const checks = async () =>
    (await s.store.outbox.list()).filter((a) => a.kind === "sla-check") as Action<"sla-check">[];
  const perform = async (action: Action<"sla-check">) =>
    turnCheckExecutor(s.deps)(action, silentLog);
  return { ...s, written, checks, perform };
}

describe("Review SLA check run", () => {
  it("says whose turn it is and the deadline in the team's working time", async () => {
    const { store, clock, written, checks, perform } = await shell();
    clock.set(DateTime.fromISO("2026-11-23T12:30:00Z", { zone: "utc" }));
    const [check] = await checks();
    expect(await perform(check as Action<"sla-check">)).toMatchObject({ conclusion: "neutral" });
    expect(written[0]).toMatchObject({ name: "Review SLA", conclusion: "neutral", owner: "octo" });
    expect(written[0]?.title).toBe("Waiting on @gus for a first review");
    expect(written[0]?.summary).toContain(
      "Waiting on @gus for a first review — due Mon 23 Nov 18:30 (Europe/Berlin), 5 working hours left",
    );
    expect(written[0]?.summary).toContain("**Cycle 1**");
    await store.close();
  });

  it("is recorded once per transition: a redelivery or an unchanged turn adds no write", async () => {
    const { deps, store, checks } = await shell();
    await onPullRequest(deps, "d-open", pullRequestPayload("opened", scenario) as never);
    const labelled = pullRequestPayload("labeled", {
      ...scenario,
      updatedAt: "2026-11-23T09:00:00Z",
    });
    labelled.pull_request.head.sha = pullRequestPayload("opened", scenario).pull_request.head.sha;
    await onPullRequest(deps, "d-label", labelled as never);
    expect(await checks()).toHaveLength(1);
    await onPullRequestReview(
      deps,
      "d-review",
      reviewPayload("approved", "2026-11-23T10:00:00Z") as never,
    );
    const keys = (await checks()).map((a) => a.key);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toMatch(/:merge:approved:/);
    await store.close();
  });

  it("writes once for transitions queued behind each other, with the latest state", async () => {
    const { deps, store, written, checks, perform } = await shell();
    await onPullRequestReview(
      deps,
      "d-review",
      reviewPayload("approved", "2026-11-23T10:00:00Z") as never,
    );
    const [first, second] = await checks();
    expect(await perform(first as Action<"sla-check">)).toEqual({
      skipped: "superseded by a later transition",
    });
    expect(written).toHaveLength(0);
    expect(await perform(second as Action<"sla-check">)).toMatchObject({ conclusion: "success" });
    expect(written.map((w) => w.conclusion)).toEqual(["success"]);
    // Once the later one is done, an earlier one performed again (a retry) writes as usual.
    const done = await store.outbox.claim({
      owner: "w",
      now: deps.clock.now(),
      leaseMs: 60_000,
      limit: 10,
    });
    for (const action of done)
      await store.outbox.complete(action.id, "w", {
        at: deps.clock.now(),
        result: null,
      });
    expect(await perform(first as Action<"sla-check">)).toMatchObject({ conclusion: "success" });
    expect(written).toHaveLength(2);
    await store.close();
  });

  it("completes as success once approved, and as failure past a deadline when blocking", async () => {
    const approved = await shell();
    await onPullRequestReview(
      approved.deps,
      "d-review",
      reviewPayload("approved", "2026-11-23T10:00:00Z") as never,
    );
    const last = (await approved.checks()).at(-1) as Action<"sla-check">;
    expect(await approved.perform(last)).toMatchObject({ whose: "merge", conclusion: "success" });
    await approved.store.close();

    const blocking = await shell({ ...CONFIG, sla: { first_review: "9h", check: "blocking" } });
    blocking.clock.set(DateTime.fromISO("2026-11-23T17:31:00Z", { zone: "utc" }));
    const [check] = await blocking.checks();
    expect(await blocking.perform(check as Action<"sla-check">)).toMatchObject({
      conclusion: "failure",
    });
    expect(blocking.written[0]?.summary).toContain("overdue");
    await blocking.store.close();
  });
});
