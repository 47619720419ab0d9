// What each PR command does on GitHub and in the store, once permitted. Each step can run again
// after a crash (requests and labels are idempotent on GitHub; comments are found by their key).
import type { Logger } from "pino";
import { poolCandidates } from "../../assignment/pool.js";
import { pickReviewers } from "../../assignment/pick.js";
import type { TeamCalendar } from "../../clock/calendar.js";
import type { Done } from "../../commands/notices.js";
import type { Command } from "../../commands/parse.js";
import { snoozeEnd } from "../../commands/snooze.js";
import { renderStatus, statusMarker } from "../../commands/status.js";
import { parsePoolEntry } from "../../config/assignment.js";
import type { RepoConfig } from "../../config/schema.js";
import { statusOf } from "../../outbox/failures.js";
import type { RepositoryRow, StoredPullRequest } from "../../store/store.js";
import { gatherPickInput, pendingReviewers } from "../assignment/inputs.js";
import { readPlan } from "../assignment/plan.js";
import type { InstallationGitHub } from "../client.js";
import type { ShellDeps } from "../deps.js";
import { refreshNextDue } from "../next-due.js";
import { teamMembers } from "../teams.js";

export interface CommandContext {
  deps: ShellDeps;
  github: InstallationGitHub;
  pr: StoredPullRequest;
  repository: RepositoryRow;
  config: RepoConfig;
  calendar: TeamCalendar;
  /** Who gave the command. */
  login: string;
  /** The action's key: the marker of any comment it writes. */
  key: string;
  attempts: number;
  log: Logger;
}

/** Done, with what to tell people; or refused, with why (one line). */
export type Effect = { ok: true; done: Done | { name: "status" } } | { ok: false; reason: string };

const lower = (login: string) => login.toLowerCase();
const user = (login: string) => ({ type: "user" as const, login });

/** Pool members with teams expanded (from the team cache when fresh). */
export async function poolMembers(ctx: Omit<CommandContext, "login" | "key">): Promise<string[]> {
  const pool = ctx.config.assignment.pool;
  const teams = pool.flatMap((text) => {
    const entry = parsePoolEntry(text);
    return entry?.type === "team" ? [`${entry.org}/${entry.slug}`] : [];
  });
  const members = await teamMembers(ctx.deps, ctx.github, ctx.pr.installationId, teams);
  return poolCandidates(pool, members);
}

/** Creates the comment once: on a retry, the comment carrying the key is found instead. */
export async function commentOnce(ctx: CommandContext, body: string): Promise<number> {
  const { pr } = ctx;
  if (ctx.attempts > 1) {
    const found = await ctx.github.findComment(pr.owner, pr.repo, pr.number, `key=${ctx.key} -->`);
    if (found) return found.id;
  }
  await ctx.deps.takeContentSlot(pr.installationId);
  return (await ctx.github.createComment(pr.owner, pr.repo, pr.number, body)).id;
}

async function request(ctx: CommandContext, login: string): Promise<string | null> {
  const { pr, deps } = ctx;
  await deps.takeContentSlot(pr.installationId);
  try {
    await ctx.github.requestReviewers(pr.owner, pr.repo, pr.number, { users: [login], teams: [] });
  } catch (error) {
    if (statusOf(error) !== 422) throw error;
    return `GitHub refused to request ${login} (usually: not a collaborator on this repository)`;
  }
  await deps.store.reviews.addRequest(pr.id, user(login), deps.clock.now());
  return null;
}

async function release(ctx: CommandContext, logins: readonly string[]): Promise<void> {
  if (logins.length === 0) return;
  const { pr, deps } = ctx;
  await ctx.github.removeRequestedReviewers(pr.owner, pr.repo, pr.number, {
    users: [...logins],
    teams: [],
  });
  for (const login of logins)
    await deps.store.reviews.removeRequest(pr.id, user(login), deps.clock.now());
}

/** People the app's own assignment requested on this PR (its saved plans). */
async function assignedByApp(ctx: CommandContext): Promise<Set<string>> {
  const { store } = ctx.deps;
  const rows = [
    ...(await store.outbox.list({ pullRequestId: ctx.pr.id, kind: "assign" })),
    ...(await store.outbox.list({ pullRequestId: ctx.pr.id, kind: "reassign" })),
  ];
  const logins = new Set<string>();
  for (const row of rows) {
    const plan = readPlan(await store.assignment.getPlan(row.key));
    for (const chosen of plan?.chosen ?? []) logins.add(lower(chosen.login));
  }
  return logins;
}

