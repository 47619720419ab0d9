// The sweep: evaluates every PR whose next action is due, records the due actions in the
// outbox (performed by the action worker) and moves each PR's next-due time on. It makes no
// GitHub call: a sweep with nothing due touches only the database.
import type { DateTime } from "luxon";
import type { Logger } from "pino";
import { awayOn, mergeAway } from "../assignment/away.js";
import { renderEscalation, renderReminder } from "../comments/sla-comments.js";
import type { RepoConfig } from "../config/schema.js";
import type { ConfigCache } from "../sla/config-cache.js";
import { evaluatePullRequest } from "../sla/policy.js";
import type { SlaAction } from "../sla/policy.js";
import { enqueue as enqueueAction } from "../outbox/enqueue.js";
import type { FollowUpHook } from "../outbox/follow-ups.js";
import type { StoredPullRequest, Store } from "../store/store.js";

export interface SweepDeps {
  store: Store;
  configs: ConfigCache;
  log: Logger;
  /** Records follow-ups of each due action in its transaction (Slack DMs and alerts). */
  followUps?: FollowUpHook | undefined;
}

export interface SweepItem {
  key: string;
  kind: SlaAction["kind"];
  pr: string;
  dueAt: string;
  deadline: string;
  /** False for a reminder recorded without a comment because an escalation overtook it. */
  posts: boolean;
}

export interface SweepReport {
  at: string;
  dryRun: boolean;
  evaluated: number;
  actions: SweepItem[];
  /** Wall time of the sweep itself (not of performing its actions). */
  durationMs: number;
}

/** Requested users away on the day the comment goes out (`people.<login>.away`, `assignment.away`). */
function awayReviewers(action: SlaAction, config: RepoConfig): Set<string> {
  const logins = action.reviewers.flatMap((r) => (r.type === "user" ? [r.login] : []));
  const ranges = mergeAway(config.assignment.away, config.people);
  return awayOn(action.dueAt, logins, ranges, config.people, config.timezone);
}

function commentBody(pr: StoredPullRequest, action: SlaAction, config: RepoConfig): string {
  const base = {
    key: action.key,
    owner: pr.owner,
    reviewers: action.reviewers,
    away: awayReviewers(action, config),
    sla: action.sla,
    clock: action.clock,
  };
  return action.kind === "reminder"
    ? renderReminder(base)
    : renderEscalation({ ...base, targets: action.targets });
}

function item(pr: StoredPullRequest, action: SlaAction, posts: boolean): SweepItem {
  return {
    key: action.key,
    kind: action.kind,
    pr: `${pr.owner}/${pr.repo}#${pr.number}`,
    dueAt: action.dueAt.toISO() ?? "",
    deadline: action.deadline.toISO() ?? "",
    posts,
  };
}

async function enqueue(
  tx: Store,
  pr: StoredPullRequest,
  action: SlaAction,
  config: RepoConfig,
  superseded: boolean,
): Promise<boolean> {
  return enqueueAction(
    tx,
    action.kind,
    {
      owner: pr.owner,
      repo: pr.repo,
      number: pr.number,
      body: superseded ? "" : commentBody(pr, action, config),
      ...(superseded ? { superseded: true } : {}),
      slaKey: action.key,
    },
    {
      installationId: pr.installationId,
      pullRequestId: pr.id,
      dueAt: action.dueAt,
      // Most overdue first: the earliest deadline has the lowest priority number.
      priority: Math.floor(action.deadline.toMillis() / 60_000),
    },
  );
}

/** Evaluates one PR at `at`; records its due actions unless `dryRun`. */
async function sweepPullRequest(
  deps: SweepDeps,
  id: number,
  at: DateTime,
  dryRun: boolean,
): Promise<SweepItem[]> {
  const { store } = deps;
  return store.transaction(async (tx) => {
    const pr = await tx.pulls.get(id);
    const repository = pr && (await tx.repos.get(pr.repositoryId));
    if (!pr || !repository) return [];
    const { config, calendar } = deps.configs.resolve(repository.configJson);
    const evaluation = evaluatePullRequest(pr, config, calendar, at, await tx.outbox.keysOf(pr.id));
    const items = [
      ...evaluation.due.map((a) => item(pr, a, true)),
      ...evaluation.superseded.map((a) => item(pr, a, false)),
    ];
    if (dryRun) return items;
    for (const action of evaluation.due) {
      await enqueue(tx, pr, action, config, false);
      await deps.followUps?.(tx, pr, action, config);
    }
    for (const action of evaluation.superseded) await enqueue(tx, pr, action, config, true);
    await tx.pulls.setNextDueAt(pr.id, evaluation.nextAt);
    return items;
  });
}

/** One sweep as of `at`. Bounded: each PR is evaluated at most once per sweep. */
export async function sweep(
  deps: SweepDeps,
  options: { at: DateTime; dryRun?: boolean; batchSize?: number },
): Promise<SweepReport> {
  const dryRun = options.dryRun ?? false;
  const batchSize = options.batchSize ?? 500;
  const started = performance.now();
  const seen = new Set<number>();
  const actions: SweepItem[] = [];
  for (;;) {
    const ids = (await deps.store.pulls.listDue(options.at, dryRun ? 1_000_000 : batchSize)).filter(
      (id) => !seen.has(id),
    );
    if (ids.length === 0) break;
    for (const id of ids) {
      seen.add(id);
      actions.push(...(await sweepPullRequest(deps, id, options.at, dryRun)));
    }
    if (dryRun) break;
  }
  const report = {
    at: options.at.toISO() ?? "",
    dryRun,
    evaluated: seen.size,
    actions,
    durationMs: Math.round((performance.now() - started) * 100) / 100,
  };
  deps.log.info(
    { at: report.at, dryRun, evaluated: report.evaluated, actions: actions.length },
    "sweep.done",
  );
  return report;
}
