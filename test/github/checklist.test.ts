// The `checklist` action against the SQLite store and an in-memory GitHub: one comment per PR,
// rewritten in place with ticks kept, never re-posted after a person deleted it.
import { parseTicked } from "../../src/checklist/parse.js";
import { escapeMarkdown } from "../../src/comments/escape.js";
import { PR_ID, checklistShell } from "../helpers/checklist-shell.js";

const AI_LABEL = { labels: ["ai-assisted"] };

function tick(body: string, itemId: string): string {
  return body.replace(
    new RegExp(`- \\[ \\] (.*<!-- item:${itemId.replace(/\./g, "\\.")} -->)`),
    "- [x] $1",
  );
}

describe("checklist action", () => {
  it("posts one comment tailored to the files, with the AI evidence, and starts the check run", async () => {
    const t = await checklistShell({ pull: AI_LABEL });
    const action = await t.run("checklist");
    expect(action.status).toBe("done");
    expect(t.comments).toHaveLength(1);
    const body = t.comments[0]!.body;
    expect(body.startsWith("<!-- review-sla:checklist pr=5 -->")).toBe(true);
    expect(body).toContain(`- ${escapeMarkdown('label "ai-assisted"')}`);
    for (const title of ["AI-assisted change", "Data safety", "UI states", "Accessibility"]) {
      expect(body).toContain(`### ${escapeMarkdown(title)}`);
    }
    expect(body).not.toContain("### Security");
    expect(t.checkRuns).toEqual([
      expect.objectContaining({ headSha: "sha-1", name: "Review checklist" }),
    ]);
    expect(t.checkRuns[0]!.state.conclusion).toBeNull();
    const stored = await t.store.checklists.get(PR_ID);
    expect(stored?.comment).toMatchObject({ commentId: t.comments[0]!.id, aiAssisted: true });
    expect(stored?.comment?.requiredItems).toContain("ai-review.intent");
    expect((await t.store.pulls.get(PR_ID))?.aiAssisted).toBe(true);
    await t.store.close();
  });

  it("changes nothing on GitHub when run again with nothing new", async () => {
    const t = await checklistShell();
    await t.run("checklist");
    const calls = t.calls.length;
    await t.run("checklist");
    expect(t.calls.slice(calls)).toEqual([
      "getPull",
      "getComment",
      "listPullCommitMessages",
      "listPullFiles",
    ]);
    expect(t.comments).toHaveLength(1);
    expect(t.checkRuns).toHaveLength(1);
    await t.store.close();
  });

  it("rewrites the same comment when new files arrive, keeping the ticked boxes", async () => {
    const t = await checklistShell();
    await t.run("checklist");
    const comment = t.comments[0]!;
    comment.body = tick(comment.body, "data-safety.rollback");
    t.pull.files.push("src/auth/login.ts");
    t.pull.headSha = "sha-2";
    await t.run("checklist");
    expect(t.comments).toHaveLength(1);
    expect(t.calls.filter((c) => c === "createComment")).toHaveLength(1);
    expect(comment.body).toContain("### Security");
    expect(parseTicked(comment.body)).toEqual(new Set(["data-safety.rollback"]));
    expect(t.checkRuns.map((r) => r.headSha)).toEqual(["sha-1", "sha-2"]);
    await t.store.close();
  });

  it("adopts a checklist already on the PR instead of posting a second one", async () => {
    const t = await checklistShell();
    // Posted by an earlier attempt that crashed before recording it.
    const ticked = "- [x] Described? <!-- item:general.description -->";
    t.comments.push({ id: 7, body: `<!-- review-sla:checklist pr=5 -->\n${ticked}\n` });
    await t.run("checklist");
    expect(t.comments).toHaveLength(1);
    expect(t.calls).toContain("findMarkedComment");
    expect(t.calls).not.toContain("createComment");
    expect((await t.store.checklists.get(PR_ID))?.comment?.commentId).toBe(7);
    expect(parseTicked(t.comments[0]!.body)).toEqual(new Set(["general.description"]));
    await t.store.close();
  });

  it("does not post again after a person deleted the comment, and turns the check neutral", async () => {
    const t = await checklistShell();
    await t.run("checklist");
    t.comments.splice(0, 1);
    t.pull.files.push("src/auth/login.ts");
    const action = await t.run("checklist");
    expect(action.result).toMatchObject({ skipped: "checklist comment was deleted by a person" });
    t.pull.headSha = "sha-2";
    await t.run("checklist");
    expect(t.comments).toHaveLength(0);
    expect(t.calls.filter((c) => c === "createComment")).toHaveLength(1);
    expect((await t.store.checklists.get(PR_ID))?.deletedAt).not.toBeNull();
    expect(t.checkRuns.map((r) => [r.headSha, r.state.conclusion])).toEqual([
      ["sha-1", "neutral"],
      ["sha-2", "neutral"],
    ]);
    await t.store.close();
  });

  it("asks GitHub nothing for drafts, skipped authors or skip labels", async () => {
    for (const stored of [
      { draft: true },
      { author: "dependabot[bot]" },
      { labels: ["skip-review-sla"] },
    ]) {
      const t = await checklistShell({ stored });
      const action = await t.run("checklist");
      expect(action.result).toHaveProperty("skipped");
      expect(t.calls).toEqual([]);
      await t.store.close();
    }
  });

  it("still posts on a paused PR and for a coding agent's PR, with the agent as evidence", async () => {
    const author = "copilot-swe-agent[bot]";
    const t = await checklistShell({ pull: { author, labels: ["on-hold"] } });
    await t.run("checklist");
    expect(t.comments[0]?.body).toContain(escapeMarkdown(`author ${author}`));
    await t.store.close();
  });

  it("with `when: ai-assisted`, leaves a PR without AI markers alone after reading its commits", async () => {
    const t = await checklistShell({ config: { checklist: { when: "ai-assisted" } } });
    const action = await t.run("checklist");
    expect(action.result).toEqual({ skipped: "checklist only for AI-assisted pull requests" });
    expect(t.calls).toEqual(["getPull", "listPullCommitMessages"]);
    await t.store.close();
  });

  it("recognises a Co-authored-by trailer of an assistant and names it", async () => {
    const t = await checklistShell({
      config: { checklist: { when: "ai-assisted" } },
      pull: { commitMessages: ["Fix\n\nCo-authored-by: Claude <noreply@anthropic.com>"] },
    });
    await t.run("checklist");
    expect(t.comments[0]?.body).toContain(escapeMarkdown("commit trailer Co-authored-by: Claude"));
    await t.store.close();
  });

  it("keeps the comment within GitHub's size limit for a PR with thousands of files", async () => {
    const files = Array.from({ length: 5000 }, (_, i) => `pkg${i}/src/components/View${i}.tsx`);
    const t = await checklistShell({ pull: { files, labels: ["ai-assisted"] } });
    await t.run("checklist");
    expect(t.comments[0]!.body.length).toBeLessThanOrEqual(65_536);
    expect(t.comments[0]!.body).toContain("It changes 5000 files");
    await t.store.close();
  });
});