async function claim(ctx: CommandContext): Promise<Effect> {
  const pending = pendingReviewers(ctx.pr).users;
  if (!pending.some((l) => lower(l) === lower(ctx.login))) {
    const refused = await request(ctx, ctx.login);
    if (refused) return { ok: false, reason: refused };
  }
  const byApp = await assignedByApp(ctx);
  const released = pending.filter((l) => lower(l) !== lower(ctx.login) && byApp.has(lower(l)));
  await release(ctx, released);
  return { ok: true, done: { name: "claim", login: ctx.login, released } };
}

async function nextBest(ctx: CommandContext): Promise<{ login: string; reason: string } | string> {
  const target = { pr: ctx.pr, repository: ctx.repository, config: ctx.config };
  const now = ctx.deps.clock.now();
  const input = await gatherPickInput(ctx.deps, ctx.github, target, {
    trigger: "escalation",
    missedSla: [ctx.login],
    now,
  });
  const chosen = pickReviewers({ ...input, count: 1 }).chosen[0];
  if (!chosen) return "nobody in the review pool can take it right now";
  return { login: chosen.login, reason: `next best in ${input.poolName}: ${chosen.reason}` };
}

async function reassign(ctx: CommandContext, to: string | null): Promise<Effect> {
  const picked = to === null ? await nextBest(ctx) : { login: to, reason: `named by ${ctx.login}` };
  if (typeof picked === "string") return { ok: false, reason: picked };
  const refused = await request(ctx, picked.login);
  if (refused) return { ok: false, reason: refused };
  await release(ctx, [ctx.login]);
  const done = {
    name: "reassign" as const,
    login: ctx.login,
    to: picked.login,
    reason: picked.reason,
  };
  return { ok: true, done };
}

async function snooze(ctx: CommandContext, command: Extract<Command, { name: "snooze" }>) {
  const { deps, pr, calendar } = ctx;
  const now = deps.clock.now();
  const end = snoozeEnd(command.span, now, calendar, ctx.config.commands.max_snooze);
  if (!end.ok) return { ok: false as const, reason: end.problem };
  await deps.store.pulls.setSnoozedUntil(pr.id, end.until);
  await refreshNextDue(deps, pr.id);
  const done = { name: "snooze" as const, login: ctx.login, until: end.until, zone: calendar.zone };
  return { ok: true as const, done };
}

async function pause(ctx: CommandContext, name: "pause" | "resume"): Promise<Effect> {
  const { pr, config } = ctx;
  const present = config.pause_labels.filter((label) =>
    pr.labels.some((l) => lower(l) === lower(label)),
  );
  if (name === "pause") {
    const label = present[0] ?? config.pause_labels[0];
    if (!label) return { ok: false, reason: "no pause label is configured (pause_labels)" };
    if (present.length === 0) await ctx.github.addLabel(pr.owner, pr.repo, pr.number, label);
    return { ok: true, done: { name, login: ctx.login, label } };
  }
  if (present.length === 0) return { ok: false, reason: "this pull request is not paused" };
  for (const label of present) await ctx.github.removeLabel(pr.owner, pr.repo, pr.number, label);
  return { ok: true, done: { name, login: ctx.login, label: present.join(", ") } };
}

/** Writes the status comment, or updates the one an earlier `status` wrote. */
async function status(ctx: CommandContext): Promise<Effect> {
  const { deps, pr, github } = ctx;
  const body = renderStatus({
    pr,
    rules: ctx.config,
    calendar: ctx.calendar,
    now: deps.clock.now(),
    done: await deps.store.outbox.keysOf(pr.id),
  });
  const existing = await github.findComment(pr.owner, pr.repo, pr.number, statusMarker(pr));
  if (existing && (await github.updateComment(pr.owner, pr.repo, existing.id, body)))
    return { ok: true, done: { name: "status" } };
  await deps.takeContentSlot(pr.installationId);
  await github.createComment(pr.owner, pr.repo, pr.number, body);
  return { ok: true, done: { name: "status" } };
}

/** Performs a permitted command. */
export function performCommand(ctx: CommandContext, command: Command): Promise<Effect> {
  switch (command.name) {
    case "status":
      return status(ctx);
    case "claim":
      return claim(ctx);
    case "reassign":
      return reassign(ctx, command.to);
    case "snooze":
      return snooze(ctx, command);
    case "pause":
    case "resume":
      return pause(ctx, command.name);
  }
}
