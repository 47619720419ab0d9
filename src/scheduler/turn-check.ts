// With `sla.check: blocking`, a missed deadline is a transition of the "Review SLA" check run:
// the sweep records its write with the SLA action that found it, and the check fails.
import type { RepoConfig } from "../config/schema.js";
import type { TeamCalendar } from "../clock/calendar.js";
import { actionFor } from "../outbox/catalogue.js";
import type { SlaAction } from "../sla/policy.js";
import { turnTransition, whoseTurn } from "../sla/turn.js";
import type { NewAction, StoredPullRequest } from "../store/store.js";

export function missedDeadlineCheck(
  pr: StoredPullRequest,
  action: SlaAction,
  config: RepoConfig,
  calendar: TeamCalendar,
): NewAction[] {
  // Only a blocking check changes its conclusion at a missed deadline; the others wait for the
  // next change of turn, keeping the sweep's writes to what a team asked for.
  if (config.sla.check !== "blocking") return [];
  const turn = whoseTurn(pr, config, calendar);
  const missed = turn.deadlines.find((d) => d.at.toMillis() === action.deadline.toMillis());
  if (!missed) return [];
  const input = {
    owner: pr.owner,
    repo: pr.repo,
    number: pr.number,
    repositoryId: pr.repositoryId,
    transition: turnTransition(pr.headSha, turn, missed.name),
  };
  const target = { installationId: pr.installationId, pullRequestId: pr.id, dueAt: action.dueAt };
  return [actionFor("sla-check", input, target)];
}
