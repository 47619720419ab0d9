// A push that answers "changes requested" asks those reviewers again, once per cycle, through
// the outbox; a push after approval asks nobody.
import { onPullRequest, onPullRequestReview } from "../../src/github/handlers/pull-request.js";
import { rerequestExecutor } from "../../src/github/actions/rerequest.js";
import type { InstallationGitHub } from "../../src/github/client.js";
import type { Action } from "../../src/outbox/catalogue.js";
import { silentLog } from "../helpers/app.js";
import { testShell } from "../helpers/shell.js";
import { example, pullRequestPayload } from "../helpers/webhooks.js";

const scenario = {
  installationId: 7,
  repo: { id: 70, owner: "octo", name: "api" },
  number: 3,
  id: 703,
  author: "dana",
  createdAt: "2026-11-23T09:00:00Z",
  reviewers: ["alice"],
};

function reviewPayload(state: string, at: string, id: number) {
  const payload = example("pull_request_review", "submitted");
  const opened = pullRequestPayload("opened", scenario);
  Object.assign(payload, { installation: opened.installation, repository: opened.repository });
  payload.pull_request = { ...opened.pull_request, updated_at: at };
  Object.assign(payload.review, { id, state, submitted_at: at });
  payload.review.user = { ...payload.review.user, login: "alice", type: "User" };
  return payload;
}

async function reviewedThenPushed(state: string) {
  const github = { requests: [] as unknown[] };
  const shell = await testShell({
    github: {
      requestReviewers: (...args: unknown[]) => {
        github.requests.push(args);
        return Promise.resolve();
      },
    } as unknown as InstallationGitHub,
  });
  const { deps } = shell;
  await onPullRequest(deps, "d-open", pullRequestPayload("opened", scenario) as never);
  await onPullRequestReview(
    deps,
    "d-review",
    reviewPayload(state, "2026-11-23T11:00:00Z", 1) as never,
  );
  const push = pullRequestPayload("synchronize", {
    ...scenario,
    updatedAt: "2026-11-23T15:00:00Z",
  });
  await onPullRequest(deps, "d-push", push as never);
  await onPullRequest(deps, "d-push", push as never);
  const again = pullRequestPayload("synchronize", {
    ...scenario,
    updatedAt: "2026-11-23T16:00:00Z",
  });
  await onPullRequest(deps, "d-push-2", again as never);
  const rerequests = (await shell.store.outbox.list()).filter((a) => a.kind === "rerequest");
  return { ...shell, github, rerequests };
}

describe("re-request after push", () => {
  it("asks the reviewer who requested changes again, once, when the author pushes", async () => {
    const { deps, store, github, rerequests } = await reviewedThenPushed("changes_requested");
    expect(rerequests.map((a) => [a.key, a.payload])).toEqual([
      ["rerequest:70/3:c1", { owner: "octo", repo: "api", number: 3, reviewers: ["alice"] }],
    ]);
    const pr = await store.pulls.get(scenario.id);
    expect(pr?.pushedAt?.toISO()).toBe("2026-11-23T16:00:00.000Z");
    const result = await rerequestExecutor(deps)(rerequests[0] as Action<"rerequest">, silentLog);
    expect(result).toEqual({ requested: ["alice"] });
    expect(github.requests).toEqual([["octo", "api", 3, { users: ["alice"], teams: [] }]]);
    await store.close();
  });

  it("asks nobody again when the author pushes after an approval", async () => {
    const { store, rerequests } = await reviewedThenPushed("approved");
    expect(rerequests).toEqual([]);
    await store.close();
  });

  it("asks nobody again when sla.rerequest_after_push is false", async () => {
    const { deps, store } = await testShell();
    const opened = pullRequestPayload("opened", scenario);
    await onPullRequest(deps, "d-open", opened as never);
    await store.repos.setConfig(70, {
      json: { sla: { rerequest_after_push: false } },
      errors: [],
      fetchedAt: deps.clock.now(),
    });
    await onPullRequestReview(
      deps,
      "d-review",
      reviewPayload("changes_requested", "2026-11-23T11:00:00Z", 1) as never,
    );
    const push = pullRequestPayload("synchronize", {
      ...scenario,
      updatedAt: "2026-11-23T15:00:00Z",
    });
    await onPullRequest(deps, "d-push", push as never);
    expect((await store.outbox.list()).filter((a) => a.kind === "rerequest")).toEqual([]);
    await store.close();
  });
});
