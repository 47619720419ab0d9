// Re-requests review from the people who requested changes once the author has pushed
// (`sla.rerequest_after_push`). GitHub's review_requested webhook then starts the next cycle.
import type { Executor } from "../../outbox/catalogue.js";
import { statusOf } from "../../outbox/failures.js";
import type { ShellDeps } from "../deps.js";

export function rerequestExecutor(deps: ShellDeps): Executor<"rerequest"> {
  return async (action, log) => {
    const { owner, repo, number, reviewers } = action.payload;
    const pr =
      action.pullRequestId === null ? null : await deps.store.pulls.get(action.pullRequestId);
    if (!pr?.open) return { skipped: "pull request closed or unknown" };
    if (reviewers.length === 0) return { skipped: "nobody to ask again" };
    const github = await deps.github(action.installationId);
    try {
      await github.requestReviewers(owner, repo, number, { users: reviewers, teams: [] });
    } catch (error) {
      // 422: GitHub refuses a reviewer (no longer a collaborator, or the author): nothing to retry.
      if (statusOf(error) !== 422) throw error;
      log.warn({ pr: `${owner}/${repo}#${number}`, reviewers }, "rerequest.refused");
      return { skipped: "GitHub refused the review request (422)" };
    }
    log.info({ pr: `${owner}/${repo}#${number}`, reviewers }, "rerequest.requested");
    return { requested: reviewers };
  };
}
