// Posts the review checklist on a pull request, or rewrites it in place when the changed files
// or the AI evidence change, then brings its "Review checklist" check run up to date.
import type { Executor } from "../../outbox/catalogue.js";
import { detectAiAssistance } from "../../checklist/detect.js";
import type { AiDetection } from "../../checklist/detect.js";
import { checklistExemption } from "../../checklist/exemption.js";
import { planChecklist, skipReason } from "../../checklist/plan.js";
import type { ChecklistPlan, ChecklistPlanInput } from "../../checklist/plan.js";
import { requiredItems } from "../../checklist/required.js";
import { selectSections } from "../../checklist/sections.js";
import { marker } from "../../comments/markers.js";
import type { RepoConfig } from "../../config/schema.js";
import type { ChecklistRow, StoredPullRequest } from "../../store/store.js";
import type { InstallationGitHub, PullSummary } from "../client.js";
import type { ShellDeps } from "../deps.js";
import { bodyHash } from "../checklist-hash.js";
import { progressState, retireChecklist, syncCheckRun } from "./checklist-check.js";
import type { CheckTarget } from "./checklist-check.js";

interface Comment {
  id: number;
  body: string;
}

interface SyncContext {
  deps: ShellDeps;
  github: InstallationGitHub;
  pr: StoredPullRequest;
  config: RepoConfig;
  live: PullSummary;
  row: ChecklistRow | null;
  target: CheckTarget;
}

function labelsOf(pull: PullSummary): string[] {
  return pull.labels.map((label) => label.name ?? "").filter((name) => name !== "");
}

/** The comment GitHub holds now: the recorded one ("deleted" when gone), else none. */
async function recordedComment(ctx: SyncContext): Promise<Comment | "deleted" | null> {
  const { github, pr, row } = ctx;
  if (!row?.comment) return null;
  return (await github.getComment(pr.owner, pr.repo, row.comment.commentId)) ?? "deleted";
}

/**
 * Before creating, looks for a checklist already on the PR: a crash between posting and
 * recording, or a lost database, must not yield a second comment.
 */
async function planWithGuard(
  ctx: SyncContext,
  input: ChecklistPlanInput,
): Promise<{ plan: ChecklistPlan; existing: Comment | null }> {
  const plan = planChecklist(input);
  if (plan.action !== "create") return { plan, existing: null };
  const { github, pr } = ctx;
  const marked = await github.findMarkedComment(
    pr.owner,
    pr.repo,
    pr.number,
    marker("checklist", { pr: String(pr.number) }),
  );
  if (!marked) return { plan, existing: null };
  // Recorded at once, so a person deleting it from now on is recognised.
  await ctx.deps.store.checklists.saveComment(
    pr.id,
    {
      commentId: marked.id,
      bodyHash: bodyHash(marked.body),
      requiredItems: [],
      aiAssisted: input.aiAssisted,
      evidence: input.aiEvidence,
    },
    ctx.deps.clock.now(),
  );
  return { plan: planChecklist({ ...input, existingBody: marked.body }), existing: marked };
}

/** Performs the plan; returns the comment as it now reads, null when none, or "deleted". */
async function writeComment(
  ctx: SyncContext,
  plan: ChecklistPlan,
  existing: Comment | null,
): Promise<(Comment & { wrote: boolean }) | "deleted" | null> {
  const { github, pr } = ctx;
  if (plan.action === "none") return existing ? { ...existing, wrote: false } : null;
  await ctx.deps.takeContentSlot(pr.installationId);
  if (existing) {
    const updated = await github.updateComment(pr.owner, pr.repo, existing.id, plan.body);
    return updated ? { id: existing.id, body: plan.body, wrote: true } : "deleted";
  }
  const created = await github.createComment(pr.owner, pr.repo, pr.number, plan.body);
  return { id: created.id, body: plan.body, wrote: true };
}

/** Required items of what was rendered; a checklist left alone keeps the recorded ones. */
function requiredOf(ctx: SyncContext, input: ChecklistPlanInput, detection: AiDetection) {
  const recorded = ctx.row?.comment?.requiredItems;
  if (skipReason(input) !== null && recorded) return recorded;
  const sections = selectSections(input.files, input.config, detection.aiAssisted);
  return [...requiredItems(sections, input.config, detection.aiAssisted)];
}

