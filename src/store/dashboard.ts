// The dashboard's reads: open PRs of some repositories with their review history (whose turn),
// pending user review requests with PR sizes (reviewer load), and performed actions per week.
import { sql } from "kysely";
import type { ExpressionBuilder, Kysely } from "kysely";
import type { DateTime } from "luxon";
import { fromJson, fromTime, toTime } from "./codec.js";
import { histories } from "./due-pulls.js";
import type { StoredPullRequest } from "./pull-requests.js";
import { slaPerformed } from "./performed.js";
import { toPullRequest, toReview, toReviewRequest } from "./rows.js";
import type { Database } from "./schema.js";

type Db = Kysely<Database>;

/** Lower-case logins whose PRs count; null: everyone's. */
export type Authors = ReadonlySet<string> | null;

/** `author` of the PR table aliased `p` is one of `authors` (compared in lower case). */
function authoredBy(authors: ReadonlySet<string>) {
  return (eb: ExpressionBuilder<Database & { p: Database["pull_requests"] }, "p">) =>
    eb(sql<string>`lower(p.author)`, "in", [...authors]);
}

/** Bound parameters per statement stay far below SQLite's and Postgres's limits. */
const CHUNK = 500;

export interface DashboardAction {
  kind: string;
  repositoryId: number;
  performedAt: DateTime;
  payload: unknown;
  result: unknown;
}

export interface DashboardStore {
  /** Open PRs of these repositories (by `authors`), each with its requests and reviews. */
  openPullRequests(
    repositoryIds: readonly number[],
    authors?: Authors,
  ): Promise<StoredPullRequest[]>;
  /** Pending user review requests on open PRs of these repositories, with each PR's size. */
  openUserRequests(
    repositoryIds: readonly number[],
    authors?: Authors,
  ): Promise<{ login: string; pullRequestId: number; additions: number; deletions: number }[]>;
  /** Actions of these kinds on PRs of these repositories, done in [from, to). */
  performedActions(
    repositoryIds: readonly number[],
    kinds: readonly string[],
    range: { from: DateTime; to: DateTime },
    authors?: Authors,
  ): Promise<DashboardAction[]>;
}

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

async function openPullRequests(db: Db, repositoryIds: readonly number[], authors: Authors) {
  const pulls: StoredPullRequest[] = [];
  if (authors?.size === 0) return pulls;
  for (const ids of chunks(repositoryIds)) {
    const rows = await db
      .selectFrom("pull_requests as p")
      .selectAll()
      .where("p.repository_id", "in", ids)
      .where("p.open", "=", 1)
      .$if(authors !== null, (q) => q.where(authoredBy(authors ?? new Set())))
      .orderBy("p.id")
      .execute();
    for (const page of chunks(rows)) {
      const { requests, reviews } = await histories(
        db,
        page.map((r) => r.id),
      );
      for (const row of page) {
        const history = (requests.get(row.id) ?? []).map(toReviewRequest);
        pulls.push(toPullRequest(row, history, (reviews.get(row.id) ?? []).map(toReview)));
      }
    }
  }
  return pulls;
}

async function openUserRequests(db: Db, repositoryIds: readonly number[], authors: Authors) {
  const out: { login: string; pullRequestId: number; additions: number; deletions: number }[] = [];
  if (authors?.size === 0) return out;
  // The scope's open PRs first (the repository/open index), then their pending requests by PR:
  // a join lets Postgres walk every review request in id order when the scope is one repository.
  const sizes = new Map<number, { additions: number; deletions: number }>();
  for (const ids of chunks(repositoryIds)) {
    const pulls = await db
      .selectFrom("pull_requests as p")
      .where("p.repository_id", "in", ids)
      .where("p.open", "=", 1)
      .$if(authors !== null, (q) => q.where(authoredBy(authors ?? new Set())))
      .select(["p.id", "p.additions", "p.deletions"])
      .execute();
    for (const pr of pulls) sizes.set(pr.id, pr);
  }
  const requests: { id: number; reviewer: string; pull_request_id: number }[] = [];
  for (const ids of chunks([...sizes.keys()])) {
    requests.push(
      ...(await db
        .selectFrom("review_requests")
        .where("pull_request_id", "in", ids)
        .where("reviewer_type", "=", "user")
        .where("removed_at", "is", null)
        .where("satisfied_at", "is", null)
        .select(["id", "reviewer", "pull_request_id"])
        .execute()),
    );
  }
  requests.sort((a, b) => a.id - b.id);
  for (const request of requests) {
    const size = sizes.get(request.pull_request_id);
    if (!size) continue;
    out.push({
      login: request.reviewer,
      pullRequestId: request.pull_request_id,
      additions: size.additions,
      deletions: size.deletions,
    });
  }
  return out;
}

/**
 * One chunk's query of `performedActions` (exported for its plan: it must read the partial index
 * `actions_sla_performed`, not every action stored).
 */
export function performedActionsQuery(
  db: Db,
  repositoryIds: readonly number[],
  kinds: readonly string[],
  range: { from: DateTime; to: DateTime },
  authors: Authors,
) {
  return db
    .selectFrom("actions as a")
    .crossJoin("pull_requests as p")
    .whereRef("p.id", "=", "a.pull_request_id")
    .where("p.repository_id", "in", [...repositoryIds])
    .where("a.status", "=", "done")
    .where(slaPerformed("a", kinds))
    .where("a.kind", "in", [...kinds])
    .where("a.performed_at", ">=", toTime(range.from))
    .where("a.performed_at", "<", toTime(range.to))
    .$if(authors !== null, (q) => q.where(authoredBy(authors ?? new Set())))
    .select(["a.kind", "p.repository_id", "a.performed_at", "a.payload", "a.result"]);
}

async function performedActions(
  db: Db,
  repositoryIds: readonly number[],
  kinds: readonly string[],
  range: { from: DateTime; to: DateTime },
  authors: Authors,
): Promise<DashboardAction[]> {
  if (kinds.length === 0 || authors?.size === 0) return [];
  const out: DashboardAction[] = [];
  for (const ids of chunks(repositoryIds)) {
    // Actions first, each PR by its key (SQLite keeps a cross join's order): finished actions are
    // pruned after weeks, while a scope's PRs go back years.
    const rows = await performedActionsQuery(db, ids, kinds, range, authors).execute();
    for (const row of rows) {
      out.push({
        kind: row.kind,
        repositoryId: row.repository_id,
        performedAt: fromTime(row.performed_at ?? ""),
        payload: fromJson(row.payload),
        result: fromJson(row.result),
      });
    }
  }
  return out;
}

export function dashboardStore(db: Db): DashboardStore {
  return {
    openPullRequests: (ids, authors) => openPullRequests(db, ids, authors ?? null),
    openUserRequests: (ids, authors) => openUserRequests(db, ids, authors ?? null),
    performedActions: (ids, kinds, range, authors) =>
      performedActions(db, ids, kinds, range, authors ?? null),
  };
}
