// Webhook handlers fed with GitHub's own example payloads: they update the store, enqueue
// work, ignore redeliveries, and never call GitHub themselves.
import {
  onInstallation,
  onInstallationRepositories,
  onPush,
} from "../../src/github/handlers/installation.js";
import { onPullRequest, onPullRequestReview } from "../../src/github/handlers/pull-request.js";
import { testShell } from "../helpers/shell.js";
import { example } from "../helpers/webhooks.js";

describe("pull_request webhooks", () => {
  it("tracks an opened PR with the reviewers chosen at creation", async () => {
    const { deps, store, wakes } = await testShell();
    const payload = example("pull_request", "opened");
    payload.pull_request.requested_reviewers = [{ login: "alice", id: 1 }];
    expect(await onPullRequest(deps, "d-1", payload as never)).toBe(true);
    const pr = await store.pulls.get(payload.pull_request.id);
    expect(pr).toMatchObject({
      number: payload.pull_request.number,
      author: payload.pull_request.user.login,
      open: true,
    });
    expect(pr?.requests.map((r) => r.reviewer)).toEqual([{ type: "user", login: "alice" }]);
    expect(pr?.nextDueAt).not.toBeNull();
    const kinds = (await store.outbox.list()).map((a) => a.kind).sort();
    expect(kinds).toEqual(["checklist", "config-check", "import-repository", "sla-check"]);
    expect(wakes.length).toBe(1);
    await store.close();
  });

  it("changes nothing on a redelivery of the same delivery id", async () => {
    const { deps, store } = await testShell();
    const payload = example("pull_request", "opened");
    await onPullRequest(deps, "d-1", payload as never);
    const before = await store.outbox.list();
    payload.pull_request.title = "changed in flight";
    expect(await onPullRequest(deps, "d-1", payload as never)).toBe(false);
    expect((await store.pulls.get(payload.pull_request.id))?.title).not.toBe("changed in flight");
    expect(await store.outbox.list()).toHaveLength(before.length);
    await store.close();
  });

  it("records review requests and their removal", async () => {
    const { deps, store } = await testShell();
    const requested = example("pull_request", "review_requested");
    await onPullRequest(deps, "d-1", requested as never);
    const login = requested.requested_reviewer.login as string;
    let pr = await store.pulls.get(requested.pull_request.id);
    expect(pr?.requests.filter((r) => !r.removedAt).map((r) => r.reviewer)).toContainEqual({
      type: "user",
      login,
    });
    const removed = example("pull_request", "review_request_removed");
    removed.pull_request.id = requested.pull_request.id;
    removed.pull_request.number = requested.pull_request.number;
    removed.repository = requested.repository;
    removed.requested_reviewer = requested.requested_reviewer;
    removed.pull_request.updated_at = "2099-01-01T00:00:00Z";
    await onPullRequest(deps, "d-2", removed as never);
    pr = await store.pulls.get(requested.pull_request.id);
    expect(
      pr?.requests.find((r) => r.reviewer.type === "user" && r.reviewer.login === login)?.removedAt,
    ).not.toBeNull();
    await store.close();
  });

  it("stops planning for a closed PR and marks a draft", async () => {
    const { deps, store } = await testShell();
    const opened = example("pull_request", "opened");
    opened.pull_request.requested_reviewers = [{ login: "alice", id: 1 }];
    await onPullRequest(deps, "d-1", opened as never);
    const closed = structuredClone(opened);
    Object.assign(closed, { action: "closed" });
    Object.assign(closed.pull_request, {
      state: "closed",
      closed_at: "2099-01-01T00:00:00Z",
      updated_at: "2099-01-01T00:00:00Z",
    });
    await onPullRequest(deps, "d-2", closed as never);
    const pr = await store.pulls.get(opened.pull_request.id);
    expect(pr?.open).toBe(false);
    expect(pr?.nextDueAt).toBeNull();
    const draft = example("pull_request", "converted_to_draft");
    draft.pull_request.id = 424242;
    draft.pull_request.number = 4242;
    await onPullRequest(deps, "d-3", draft as never);
    expect((await store.pulls.get(draft.pull_request.id))?.draft).toBe(true);
    await store.close();
  });

  it("records labels from labeled events", async () => {
    const { deps, store } = await testShell();
    const labeled = example("pull_request", "labeled");
    await onPullRequest(deps, "d-1", labeled as never);
    const names = (labeled.pull_request.labels as { name: string }[]).map((l) => l.name);
    expect((await store.pulls.get(labeled.pull_request.id))?.labels).toEqual(names);
    await store.close();
  });
});

