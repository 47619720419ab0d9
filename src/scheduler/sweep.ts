// The sweep: evaluates every PR whose next action is due, records the due actions in the
// outbox (performed by the action worker) and moves each PR's next-due time on, a batch at a
// time. It makes no GitHub call: a sweep with nothing due runs one indexed query.
import type { DateTime } from "luxon";
import type { Logger } from "pino";
import { awayOn, mergeAway } from "../assignment/away.js";
import { isoText } from "../clock/iso-text.js";
import { renderEscalation, renderNudge, renderReminder } from "../comments/sla-comments.js";
import type { RepoConfig } from "../config/schema.js";
import type { ConfigCache, EffectiveConfig } from "../sla/config-cache.js";
import { evaluatePlan, planPullRequest } from "../sla/policy.js";
import type { SlaAction, TurnPlan } from "../sla/policy.js";
import { actionFor } from "../outbox/catalogue.js";
import type { FollowUpHook } from "../outbox/follow-ups.js";
import { missedDeadlineCheck } from "./turn-check.js";
import type {
  DueCursor,
  NewAction,
  RepositoryRow,
  Store,
  StoredPullRequest,
} from "../store/store.js";

export interface SweepDeps {
  store: Store;
  configs: ConfigCache;
  log: Logger;
  /** Follow-ups of each due action, inserted with it (Slack DMs and alerts). */
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

/** Merged away ranges per (cached, immutable) config: the same few configs serve every PR. */
const awayRanges = new WeakMap<RepoConfig, ReturnType<typeof mergeAway>>();

/** Requested users away on the day the comment goes out (`people.<login>.away`, `assignment.away`). */
function awayReviewers(action: SlaAction, config: RepoConfig): Set<string> {
  const ranges = awayRanges.get(config) ?? mergeAway(config.assignment.away, config.people);
  awayRanges.set(config, ranges);
  // Only someone with away ranges can be away: the rest need no local date worked out.
  const logins = action.reviewers.flatMap((r) =>
    r.type === "user" && (ranges.get(r.login.toLowerCase())?.length ?? 0) > 0 ? [r.login] : [],
  );
  return logins.length === 0
    ? new Set()
    : awayOn(action.dueAt, logins, ranges, config.people, config.timezone);
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
  switch (action.kind) {
    case "reminder":
      return renderReminder(base);
    case "escalation":
      return renderEscalation({ ...base, targets: action.targets });
    case "nudge":
      return renderNudge({ ...base, author: action.author, threshold: action.threshold });
  }
}

function item(pr: StoredPullRequest, action: SlaAction, posts: boolean): SweepItem {
  return {
    key: action.key,
    kind: action.kind,
    pr: `${pr.owner}/${pr.repo}#${pr.number}`,
    dueAt: isoText(action.dueAt),
    deadline: isoText(action.deadline),
    posts,
  };
}

function newAction(
  pr: StoredPullRequest,
  action: SlaAction,
  config: RepoConfig,
  superseded: boolean,
): NewAction {
  return actionFor(
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

/** What one batch decides: report lines, rows to insert, and each PR's new next-due time. */
interface BatchPlan {
  items: SweepItem[];
  inserts: NewAction[];
  nextDue: { id: number; at: DateTime | null }[];
}

/** A due PR with its repository's config and its turn's planned actions. */
interface PlannedPull {
  pr: StoredPullRequest;
  effective: EffectiveConfig;
  plan: TurnPlan;
}

/** Plans each PR's turn with the pure core (no I/O): the keys to look up come from it. */
function planPulls(
  deps: SweepDeps,
  pulls: readonly StoredPullRequest[],
  repositories: ReadonlyMap<number, RepositoryRow>,
): PlannedPull[] {
  const configs = new Map<number, EffectiveConfig>();
  const planned: PlannedPull[] = [];
  for (const pr of pulls) {
    const repository = repositories.get(pr.repositoryId);
    if (!repository) continue;
    const effective = configs.get(repository.id) ?? deps.configs.resolve(repository.configJson);
    configs.set(repository.id, effective);
    planned.push({
      pr,
      effective,
      plan: planPullRequest(pr, effective.config, effective.calendar),
    });
  }
  return planned;
}

/** Evaluates a batch's plans against the keys recorded among them; no I/O. */
function planBatch(
  deps: SweepDeps,
  pulls: readonly PlannedPull[],
  keys: ReadonlyMap<number, ReadonlySet<string>>,
  at: DateTime,
): BatchPlan {
  const plan: BatchPlan = { items: [], inserts: [], nextDue: [] };
  for (const { pr, effective, plan: turn } of pulls) {
    const { config, calendar } = effective;
    const done = keys.get(pr.id) ?? new Set<string>();
    const evaluation = evaluatePlan(turn, at, done);
    for (const action of evaluation.due) {
      plan.items.push(item(pr, action, true));
      plan.inserts.push(
        newAction(pr, action, config, false),
        ...(deps.followUps?.(pr, action, config) ?? []),
        ...missedDeadlineCheck(pr, action, config, calendar),
      );
    }
    for (const action of evaluation.superseded) {
      plan.items.push(item(pr, action, false));
      plan.inserts.push(newAction(pr, action, config, true));
    }
    plan.nextDue.push({ id: pr.id, at: evaluation.nextAt });
  }
  return plan;
}

interface BatchRequest {
  size: number;
  cursor: DueCursor | null;
  dryRun: boolean;
}

interface BatchOutcome {
  evaluated: number;
  items: SweepItem[];
  next: DueCursor | null;
}

/** Rows per INSERT: well under both databases' limits on bound parameters. */
const INSERT_CHUNK = 1_000;

/**
 * Loads one batch of due PRs (history, repositories, which planned keys are recorded: five
 * queries), evaluates it and, unless `dryRun`, records its actions (one insert; keys keep them
 * exactly-once) and next-due times (one update) in the same transaction.
 */
async function sweepBatch(
  deps: SweepDeps,
  tx: Store,
  at: DateTime,
  batch: BatchRequest,
): Promise<BatchOutcome> {
  const page = await tx.pulls.loadDue(at, batch.size, batch.cursor);
  const repositories = await tx.repos.getMany(page.pulls.map((pr) => pr.repositoryId));
  const pulls = planPulls(deps, page.pulls, repositories);
  // Only the planned keys are looked up: a PR's long history costs the sweep nothing.
  const keys = await tx.outbox.recordedKeysOfMany(
    new Map(pulls.map(({ pr, plan }) => [pr.id, plan.planned.map((a) => a.key)])),
  );
  const plan = planBatch(deps, pulls, keys, at);
  if (!batch.dryRun) {
    for (let i = 0; i < plan.inserts.length; i += INSERT_CHUNK)
      await tx.outbox.enqueueSwept(plan.inserts.slice(i, i + INSERT_CHUNK));
    await tx.pulls.setNextDueMany(plan.nextDue);
  }
  return { evaluated: page.pulls.length, items: plan.items, next: page.next };
}

/**
 * One sweep as of `at`, in batches of `batchSize` due PRs, each PR evaluated at most once: the
 * cost grows with what is due, not with what is stored.
 */
export async function sweep(
  deps: SweepDeps,
  options: { at: DateTime; dryRun?: boolean; batchSize?: number },
): Promise<SweepReport> {
  const dryRun = options.dryRun ?? false;
  const size = options.batchSize ?? 500;
  const started = performance.now();
  const actions: SweepItem[] = [];
  let evaluated = 0;
  let cursor: DueCursor | null = null;
  // Nothing due (the usual case): one indexed query, no transaction.
  const idle = (await deps.store.pulls.listDue(options.at, 1)).length === 0;
  if (!idle)
    do {
      const batch: BatchRequest = { size, cursor, dryRun };
      const done: BatchOutcome = await deps.store.transaction((tx) =>
        sweepBatch(deps, tx, options.at, batch),
      );
      evaluated += done.evaluated;
      actions.push(...done.items);
      cursor = done.next;
    } while (cursor !== null);
  const report = {
    at: options.at.toISO() ?? "",
    dryRun,
    evaluated,
    actions,
    durationMs: Math.round((performance.now() - started) * 100) / 100,
  };
  deps.log.info(
    { at: report.at, dryRun, evaluated: report.evaluated, actions: actions.length },
    "sweep.done",
  );
  return report;
}
