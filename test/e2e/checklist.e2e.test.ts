// End to end: the review checklist through the real app (Probot server, handlers, store, action
// worker) on SQLite and Postgres against a stand-in GitHub, with signed webhooks from GitHub's
// example payloads. Each test opens its own app and PR #12 of octo/web, with its checklist posted.
import { DateTime } from "luxon";
import { parseTicked } from "../../src/checklist/parse.js";
import { escapeMarkdown } from "../../src/comments/escape.js";
import { e2ePerTest, onEveryDatabase } from "../helpers/e2e.js";
import type { E2E } from "../helpers/e2e.js";
import type { StandInPull } from "../../src/demo/stand-in-github.js";
import { issueCommentPayload } from "../helpers/issue-comments.js";
import { pullRequestPayload } from "../helpers/webhooks.js";
import type { PullScenario } from "../helpers/webhooks.js";

const opened = DateTime.fromISO("2026-11-23T09:00:00Z", { zone: "utc" });
const later = (minutes: number) => opened.plus({ minutes }).toISO()!;

/** Every route the checklist (and the import and config check around it) may call. */
const ALLOWED = [
  /^GET \/app$/,
  /^POST \/api\/graphql$/,
  /^GET \/repos\/octo\/\w+\/contents\/.+$/,
  /^GET \/repos\/octo\/\w+\/pulls$/,
  /^GET \/repos\/octo\/\w+\/pulls\/\d+(\/(reviews|files|commits))?$/,
  /^GET \/repos\/octo\/\w+\/issues\/\d+\/(events|comments)$/,
  /^POST \/repos\/octo\/\w+\/issues\/\d+\/comments$/,
  /^(GET|PATCH) \/repos\/octo\/\w+\/issues\/comments\/\d+$/,
  /^POST \/repos\/octo\/\w+\/check-runs$/,
  /^PATCH \/repos\/octo\/\w+\/check-runs\/\d+$/,
];

const web: PullScenario = {
  installationId: 42,
  repo: { id: 601, owner: "octo", name: "web" },
  number: 12,
  id: 8012,
  author: "dana",
  createdAt: later(0),
  labels: ["ai-assisted"],
  title: "Settings page",
};

function fakePull(s: PullScenario, files: string[], labels: string[]): StandInPull {
  return {
    id: s.id,
    number: s.number,
    title: s.title ?? "Change",
    user: { login: s.author, type: "User" },
    draft: false,
    state: "open",
    created_at: s.createdAt,
    updated_at: s.updatedAt ?? s.createdAt,
    closed_at: null,
    merged_at: null,
    labels: labels.map((name) => ({ name })),
    head: { sha: `sha-${s.number}-${s.updatedAt ?? s.createdAt}`, ref: "feature" },
    additions: 120,
    deletions: 4,
    changed_files: files.length,
    requested_reviewers: [],
    requested_teams: [],
    files,
    commits: [{ sha: "c1", message: "Add settings page" }],
  };
}

