// Contract: review checklists (comment, check run, deletion by a person) and the PR's AI flag.
import type { ChecklistCheckRun, ChecklistComment } from "../../../src/store/store.js";
import { pullRequestFields, seedPullRequest } from "./builders.js";
import { at } from "./context.js";
import type { StoreContext } from "./context.js";

const COMMENT_ID = 8_000_000_001;

function comment(overrides: Partial<ChecklistComment> = {}): ChecklistComment {
  return {
    commentId: COMMENT_ID,
    bodyHash: "hash-1",
    requiredItems: ["general.description", "ai-review.intent"],
    aiAssisted: true,
    evidence: ['label "ai-assisted"'],
    ...overrides,
  };
}

function checkRun(overrides: Partial<ChecklistCheckRun> = {}): ChecklistCheckRun {
  return {
    id: 6_000_000_001,
    headSha: "abc123",
    conclusion: null,
    outputHash: "out-1",
    ...overrides,
  };
}

export function describeChecklists(ctx: () => StoreContext): void {
  test("stores a checklist comment and finds it by pull request and by comment", async () => {
    const { store } = ctx();
    const pr = await seedPullRequest(store);
    expect(await store.checklists.get(pr)).toBeNull();
    await store.checklists.saveComment(pr, comment(), at(1));

    const stored = await store.checklists.get(pr);
    expect(stored).toMatchObject({
      pullRequestId: pr,
      comment: comment(),
      checkRun: null,
      deletedAt: null,
    });
    expect(stored?.updatedAt.toISO()).toBe(at(1).toISO());
    expect((await store.checklists.findByComment(COMMENT_ID))?.pullRequestId).toBe(pr);
    expect(await store.checklists.findByComment(1)).toBeNull();
  });

  test("keeps the check run when the comment is rewritten, and the comment when the run is", async () => {
    const { store } = ctx();
    const pr = await seedPullRequest(store);
    await store.checklists.saveCheckRun(pr, checkRun(), at(1));
    expect(await store.checklists.get(pr)).toMatchObject({ comment: null, checkRun: checkRun() });

    await store.checklists.saveComment(pr, comment(), at(2));
    await store.checklists.saveComment(pr, comment({ bodyHash: "hash-2", evidence: [] }), at(3));
    const done = checkRun({ conclusion: "success", outputHash: "out-2" });
    await store.checklists.saveCheckRun(pr, done, at(4));

    expect(await store.checklists.get(pr)).toMatchObject({
      comment: comment({ bodyHash: "hash-2", evidence: [] }),
      checkRun: done,
    });
  });

  test("marks a checklist deleted once, only for its own comment, and keeps it deleted", async () => {
    const { store } = ctx();
    const pr = await seedPullRequest(store);
    await store.checklists.saveComment(pr, comment(), at(1));

    expect(await store.checklists.markDeleted(pr, 42, at(2))).toBe(false);
    expect((await store.checklists.get(pr))?.deletedAt).toBeNull();
    expect(await store.checklists.markDeleted(pr, COMMENT_ID, at(2))).toBe(true);
    expect(await store.checklists.markDeleted(pr, COMMENT_ID, at(3))).toBe(false);

    await store.checklists.saveComment(pr, comment({ bodyHash: "late write" }), at(4));
    await store.checklists.saveCheckRun(pr, checkRun({ conclusion: "neutral" }), at(4));
    expect((await store.checklists.get(pr))?.deletedAt?.toISO()).toBe(at(2).toISO());
  });

  test("sets the AI flag, which later snapshots of the pull request keep", async () => {
    const { store } = ctx();
    const pr = await seedPullRequest(store, { aiAssisted: false, labels: [] });
    await store.pulls.setAiAssisted(pr, true);
    await store.pulls.upsert(pullRequestFields({ aiAssisted: false, updatedAt: at(1) }));
    expect((await store.pulls.get(pr))?.aiAssisted).toBe(true);

    await store.pulls.setAiAssisted(pr, false);
    expect((await store.pulls.get(pr))?.aiAssisted).toBe(false);
  });

  test("rolls checklist writes back with their transaction", async () => {
    const { store } = ctx();
    const pr = await seedPullRequest(store);
    await store.transaction(async (tx) => {
      await tx.checklists.saveComment(pr, comment(), at(1));
      await tx.checklists.saveCheckRun(pr, checkRun(), at(1));
    });
    await expect(
      store.transaction(async (tx) => {
        await tx.checklists.saveComment(pr, comment({ bodyHash: "rolled back" }), at(2));
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    expect((await store.checklists.get(pr))?.comment?.bodyHash).toBe("hash-1");
  });
}
