// Performs a `pr-command`: checks who may give it, performs it once, and answers where it was
// given: on the comment (👀 then 👍, or 😕 with a one-line reply) or in Slack (the message
// updated in place, or an ephemeral explanation, through a `slack-reply` action).
import type { Logger } from "pino";
import { noticeComment, slackDoneLine } from "../../commands/notices.js";
import { permissionFor } from "../../commands/permission.js";
import type { Command } from "../../commands/parse.js";
import { mention } from "../../comments/sla-comments.js";
import { marker } from "../../comments/markers.js";
import { escapeMarkdown } from "../../comments/escape.js";
import type { Action, Executor } from "../../outbox/catalogue.js";
import { enqueue } from "../../outbox/enqueue.js";
import type { ShellDeps } from "../deps.js";
import type { InstallationGitHub } from "../client.js";
import { pendingReviewers } from "../assignment/inputs.js";
import { commentOnce, performCommand, poolMembers } from "./command-effects.js";
import type { CommandContext, Effect } from "./command-effects.js";

/** Write access is asked of GitHub at most once per person and repository in this window. */
const PERMISSION_TTL_MS = 5 * 60_000;
const WRITERS = new Set(["admin", "maintain", "write"]);

/** GitHub's answer to "may this person write here?", remembered briefly. */
function writeAccessCache(deps: ShellDeps) {
  const cache = new Map<string, { writer: boolean; at: number }>();
  return async (github: InstallationGitHub, owner: string, repo: string, login: string) => {
    const key = `${owner}/${repo}:${login}`.toLowerCase();
    const now = deps.clock.now().toMillis();
    const hit = cache.get(key);
    if (hit && now - hit.at < PERMISSION_TTL_MS) return hit.writer;
    const writer = WRITERS.has(await github.collaboratorPermission(owner, repo, login));
    if (cache.size > 1_000) cache.clear();
    cache.set(key, { writer, at: now });
    return writer;
  };
}

type WriteAccess = ReturnType<typeof writeAccessCache>;

async function permitted(
  ctx: CommandContext,
  command: Command,
  writeAccess: WriteAccess,
): Promise<string | null> {
  const { pr } = ctx;
  const facts = {
    login: ctx.login,
    author: pr.author,
    requestedReviewers: pendingReviewers(pr).users,
    poolMembers: await poolMembers(ctx),
    writeAccess: null as boolean | null,
  };
  let permission = permissionFor(command, facts);
  if (permission.allowed === "ask-write-access") {
    facts.writeAccess = await writeAccess(ctx.github, pr.owner, pr.repo, ctx.login);
    permission = permissionFor(command, facts);
  }
  if (permission.allowed === true) return null;
  return permission.allowed === false ? permission.reason : "permission unknown";
}

async function run(
  deps: ShellDeps,
  action: Action<"pr-command">,
  github: InstallationGitHub,
  writeAccess: WriteAccess,
  log: Logger,
): Promise<{ effect: Effect; ctx: CommandContext | null }> {
  const { payload } = action;
  if (payload.command === null)
    return { effect: { ok: false, reason: payload.problem ?? "unreadable" }, ctx: null };
  const pr =
    action.pullRequestId === null ? null : await deps.store.pulls.get(action.pullRequestId);
  if (!pr)
    return {
      effect: { ok: false, reason: "review-sla does not track this pull request yet" },
      ctx: null,
    };
  if (!pr.open) return { effect: { ok: false, reason: "this pull request is closed" }, ctx: null };
  const repository = await deps.store.repos.get(pr.repositoryId);
  if (!repository || repository.removedAt)
    return { effect: { ok: false, reason: "this repository is not tracked" }, ctx: null };
  const { config, calendar } = deps.configs.resolve(repository.configJson);
  const ctx: CommandContext = {
    deps,
    github,
    pr,
    repository,
    config,
    calendar,
    login: payload.login,
    key: action.key,
    attempts: action.attempts,
    log,
  };
  const refusal = await permitted(ctx, payload.command, writeAccess);
  if (refusal) return { effect: { ok: false, reason: refusal }, ctx };
  return { effect: await performCommand(ctx, payload.command), ctx };
}

/** Tells people what happened: a notice on the PR for everything but `status`. */
async function announce(
  deps: ShellDeps,
  action: Action<"pr-command">,
  ctx: CommandContext,
  effect: Effect,
) {
  if (!effect.ok || effect.done.name === "status") return;
  await commentOnce(ctx, noticeComment(effect.done, action.key));
  await deps.store.commands.record({
    key: action.key,
    installationId: action.installationId,
    pullRequestId: ctx.pr.id,
    command: effect.done.name,
    login: action.payload.login,
    detail: effect.done.name === "snooze" ? (effect.done.until.toISO() ?? null) : null,
    performedAt: deps.clock.now(),
  });
}

async function answerComment(
  deps: ShellDeps,
  action: Action<"pr-command">,
  github: InstallationGitHub,
  commentId: number,
  effect: Effect,
) {
  const { owner, repo, number, login } = action.payload;
  if (effect.ok) return github.reactToComment(owner, repo, commentId, "+1");
  await github.reactToComment(owner, repo, commentId, "confused");
  const body = `${marker("status", { key: `${action.key}:why` })}\n${mention(login)} ${escapeMarkdown(effect.reason)}.`;
  if (
    action.attempts > 1 &&
    (await github.findComment(owner, repo, number, `key=${action.key}:why -->`))
  )
    return;
  await deps.takeContentSlot(action.installationId);
  await github.createComment(owner, repo, number, body);
}

async function answerSlack(
  deps: ShellDeps,
  action: Action<"pr-command">,
  ctx: CommandContext | null,
  effect: Effect,
) {
  const { source } = action.payload;
  if (source.type !== "slack") return;
  const zone = ctx?.calendar.zone ?? "UTC";
  const reply =
    effect.ok && effect.done.name !== "status"
      ? { mode: "update" as const, text: slackDoneLine(effect.done, deps.clock.now(), zone) }
      : { mode: "ephemeral" as const, text: effect.ok ? "Done." : `Sorry: ${effect.reason}.` };
  await enqueue(
    deps.store,
    "slack-reply",
    { message: source.message, ...reply, of: action.key },
    {
      installationId: action.installationId,
      pullRequestId: action.pullRequestId,
      dueAt: deps.clock.now(),
    },
  );
  deps.wakeWorker();
}

export function prCommandExecutor(deps: ShellDeps): Executor<"pr-command"> {
  const writeAccess = writeAccessCache(deps);
  return async (action, log) => {
    const { owner, repo, source } = action.payload;
    const github = await deps.github(action.installationId);
    if (source.type === "comment")
      await github.reactToComment(owner, repo, source.commentId, "eyes");
    const { effect, ctx } = await run(deps, action, github, writeAccess, log);
    if (ctx) await announce(deps, action, ctx, effect);
    if (source.type === "comment")
      await answerComment(deps, action, github, source.commentId, effect);
    else await answerSlack(deps, action, ctx, effect);
    const outcome = effect.ok ? { done: effect.done.name } : { refused: effect.reason };
    log.info(
      { command: action.payload.command?.name ?? null, login: action.payload.login, ...outcome },
      "command.performed",
    );
    return outcome;
  };
}
