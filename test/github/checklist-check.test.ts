// The "Review checklist" check run: in progress until every required box is ticked, then a
// success; a person unticking later opens a new run, since GitHub never reopens a completed one.
import { PR_ID, checklistShell } from "../helpers/checklist-shell.js";

function tickAll(body: string): string {
  return body.replace(/^- \[ \]/gm, "- [x]");
}

function untick(body: string, itemId: string): string {
  return body
    .split("\n")
    .map((line) =>
      line.includes(`<!-- item:${itemId} -->`) ? line.replace("- [x]", "- [ ]") : line,
    )
    .join("\n");
}

describe("checklist check run", () => {
  it("stays in progress until every required item is ticked, then succeeds", async () => {
    const t = await checklistShell();
    await t.run("checklist");
    const comment = t.comments[0]!;
    const run = t.checkRuns[0]!;
    expect(run.state).toMatchObject({ conclusion: null, title: "0 of 24 required items ticked" });
    expect(run.state.summary).toContain("- `general.description`");

    comment.body = tickAll(comment.body);
    await t.run("checklist-check", { commentId: comment.id });
    expect(t.checkRuns).toHaveLength(1);
    expect(run.state).toMatchObject({
      conclusion: "success",
      title: "All 24 required items ticked",
    });

    comment.body = untick(comment.body, "ui-states.loading");
    await t.run("checklist-check", { commentId: comment.id });
    expect(t.checkRuns.map((r) => r.state.conclusion)).toEqual(["success", null]);
    expect(t.checkRuns[1]!.state.title).toBe("23 of 24 required items ticked");
    await t.store.close();
  });

  it("sends nothing when the edit does not change the progress", async () => {
    const t = await checklistShell();
    await t.run("checklist");
    const comment = t.comments[0]!;
    comment.body = `${comment.body}\nThanks!`;
    const calls = t.calls.length;
    await t.run("checklist-check", { commentId: comment.id });
    expect(t.calls.slice(calls)).toEqual(["getComment"]);
    await t.store.close();
  });

  it("counts only the items `checklist.required` names, plus AI items on AI-assisted PRs", async () => {
    const config = { checklist: { required: ["general", "data-safety.rollback"] } };
    const plain = await checklistShell({ config });
    await plain.run("checklist");
    expect(plain.checkRuns[0]!.state.title).toBe("0 of 2 required items ticked");

    const ai = await checklistShell({ config, pull: { labels: ["ai-assisted"] } });
    await ai.run("checklist");
    expect(ai.checkRuns[0]!.state.title).toBe("0 of 11 required items ticked");
    await plain.store.close();
    await ai.store.close();
  });

  it("ignores an edit of a comment that is not the PR's checklist", async () => {
    const t = await checklistShell();
    await t.run("checklist");
    const calls = t.calls.length;
    const action = await t.run("checklist-check", { commentId: 424242 });
    expect(action.result).toEqual({ skipped: "not the pull request's checklist comment" });
    expect(t.calls.length).toBe(calls);
    await t.store.close();
  });

  it("turns the check neutral when the comment turns out to be gone", async () => {
    const t = await checklistShell();
    await t.run("checklist");
    const { id } = t.comments.pop()!;
    await t.run("checklist-check", { commentId: id });
    expect(t.checkRuns[0]!.state.conclusion).toBe("neutral");
    expect((await t.store.checklists.get(PR_ID))?.deletedAt).not.toBeNull();
    await t.store.close();
  });

  it("retries later while another worker holds the pull request's checklist", async () => {
    const t = await checklistShell();
    const outcome = await t.store.withLock(`checklist:${PR_ID}`, () => t.run("checklist"));
    expect(outcome).toMatchObject({ acquired: true, result: { status: "pending" } });
    expect(t.comments).toHaveLength(0);
    await t.store.close();
  });
});
