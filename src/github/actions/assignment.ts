// Performs `assign` (a PR became ready without a specific reviewer) and `reassign` (an
// escalation asks for one more reviewer): re-checks, plans once, then carries the plan out.
import type { Executor, PayloadOf } from "../../outbox/catalogue.js";
import { exemptionOf } from "../../sla/exemptions.js";
import type { ActionRow } from "../../store/store.js";
import { applyPlan } from "../assignment/apply.js";
import { gatherPickInput, needsPoolAssignment, pendingReviewers } from "../assignment/inputs.js";
import type { AssignmentTarget } from "../assignment/inputs.js";
import { makePlan, readPlan } from "../assignment/plan.js";
import type { ShellDeps } from "../deps.js";

export type AssignmentPayload = PayloadOf<"assign" | "reassign">;

/** A repository config that never loaded is retried a few times before defaults apply. */
const CONFIG_WAIT_ATTEMPTS = 5;

type Loaded = AssignmentTarget | { skipped: string };

/** The PR, its repository and config, or why the action no longer applies. */
export async function loadAssignmentTarget(
  deps: ShellDeps,
  action: ActionRow,
  payload: AssignmentPayload,
): Promise<Loaded> {
  const pr =
    action.pullRequestId === null ? null : await deps.store.pulls.get(action.pullRequestId);
  if (!pr) return { skipped: "pull request unknown" };
  if (!pr.open) return { skipped: "pull request closed" };
  const repository = await deps.store.repos.get(pr.repositoryId);
  if (!repository || repository.removedAt) return { skipped: "repository no longer tracked" };
  if (repository.configFetchedAt === null && action.attempts < CONFIG_WAIT_ATTEMPTS)
    throw new Error("the repository's configuration is not loaded yet; retrying");
  const { config } = deps.configs.resolve(repository.configJson);
  if (!config.assignment.enabled) return { skipped: "assignment is not enabled" };
  if (payload.trigger === "escalation" && !config.escalation.reassign)
    return { skipped: "escalation.reassign is off" };
  const exemption = exemptionOf(pr, config);
  if (exemption) return { skipped: `exempt (${exemption})` };
  return { pr, repository, config };
}

export function assignmentExecutor(deps: ShellDeps): Executor<"assign" | "reassign"> {
  return async (action, log) => {
    const { payload } = action;
    const target = await loadAssignmentTarget(deps, action, payload);
    if ("skipped" in target) {
      log.info({ reason: target.skipped }, "assignment.skipped");
      return target;
    }
    let plan = readPlan(await deps.store.assignment.getPlan(action.key));
    const github = await deps.github(action.installationId);
    if (plan === null) {
      if (payload.trigger === "ready" && !needsPoolAssignment(target)) {
        log.info("assignment.not_needed");
        return { skipped: "a reviewer is already requested" };
      }
      const now = deps.clock.now();
      const input = await gatherPickInput(deps, github, target, { ...payload, now });
      const teams = payload.trigger === "ready" ? pendingReviewers(target.pr).teams : [];
      plan = makePlan(input, payload.trigger, teams);
      await deps.store.assignment.savePlan(action.key, plan, now);
    }
    const done = await applyPlan(
      { deps, github, target, actionKey: action.key, attempts: action.attempts, log },
      plan,
    );
    const requested = done.plan.chosen.map((c) => c.login);
    log.info({ requested, refused: done.plan.refused, comment: done.commentId }, "assignment.done");
    return {
      requested,
      refused: done.plan.refused,
      commentId: done.commentId,
      recovered: done.recovered,
    };
  };
}
