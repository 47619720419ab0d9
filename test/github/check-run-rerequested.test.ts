// "Re-run" on the "Review checklist" check in GitHub's UI: the app re-reads its checklist.
import { bodyHash } from "../../src/github/checklist-hash.js";
import { onCheckRunRerequested } from "../../src/github/handlers/checklist.js";
import { onPullRequest } from "../../src/github/handlers/pull-request.js";
import { testShell } from "../helpers/shell.js";
import { example } from "../helpers/webhooks.js";

async function withChecklistRun(runId: number) {
  const shell = await testShell();
  const opened = example("pull_request", "opened");
  await onPullRequest(shell.deps, "d-0", opened as never);
  const pullRequestId = opened.pull_request.id as number;
  const at = shell.clock.now();
  const comment = { bodyHash: bodyHash("x"), requiredItems: [], aiAssisted: false, evidence: [] };
  await shell.store.checklists.saveComment(pullRequestId, { commentId: 77, ...comment }, at);
  const run = { id: runId, headSha: "abc", conclusion: null, outputHash: "h" };
  await shell.store.checklists.saveCheckRun(pullRequestId, run, at);
  const rerun = example("check_run", "rerequested");
  Object.assign(rerun, { repository: opened.repository, installation: opened.installation });
  Object.assign(rerun.check_run, {
    id: 9001,
    pull_requests: [{ ...rerun.check_run.pull_requests[0], number: opened.pull_request.number }],
  });
  return { ...shell, rerun };
}

const checkKeys = async (shell: Awaited<ReturnType<typeof testShell>>) =>
  (await shell.store.outbox.list({ kind: "checklist-check" })).map((a) => a.key);

describe("check_run.rerequested", () => {
  it("re-evaluates the checklist when its own check run is re-run, once per delivery", async () => {
    const shell = await withChecklistRun(9001);
    expect(await onCheckRunRerequested(shell.deps, "r-1", shell.rerun as never)).toBe(true);
    expect(await onCheckRunRerequested(shell.deps, "r-1", shell.rerun as never)).toBe(false);
    expect(await checkKeys(shell)).toEqual(["checklist-check:77@rerun:r-1"]);
    await shell.store.close();
  });

  it("ignores re-runs of other check runs (CI, or an older checklist run)", async () => {
    const shell = await withChecklistRun(1234);
    expect(await onCheckRunRerequested(shell.deps, "r-1", shell.rerun as never)).toBe(false);
    expect(await checkKeys(shell)).toEqual([]);
    await shell.store.close();
  });
});