async function detect(ctx: SyncContext): Promise<AiDetection> {
  const { github, pr, live, config } = ctx;
  const messages = await github.listPullCommitMessages(pr.owner, pr.repo, pr.number);
  const detection = detectAiAssistance(
    {
      author: live.user?.login ?? pr.author,
      labels: labelsOf(live),
      body: live.body ?? null,
      commitMessages: messages,
    },
    config.checklist.ai_markers,
  );
  if (detection.aiAssisted !== pr.aiAssisted) {
    await ctx.deps.store.pulls.setAiAssisted(pr.id, detection.aiAssisted);
  }
  return detection;
}

/** Everything after the exemption checks: detect, plan, write, record, report. */
async function syncComment(ctx: SyncContext, recorded: Comment | null): Promise<unknown> {
  const { deps, github, pr, config, live, row, target } = ctx;
  const detection = await detect(ctx);
  if (config.checklist.when === "ai-assisted" && !detection.aiAssisted && !recorded) {
    return { skipped: "checklist only for AI-assisted pull requests" };
  }
  const input: ChecklistPlanInput = {
    draft: live.draft ?? false,
    aiAssisted: detection.aiAssisted,
    config: config.checklist,
    files: await github.listPullFiles(pr.owner, pr.repo, pr.number),
    existingBody: recorded?.body ?? null,
    deletedByHuman: false,
    prNumber: pr.number,
    aiEvidence: detection.evidence,
  };
  const { plan, existing } = recorded
    ? { plan: planChecklist(input), existing: recorded }
    : await planWithGuard(ctx, input);
  const comment = await writeComment(ctx, plan, existing);
  const checkRun = row?.checkRun ?? null;
  if (comment === "deleted") {
    return retireChecklist(deps, github, target, existing?.id ?? null, checkRun);
  }
  if (comment === null) return { skipped: plan.reason };
  const required = requiredOf(ctx, input, detection);
  const keptHash = row?.comment?.commentId === comment.id ? row.comment.bodyHash : undefined;
  await deps.store.checklists.saveComment(
    pr.id,
    {
      commentId: comment.id,
      bodyHash: comment.wrote || keptHash === undefined ? bodyHash(comment.body) : keptHash,
      requiredItems: required,
      aiAssisted: detection.aiAssisted,
      evidence: detection.evidence,
    },
    deps.clock.now(),
  );
  const state = progressState(comment.body, required);
  const run = await syncCheckRun(deps, github, target, state, checkRun);
  return { comment: plan.action, commentId: comment.id, checkRun: run, title: state.title };
}

async function syncChecklist(
  deps: ShellDeps,
  pr: StoredPullRequest,
  config: RepoConfig,
): Promise<unknown> {
  const github = await deps.github(pr.installationId);
  const live = await github.getPull(pr.owner, pr.repo, pr.number);
  const exempt = checklistExemption(
    {
      open: live.state === "open",
      draft: live.draft ?? false,
      author: live.user?.login ?? pr.author,
      labels: labelsOf(live),
    },
    config,
  );
  if (exempt) return { skipped: exempt };
  const row = await deps.store.checklists.get(pr.id);
  const target = { pullRequestId: pr.id, owner: pr.owner, repo: pr.repo, headSha: live.head.sha };
  const ctx: SyncContext = { deps, github, pr, config, live, row, target };
  const recorded = row?.deletedAt ? "deleted" : await recordedComment(ctx);
  if (recorded === "deleted") {
    return retireChecklist(
      deps,
      github,
      target,
      row?.comment?.commentId ?? null,
      row?.checkRun ?? null,
    );
  }
  return syncComment(ctx, recorded);
}

export function checklistExecutor(deps: ShellDeps): Executor<"checklist"> {
  return async (action, log) => {
    if (action.pullRequestId === null) throw new Error(`action ${action.key} has no pull request`);
    const pr = await deps.store.pulls.get(action.pullRequestId);
    if (!pr) return { skipped: "pull request unknown" };
    const repository = await deps.store.repos.get(pr.repositoryId);
    if (!repository || repository.removedAt) return { skipped: "repository no longer tracked" };
    const { config } = deps.configs.resolve(repository.configJson);
    // The stored snapshot rules out most skipped PRs before any GitHub call.
    const exempt = checklistExemption(pr, config);
    if (exempt) return { skipped: exempt };
    const outcome = await deps.store.withLock(`checklist:${pr.id}`, () =>
      syncChecklist(deps, pr, config),
    );
    if (!outcome.acquired) {
      throw new Error(`checklist of ${pr.owner}/${pr.repo}#${pr.number} is busy in another worker`);
    }
    log.info(
      { pr: `${pr.owner}/${pr.repo}#${pr.number}`, result: outcome.result },
      "checklist.synced",
    );
    return outcome.result;
  };
}
