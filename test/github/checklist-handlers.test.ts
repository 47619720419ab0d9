// Checklist webhooks on GitHub's example payloads: which pull-request events enqueue a checklist
// action, and how edits and deletions of the app's checklist comment are told from the rest.
import { onChecklistComment } from "../../src/github/handlers/checklist.js";
import { bodyHash } from "../../src/github/checklist-hash.js";
import { onPullRequest } from "../../src/github/handlers/pull-request.js";
import type { Store } from "../../src/store/store.js";
import { issueCommentPayload } from "../helpers/issue-comments.js";
import { testShell } from "../helpers/shell.js";
import { example } from "../helpers/webhooks.js";

async function checklistKeys(store: Store): Promise<string[]> {
  return (await store.outbox.list({ kind: "checklist" })).map((a) => a.key);
}

function pullRequestEvent(action: string, extra: Record<string, unknown> = {}) {
  const payload = example("pull_request", "opened");
  Object.assign(payload, { action, ...extra });
  return payload;
}

describe("pull_request webhooks and the checklist", () => {
  it("enqueues one checklist action per event, none for a redelivery", async () => {
    const { deps, store } = await testShell();
    const opened = pullRequestEvent("opened");
    await onPullRequest(deps, "d-1", opened as never);
    await onPullRequest(deps, "d-1", opened as never);
    const pull = opened.pull_request;
    expect(await checklistKeys(store)).toEqual([
      `checklist:${opened.repository.id}/${pull.number}@${pull.head.sha}:opened:${pull.updated_at}`,
    ]);
    const pushed = structuredClone(opened);
    Object.assign(pushed, { action: "synchronize" });
    Object.assign(pushed.pull_request, { updated_at: "2099-01-01T00:00:00Z" });
    pushed.pull_request.head.sha = "new-sha";
    await onPullRequest(deps, "d-2", pushed as never);
    expect(await checklistKeys(store)).toHaveLength(2);
    await store.close();
  });

  it("enqueues for AI and skip labels and body edits, not for other labels or title edits", async () => {
    const { deps, store } = await testShell();
    const events = [
      pullRequestEvent("labeled", { label: { name: "bug" } }),
      pullRequestEvent("edited", { changes: { title: { from: "Old" } } }),
      pullRequestEvent("labeled", { label: { name: "AI-Assisted" } }),
      pullRequestEvent("unlabeled", { label: { name: "skip-review-sla" } }),
      pullRequestEvent("edited", { changes: { body: { from: "" } } }),
    ];
    for (const [i, payload] of events.entries()) {
      payload.pull_request.updated_at = `2099-01-0${i + 1}T00:00:00Z`;
      await onPullRequest(deps, `d-${i}`, payload as never);
    }
    const kinds = (await checklistKeys(store)).map((key) => key.split(":")[2]);
    expect(kinds).toEqual(["labeled", "unlabeled", "edited"]);
    await store.close();
  });

  it("enqueues nothing for drafts or when the repository turned the checklist off", async () => {
    const { deps, store } = await testShell();
    const draft = pullRequestEvent("opened");
    draft.pull_request.draft = true;
    await onPullRequest(deps, "d-1", draft as never);
    expect(await checklistKeys(store)).toEqual([]);

    await store.repos.setConfig(draft.repository.id, {
      json: { checklist: { enabled: false } },
      errors: [],
      fetchedAt: deps.clock.now(),
    });
    const ready = pullRequestEvent("ready_for_review");
    ready.pull_request.updated_at = "2099-01-01T00:00:00Z";
    await onPullRequest(deps, "d-2", ready as never);
    expect(await checklistKeys(store)).toEqual([]);
    await store.close();
  });
});

describe("issue_comment webhooks on the checklist comment", () => {
  const written =
    "<!-- review-sla:checklist pr=1 -->\n- [ ] Described? <!-- item:general.description -->\n";

  async function withChecklist() {
    const shell = await testShell();
    const opened = pullRequestEvent("opened");
    await onPullRequest(shell.deps, "d-0", opened as never);
    const pullRequestId = opened.pull_request.id as number;
    await shell.store.checklists.saveComment(
      pullRequestId,
      {
        commentId: 77,
        bodyHash: bodyHash(written),
        requiredItems: ["general.description"],
        aiAssisted: false,
        evidence: [],
      },
      shell.clock.now(),
    );
    const scenario = {
      installationId: opened.installation.id as number,
      repo: { id: opened.repository.id as number, owner: "o", name: "r" },
      number: opened.pull_request.number as number,
      comment: { id: 77, body: written, updatedAt: "2026-11-23T10:00:00Z" },
    };
    return { ...shell, pullRequestId, scenario };
  }

  const checkKeys = async (store: Store) =>
    (await store.outbox.list({ kind: "checklist-check" })).map((a) => a.key);

  it("enqueues a check refresh for a person's edit, once per version of the comment", async () => {
    const { deps, store, scenario } = await withChecklist();
    const ticked = { ...scenario.comment, body: written.replace("[ ]", "[x]") };
    const edited = issueCommentPayload("edited", { ...scenario, comment: ticked });
    expect(await onChecklistComment(deps, "c-1", edited as never)).toBe(true);
    expect(await onChecklistComment(deps, "c-1", edited as never)).toBe(false);
    expect(await onChecklistComment(deps, "c-2", edited as never)).toBe(false);
    expect(await checkKeys(store)).toEqual(["checklist-check:77@2026-11-23T10:00:00Z"]);
    await store.close();
  });

  it("ignores the app's own edit coming back, and comments that are not the checklist", async () => {
    const { deps, store, scenario } = await withChecklist();
    const own = issueCommentPayload("edited", scenario);
    expect(await onChecklistComment(deps, "c-1", own as never)).toBe(false);
    const other = issueCommentPayload("edited", {
      ...scenario,
      comment: { ...scenario.comment, id: 78, body: "LGTM" },
    });
    expect(await onChecklistComment(deps, "c-2", other as never)).toBe(false);
    const quoted = issueCommentPayload("edited", {
      ...scenario,
      comment: { ...scenario.comment, id: 79, body: `> ${written}` },
    });
    expect(await onChecklistComment(deps, "c-3", quoted as never)).toBe(false);
    expect(await checkKeys(store)).toEqual([]);
    await store.close();
  });

  it("records a deletion so the checklist is never posted again", async () => {
    const { deps, store, scenario, pullRequestId } = await withChecklist();
    const deleted = issueCommentPayload("deleted", scenario);
    expect(await onChecklistComment(deps, "c-1", deleted as never)).toBe(true);
    expect((await store.checklists.get(pullRequestId))?.deletedAt).not.toBeNull();
    expect(await checkKeys(store)).toEqual(["checklist-check:77@deleted"]);
    await store.close();
  });
});