describe("pull_request_review webhooks", () => {
  it("records a submitted review, even for a PR not seen before", async () => {
    const { deps, store } = await testShell();
    const payload = example("pull_request_review", "submitted");
    expect(await onPullRequestReview(deps, "d-1", payload as never)).toBe(true);
    const pr = await store.pulls.get(payload.pull_request.id);
    expect(pr?.reviews).toEqual([
      expect.objectContaining({ id: payload.review.id, reviewer: payload.review.user.login }),
    ]);
    await store.close();
  });

  it("marks a dismissed review", async () => {
    const { deps, store } = await testShell();
    const submitted = example("pull_request_review", "submitted");
    await onPullRequestReview(deps, "d-1", submitted as never);
    const dismissed = example("pull_request_review", "dismissed");
    Object.assign(dismissed, {
      repository: submitted.repository,
      installation: submitted.installation,
    });
    dismissed.pull_request.id = submitted.pull_request.id;
    dismissed.review.id = submitted.review.id;
    await onPullRequestReview(deps, "d-2", dismissed as never);
    const pr = await store.pulls.get(submitted.pull_request.id);
    expect(pr?.reviews[0]?.state).toBe("dismissed");
    await store.close();
  });
});

describe("installation webhooks", () => {
  it("tracks a new installation and schedules an import per repository", async () => {
    const { deps, store } = await testShell();
    const payload = example("installation", "created");
    await onInstallation(deps, "d-1", payload as never);
    expect(await store.repos.getInstallation(payload.installation.id)).toMatchObject({
      accountLogin: payload.installation.account.login,
    });
    const imports = (await store.outbox.list()).filter((a) => a.kind === "import-repository");
    expect(imports).toHaveLength((payload.repositories as unknown[]).length);
    await store.close();
  });

  it("forgets a deleted installation and stops tracking removed repositories", async () => {
    const { deps, store } = await testShell();
    const created = example("installation", "created");
    await onInstallation(deps, "d-1", created as never);
    const removed = example("installation_repositories", "removed");
    removed.installation.id = created.installation.id;
    const gone = removed.repositories_removed[0];
    await store.repos.upsert({
      id: gone.id,
      installationId: created.installation.id,
      owner: "octo",
      name: gone.name,
      defaultBranch: "main",
    });
    await onInstallationRepositories(deps, "d-2", removed as never);
    expect((await store.repos.get(gone.id))?.removedAt).not.toBeNull();
    const deleted = example("installation", "deleted");
    deleted.installation.id = created.installation.id;
    await onInstallation(deps, "d-3", deleted as never);
    expect((await store.repos.getInstallation(created.installation.id))?.deletedAt).not.toBeNull();
    await store.close();
  });

  it("reloads configuration only when a push to the default branch changes it", async () => {
    const { deps, store } = await testShell();
    const push = example("push");
    push.installation = { id: 77 };
    push.ref = `refs/heads/${push.repository.default_branch}`;
    push.commits = [{ ...push.head_commit, added: [], removed: [], modified: ["README.md"] }];
    push.head_commit = null;
    expect(await onPush(deps, "d-1", push as never)).toBe(false);
    push.commits[0].modified = [".github/review-sla.yml"];
    await store.repos.upsertInstallation({
      id: 77,
      accountLogin: "octo",
      accountType: "Organization",
      suspendedAt: null,
    });
    await store.repos.upsert({
      id: push.repository.id,
      installationId: 77,
      owner: "octo",
      name: push.repository.name,
      defaultBranch: "main",
    });
    expect(await onPush(deps, "d-2", push as never)).toBe(true);
    expect((await store.outbox.list()).map((a) => a.kind)).toEqual(["refresh-config"]);
    await store.close();
  });
});

describe("pause labels", () => {
  it("restarts the SLA clocks when a pause label is removed", async () => {
    const { deps, store } = await testShell();
    const opened = example("pull_request", "opened");
    opened.pull_request.labels = [{ id: 1, name: "on-hold" }];
    await onPullRequest(deps, "d-1", opened as never);
    const unlabeled = example("pull_request", "unlabeled");
    Object.assign(unlabeled, { repository: opened.repository, installation: opened.installation });
    Object.assign(unlabeled.pull_request, {
      id: opened.pull_request.id,
      number: opened.pull_request.number,
      labels: [],
      updated_at: "2099-01-01T10:00:00Z",
    });
    unlabeled.label = { id: 1, name: "On-Hold" };
    await onPullRequest(deps, "d-2", unlabeled as never);
    expect((await store.pulls.get(opened.pull_request.id))?.readyAt.toISO()).toBe(
      "2099-01-01T10:00:00.000Z",
    );
    await store.close();
  });
});
