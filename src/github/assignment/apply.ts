// Carries out a saved assignment plan on GitHub exactly once: requests each chosen person (a
// refusal brings in the next in line once), replaces a pool team's request, posts the comment.
import type { Logger } from "pino";
import { refreshNextDue } from "../next-due.js";
import type { InstallationGitHub } from "../client.js";
import type { ReviewerSet } from "../assignment-calls.js";
import type { ShellDeps } from "../deps.js";
import { statusOf } from "../../outbox/failures.js";
import type { AssignmentTarget } from "./inputs.js";
import { planComment, refuse } from "./plan.js";
import type { Plan } from "./plan.js";

export interface ApplyContext {
  deps: ShellDeps;
  github: InstallationGitHub;
  target: AssignmentTarget;
  actionKey: string;
  /** Attempts so far, this one included: above 1, GitHub is asked what is already done. */
  attempts: number;
  log: Logger;
}

const lower = (login: string) => login.toLowerCase();

/** Null when requested; GitHub's message when it refused (422: not a collaborator, …). */
async function tryRequest(ctx: ApplyContext, login: string): Promise<string | null> {
  const { pr } = ctx.target;
  await ctx.deps.takeContentSlot(pr.installationId);
  try {
    await ctx.github.requestReviewers(pr.owner, pr.repo, pr.number, { users: [login], teams: [] });
    return null;
  } catch (error) {
    if (statusOf(error) !== 422) throw error;
    return error instanceof Error ? error.message : "HTTP 422";
  }
}

async function requestPeople(
  ctx: ApplyContext,
  plan: Plan,
  onGitHub: ReviewerSet | null,
): Promise<Plan> {
  const { deps, target, actionKey } = ctx;
  const already = new Set((onGitHub?.users ?? []).map(lower));
  const tried = new Set<string>();
  let current = plan;
  for (;;) {
    const next = current.chosen.find((c) => !tried.has(lower(c.login)));
    if (!next) return current;
    tried.add(lower(next.login));
    if (!already.has(lower(next.login))) {
      const refusal = await tryRequest(ctx, next.login);
      if (refusal !== null) {
        ctx.log.warn({ reviewer: next.login, error: refusal }, "assignment.request_refused");
        current = refuse(current, next.login);
        await deps.store.assignment.savePlan(actionKey, current, deps.clock.now());
        continue;
      }
    }
    const reviewer = { type: "user" as const, login: next.login };
    await deps.store.reviews.addRequest(target.pr.id, reviewer, deps.clock.now());
  }
}

/** The person replaces the pool team's request; nothing is removed when nobody was requested. */
async function replaceTeams(ctx: ApplyContext, plan: Plan, onGitHub: ReviewerSet | null) {
  if (plan.chosen.length === 0 || plan.replaceTeams.length === 0) return;
  const { deps, github, target } = ctx;
  const { pr } = target;
  const still = onGitHub ? new Set(onGitHub.teams.map(lower)) : null;
  const teams = plan.replaceTeams.filter((slug) => still === null || still.has(lower(slug)));
  if (teams.length > 0)
    await github.removeRequestedReviewers(pr.owner, pr.repo, pr.number, { users: [], teams });
  for (const slug of plan.replaceTeams)
    await deps.store.reviews.removeRequest(pr.id, { type: "team", slug }, deps.clock.now());
}

async function commentOnce(
  ctx: ApplyContext,
  plan: Plan,
): Promise<{ id: number; recovered: boolean }> {
  const { pr } = ctx.target;
  if (ctx.attempts > 1) {
    const needle = `key=${ctx.actionKey} -->`;
    const existing = await ctx.github.findComment(pr.owner, pr.repo, pr.number, needle);
    if (existing) return { id: existing.id, recovered: true };
  }
  await ctx.deps.takeContentSlot(pr.installationId);
  const posted = await ctx.github.createComment(
    pr.owner,
    pr.repo,
    pr.number,
    planComment(plan, ctx.actionKey),
  );
  return { id: posted.id, recovered: false };
}

/** Performs the plan; returns it as finally carried out, with the comment's id. */
export async function applyPlan(
  ctx: ApplyContext,
  plan: Plan,
): Promise<{ plan: Plan; commentId: number; recovered: boolean }> {
  const { pr } = ctx.target;
  const onGitHub =
    ctx.attempts > 1 ? await ctx.github.listRequestedReviewers(pr.owner, pr.repo, pr.number) : null;
  const done = await requestPeople(ctx, plan, onGitHub);
  await replaceTeams(ctx, done, onGitHub);
  await refreshNextDue(ctx.deps, pr.id);
  const comment = await commentOnce(ctx, done);
  return { plan: done, commentId: comment.id, recovered: comment.recovered };
}
