// What the shell needs from the database: one sub-store per aggregate, each declared beside its
// queries. One implementation (Kysely, `kysely-store.ts`) serves SQLite and Postgres.
import type { AssignmentStore } from "./assignment.js";
import type { ChecklistStore } from "./checklists.js";
import type { CommandStore } from "./commands.js";
import type { DashboardStore } from "./dashboard.js";
import type { DashboardSessionStore } from "./dashboard-sessions.js";
import type { DeliveryStore } from "./deliveries.js";
import type { DigestStore } from "./digests.js";
import type { FigureStore } from "./figures.js";
import type { LimitStore } from "./limits.js";
import type { OutboxStore } from "./outbox.js";
import type { PullRequestStore } from "./pull-requests.js";
import type { RepoStore } from "./repos.js";
import type { RetentionStore } from "./retention.js";
import type { ReviewStore } from "./reviews.js";

export type { AssignmentStore } from "./assignment.js";
export type {
  ChecklistCheckRun,
  ChecklistComment,
  ChecklistRow,
  ChecklistStore,
} from "./checklists.js";
export type { CommandStore, PerformedCommand } from "./commands.js";
export type { DashboardSessionRow, DashboardSessionStore } from "./dashboard-sessions.js";
export type { DeliveryStore } from "./deliveries.js";
export type { ActionOutcome, OutboxMark } from "./outbox-reports.js";
export type { DueCursor, DuePage } from "./due-pulls.js";
export type { DigestStore } from "./digests.js";
export type { FigureMark, FigureStore, FiguresWindow } from "./figures.js";
export type { ContentLimit, LimitStore } from "./limits.js";
export type {
  ActionFilter,
  ActionRow,
  ActionStatus,
  ClaimOptions,
  ClaimableInstallationsQuery,
  NewAction,
  OutboxStore,
} from "./outbox.js";
export type { PullRequestFields, PullRequestStore, StoredPullRequest } from "./pull-requests.js";
export type {
  InstallationRow,
  NewInstallation,
  NewRepository,
  RepoStore,
  RepositoryRow,
} from "./repos.js";
export type { RetentionStore } from "./retention.js";
export type { ReviewHistory, ReviewInput, ReviewStore } from "./reviews.js";

/**
 * Every sub-store is bound to this store's database or transaction: `tx.outbox` inside
 * `transaction` writes in that transaction.
 */
export interface Store {
  /**
   * Runs `fn` in one database transaction; the store passed to it must be used inside. Called on
   * a transaction's store, it joins that transaction.
   */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>;
  /**
   * Runs `fn` only if no other process holds the named lock (Postgres advisory lock; on SQLite a
   * lease row). Returns `{ acquired: false }` without running `fn` when the lock is taken.
   */
  withLock<T>(
    name: string,
    fn: () => Promise<T>,
  ): Promise<{ acquired: true; result: T } | { acquired: false }>;
  /**
   * How many write transactions usefully run side by side: 1 on SQLite (one connection, one
   * writer), 4 on Postgres (pooled connections).
   */
  readonly concurrentWriters: number;
  /** Throws when the database does not answer (or, on SQLite, its file was removed or replaced). */
  ping(): Promise<void>;
  close(): Promise<void>;

  /** Installations, repositories, their configuration and reconciliation state. */
  readonly repos: RepoStore;
  /** Pull requests and the sweep's view of them. */
  readonly pulls: PullRequestStore;
  /** Review requests and reviews (history and reviewer load). */
  readonly reviews: ReviewStore;
  /** Actions: enqueue once per key, lease, record the outcome. */
  readonly outbox: OutboxStore;
  /** Webhook delivery ids (dedupe) and redelivery requests. */
  readonly deliveries: DeliveryStore;
  /** The per-installation content-creation budget. */
  readonly limits: LimitStore;
  readonly checklists: ChecklistStore;
  /** Digest and Slack queries. */
  readonly digests: DigestStore;
  /** The dashboard's reads (open PRs with history, load, actions per repository). */
  readonly dashboard: DashboardStore;
  /** Signed-in dashboard sessions, shared by every replica. */
  readonly dashboardSessions: DashboardSessionStore;
  /** The dashboard's per-PR figures, kept current (`figures.ts`). */
  readonly figures: FigureStore;
  /** Team-member cache and assignment plans. */
  readonly assignment: AssignmentStore;
  /** Deletes finished work nothing depends on any more (`retention-policy.ts` runs it). */
  readonly retention: RetentionStore;
  /** PR commands performed (once per comment or Slack click). */
  readonly commands: CommandStore;
}