onEveryDatabase("review checklist end to end against a stand-in GitHub", (database) => {
  const open = e2ePerTest(database);
  let e2e: E2E;
  let pull: StandInPull;
  let commentId = 0;
  let checkRunId = 0;
  let minutes = 30;

  /** Delivers a signed webhook, lets the worker finish, returns the API calls it caused. */
  async function send(event: string, payload: unknown, id?: string): Promise<string[]> {
    const before = e2e.github.apiCalls().length;
    expect(await e2e.deliver(event, payload, id)).toBe(200);
    const calls = e2e.github.apiCalls().slice(before);
    const lines = calls.map((c) => `${c.method} ${c.path}`);
    expect(lines.filter((line) => !ALLOWED.some((route) => route.test(line)))).toEqual([]);
    return lines;
  }

  async function push(files: string[]): Promise<string[]> {
    const updatedAt = later((minutes += 10));
    pull.files = files;
    pull.updated_at = updatedAt;
    pull.head.sha = `sha-12-${updatedAt}`;
    return send("pull_request", pullRequestPayload("synchronize", { ...web, updatedAt }));
  }

  function commentEvent(action: "edited" | "deleted", body: string, minutes: number) {
    return issueCommentPayload(action, {
      ...web,
      comment: { id: commentId, body, updatedAt: later(minutes) },
    });
  }

  const checklistRuns = () =>
    e2e.github.checkRuns.filter((r) => r.body.name === "Review checklist").map((r) => r.body);

  beforeEach(async () => {
    minutes = 30;
    e2e = await open({ start: opened });
    e2e.github.addRepo({
      ...web.repo,
      files: { ".github/review-sla.yml": "quiet_hours: false\n" },
    });
    const files = ["web/src/components/Settings.tsx", "db/migrations/0002_settings.sql"];
    pull = fakePull(web, files, ["ai-assisted"]);
    e2e.github.addPull("octo/web", pull);
  });

  /** PR #12 opened: the app posts its checklist and starts the check run. */
  async function openWithChecklist(): Promise<string[]> {
    const calls = await send("pull_request", pullRequestPayload("opened", web), "d-opened");
    commentId = e2e.github.comments.get("octo/web#12")![0]!.id;
    checkRunId = Number(checklistRuns()[0]!.id);
    return calls;
  }

  it("posts one checklist with the right sections and evidence, and starts the check", async () => {
    const calls = await openWithChecklist();
    expect(calls).toContain("GET /repos/octo/web/pulls/12/commits");
    expect(calls).toContain("GET /repos/octo/web/issues/12/comments");
    const posted = e2e.github.postedComments();
    expect(posted.map((p) => p.path)).toEqual(["/repos/octo/web/issues/12/comments"]);
    const body = (posted[0]?.body as { body: string }).body;
    expect(body.startsWith("<!-- review-sla:checklist pr=12 -->")).toBe(true);
    expect(body).toContain(escapeMarkdown('label "ai-assisted"'));
    for (const title of ["AI-assisted change", "Data safety", "UI states", "Accessibility"]) {
      expect(body).toContain(`### ${escapeMarkdown(title)}`);
    }
    expect(body).not.toContain("### Security");
    expect(e2e.github.comments.get("octo/web#12")!.map((c) => c.id)).toEqual([commentId]);
    expect(checklistRuns()).toEqual([
      expect.objectContaining({ head_sha: pull.head.sha, status: "in_progress" }),
    ]);
    expect(checklistRuns()[0]!.id).toBe(checkRunId);
  });

  it("does nothing on a redelivery", async () => {
    await openWithChecklist();
    expect(await send("pull_request", pullRequestPayload("opened", web), "d-opened")).toEqual([]);
  });

  it("updates the same comment in place on a push with new files, keeping ticks", async () => {
    await openWithChecklist();
    const ticked = e2e.github
      .comment(commentId)!
      .body.replace(/- \[ \](.*<!-- item:data-safety\.rollback -->)/, "- [x]$1");
    e2e.github.changeComment(commentId, ticked);
    const edit = await send("issue_comment", commentEvent("edited", ticked, 5));
    expect(edit).toEqual([
      `GET /repos/octo/web/issues/comments/${commentId}`,
      `PATCH /repos/octo/web/check-runs/${checkRunId}`,
    ]);

    const calls = await push([...pull.files!, "src/auth/session.ts"]);
    expect(calls).toContain(`PATCH /repos/octo/web/issues/comments/${commentId}`);
    expect(calls).not.toContain("POST /repos/octo/web/issues/12/comments");
    const body = e2e.github.comment(commentId)!.body;
    expect(body).toContain("### Security");
    expect(parseTicked(body)).toEqual(new Set(["data-safety.rollback"]));
    expect(checklistRuns().map((r) => r.head_sha)).toEqual(["sha-12-" + later(0), pull.head.sha]);
  });

  it("ignores the app's own edit coming back as a webhook", async () => {
    await openWithChecklist();
    // A push makes the app edit its comment; that edit then comes back as a webhook.
    await push([...pull.files!, "src/auth/session.ts"]);
    const own = e2e.github.comment(commentId)!.body;
    expect(await send("issue_comment", commentEvent("edited", own, 6))).toEqual([]);
  });

  it("completes the check with success once every required box is ticked", async () => {
    await openWithChecklist();
    const all = e2e.github.comment(commentId)!.body.replace(/^- \[ \]/gm, "- [x]");
    e2e.github.changeComment(commentId, all);
    await send("issue_comment", commentEvent("edited", all, 10));
    const latest = checklistRuns().at(-1)!;
    expect(latest).toMatchObject({ status: "completed", conclusion: "success" });
    expect(String((latest.output as { title: string }).title)).toMatch(/^All \d+ required items/);
  });

  it("keeps to the one comment after a restart on the same database", async () => {
    await openWithChecklist();
    // Every box ticked before the restart: the new files' items are unticked after it.
    const all = e2e.github.comment(commentId)!.body.replace(/^- \[ \]/gm, "- [x]");
    e2e.github.changeComment(commentId, all);
    await send("issue_comment", commentEvent("edited", all, 10));
    await e2e.restart();
    const calls = await push([...pull.files!, "web/package.json"]);
    expect(calls).toContain(`PATCH /repos/octo/web/issues/comments/${commentId}`);
    expect(e2e.github.postedComments()).toHaveLength(1);
    expect(checklistRuns().at(-1)).toMatchObject({
      head_sha: pull.head.sha,
      status: "in_progress",
    });
  });

  it("never posts again after a person deleted the checklist", async () => {
    await openWithChecklist();
    const body = e2e.github.comment(commentId)!.body;
    e2e.github.changeComment(commentId, null);
    await send("issue_comment", commentEvent("deleted", body, 20));
    expect(checklistRuns().at(-1)).toMatchObject({ conclusion: "neutral" });
    const calls = await push([...pull.files!, "src/api/routes/settings.ts"]);
    expect(calls.filter((c) => c.startsWith("POST /repos/octo/web/issues"))).toEqual([]);
    expect(calls.filter((c) => c.includes("/issues/comments/"))).toEqual([]);
    expect(e2e.github.postedComments()).toHaveLength(1);
    expect(checklistRuns().at(-1)).toMatchObject({
      head_sha: pull.head.sha,
      conclusion: "neutral",
    });
  });

  it("posts nothing on a PR without AI markers when `when: ai-assisted`", async () => {
    await openWithChecklist();
    const docs: PullScenario = {
      ...web,
      repo: { id: 602, owner: "octo", name: "docs" },
      number: 3,
      id: 8003,
      labels: [],
    };
    // The Review SLA check run is off so that any POST would be the checklist's.
    const config = "checklist:\n  when: ai-assisted\nsla:\n  check: off\n";
    e2e.github.addRepo({ ...docs.repo, files: { ".github/review-sla.yml": config } });
    e2e.github.addPull("octo/docs", fakePull(docs, ["src/components/Page.tsx"], []));
    const calls = await send("pull_request", pullRequestPayload("opened", docs));
    expect(calls).toContain("GET /repos/octo/docs/pulls/3/commits");
    expect(calls.filter((c) => c.startsWith("POST /repos"))).toEqual([]);
    expect(e2e.github.postedComments()).toHaveLength(1);
  });
});
