// `review-sla assignment explain OWNER/REPO#N [--at ISO]`: shows whom assignment would pick for a
// pull request, with each candidate's load and exclusions. Reads only; never requests or posts.
import type { DateTime } from "luxon";
import { pickReviewers } from "../assignment/pick.js";
import { renderRanking } from "../assignment/render.js";
import { gatherPickInput, needsPoolAssignment } from "../github/assignment/inputs.js";
import type { AssignmentTarget } from "../github/assignment/inputs.js";
import type { ShellDeps } from "../github/deps.js";
import { ManualClock, systemClock } from "../runtime-clock.js";
import { exemptionOf } from "../sla/exemptions.js";
import { CliError, openAppRuntime } from "./context.js";
import type { CommandContext } from "./context.js";
import { parseInstant } from "./sweep.js";

const USAGE = "usage: review-sla assignment explain OWNER/REPO#N [--at ISO]";

export interface PullTarget {
  owner: string;
  repo: string;
  number: number;
}

/** Reads `OWNER/REPO#N`, e.g. `octo/api#7`. */
export function parsePullTarget(text: string): PullTarget {
  const match = /^([A-Za-z0-9][A-Za-z0-9-]*)\/([A-Za-z0-9._-]+)#([1-9]\d*)$/.exec(text.trim());
  if (!match)
    throw new CliError(`expected a pull request like octo/api#7, found "${text}"\n${USAGE}`);
  return { owner: match[1] ?? "", repo: match[2] ?? "", number: Number(match[3]) };
}

async function findTarget(deps: ShellDeps, pull: PullTarget): Promise<AssignmentTarget> {
  const name = `${pull.owner}/${pull.repo}`;
  const repository = await deps.store.repos.find(pull.owner, pull.repo);
  if (!repository || repository.removedAt)
    throw new CliError(
      `${name} is not tracked: is the app installed there? Then run \`review-sla backfill ${name}\`.`,
    );
  const pr = await deps.store.pulls.find(repository.id, pull.number);
  if (!pr)
    throw new CliError(
      `${name}#${pull.number} is not tracked yet: run \`review-sla backfill ${name}\` first.`,
    );
  return { pr, repository, config: deps.configs.resolve(repository.configJson).config };
}

/** One line saying whether the app would assign this PR now, and if not, why not. */
function verdict(target: AssignmentTarget): string {
  const { pr, repository, config } = target;
  if (repository.configErrors.length > 0)
    return "The repository's config is invalid (defaults apply, so assignment is off): run `review-sla config check`.";
  if (!config.assignment.enabled)
    return "Assignment is not enabled (assignment.enabled: false); the ranking below is hypothetical.";
  const exemption = exemptionOf(pr, config);
  if (exemption) return `The pull request is exempt (${exemption}): nobody would be requested.`;
  return needsPoolAssignment(target)
    ? "No specific reviewer is requested: the app would request the first available candidate."
    : "A reviewer is already requested: the app would request nobody; the ranking shows whom it would pick.";
}

export async function explainLines(
  deps: ShellDeps,
  pull: PullTarget,
  now: DateTime,
): Promise<string[]> {
  const target = await findTarget(deps, pull);
  const { pr } = target;
  const github = await deps.github(pr.installationId);
  const input = await gatherPickInput(deps, github, target, {
    trigger: "ready",
    missedSla: [],
    now,
  });
  const result = pickReviewers(input);
  return [
    `${pr.owner}/${pr.repo}#${pr.number} by ${pr.author}, as of ${now.toUTC().toISO() ?? ""}`,
    verdict(target),
    "",
    renderRanking(result.ranking),
    "",
    `Summary: ${result.summary}`,
    "(Nothing was requested or posted.)",
  ];
}

export async function assignmentCommand(
  ctx: CommandContext,
  args: readonly string[],
  at: string | undefined,
): Promise<number> {
  if (args[0] !== "explain" || args.length !== 2 || args[1] === undefined)
    throw new CliError(USAGE);
  const pull = parsePullTarget(args[1]);
  const clock = at ? new ManualClock(parseInstant(at, "--at")) : systemClock;
  const { runtime } = await openAppRuntime(ctx, clock);
  try {
    for (const line of await explainLines(runtime.shellDeps, pull, clock.now())) ctx.out(line);
    return 0;
  } finally {
    await runtime.stop();
  }
}
