// The "Review SLA" check run: whose turn it is and its deadline in the team's working time, with
// the PR's review cycles in the details. Neutral or success by default; with `sla.check:
// blocking` a missed deadline completes it as failure. Written once per transition, and only
// once for transitions that queue up behind each other.
import type { DateTime } from "luxon";
import { historyMarkdown, turnHeadline, turnSentence } from "../../comments/turn-text.js";
import type { RepoConfig } from "../../config/schema.js";
import type { Executor } from "../../outbox/catalogue.js";
import { turnHistory } from "../../sla/turn-history.js";
import { whoseTurn } from "../../sla/turn.js";
import type { TurnState } from "../../sla/turn.js";
import type { ShellDeps } from "../deps.js";

export const SLA_CHECK_NAME = "Review SLA";

export function checkConclusion(
  turn: TurnState,
  mode: RepoConfig["sla"]["check"],
  merged: boolean,
  now: DateTime,
): "success" | "failure" | "neutral" {
  const next = turn.deadlines[0];
  if (mode === "blocking" && next && now >= next.at) return "failure";
  if (turn.whose === "merge" || merged) return "success";
  return "neutral";
}

export function turnCheckExecutor(deps: ShellDeps): Executor<"sla-check"> {
  return async (action, log) => {
    const pr =
      action.pullRequestId === null ? null : await deps.store.pulls.get(action.pullRequestId);
    if (!pr) return { skipped: "pull request unknown" };
    // The check shows the PR as it is when written: a later transition still waiting will write
    // this state or a newer one, so a burst of transitions costs GitHub one write, not one each.
    if (await deps.store.outbox.laterPending("sla-check", pr.id, action.id))
      return { skipped: "superseded by a later transition" };
    const repository = await deps.store.repos.get(pr.repositoryId);
    if (!repository || repository.removedAt) return { skipped: "repository no longer tracked" };
    const { config, calendar } = deps.configs.resolve(repository.configJson);
    if (config.sla.check === "off") return { skipped: "sla.check is off" };
    const now = deps.clock.now();
    const turn = whoseTurn(pr, config, calendar);
    const ctx = { pr, calendar, clock: config.clock, now };
    const history = historyMarkdown(turnHistory(pr, config.sla.ignore_reviewers), ctx);
    const conclusion = checkConclusion(turn, config.sla.check, pr.merged, now);
    const summary = `${turnSentence(turn, ctx)}\n\n### Review cycles\n\n${history}`;
    const github = await deps.github(action.installationId);
    await github.createCheckRun({
      owner: pr.owner,
      repo: pr.repo,
      headSha: pr.headSha,
      name: SLA_CHECK_NAME,
      conclusion,
      title: turnHeadline(turn, pr),
      summary,
    });
    log.info(
      { pr: `${pr.owner}/${pr.repo}#${pr.number}`, whose: turn.whose, conclusion },
      "sla_check.written",
    );
    return { whose: turn.whose, why: turn.why, conclusion };
  };
}
