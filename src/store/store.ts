// What the shell needs from the database. One implementation (Kysely) serves SQLite and Postgres.
import type { DateTime } from "luxon";
import type { PullRequestState, Reviewer, ReviewState } from "../sla/pull-request.js";
import type { AssignmentStore } from "./assignment.js";
import type { DigestStore } from "./digests.js";

export interface InstallationRow {
  id: number;
  accountLogin: string;
  accountType: string;
  suspendedAt: DateTime | null;
  deletedAt: DateTime | null;
}

export interface RepositoryRow {
  id: number;
  installationId: number;
  owner: string;
  name: string;
  defaultBranch: string;
  /** The last configuration read from GitHub, as parsed JSON (before validation), or null. */
  configJson: unknown;
  /** Human-readable validation errors of that configuration, empty when it was valid. */
  configErrors: string[];
  configFetchedAt: DateTime | null;
  removedAt: DateTime | null;
}

/** The columns of a pull request that a webhook payload or an import carries. */
export interface PullRequestFields extends Omit<
  PullRequestState,
  "requests" | "reviews" | "labels"
> {
  id: number;
  labels: string[];
  /** Last time GitHub changed the PR (payload `updated_at`): older snapshots never overwrite newer ones. */
  updatedAt: DateTime;
}

export interface StoredPullRequest extends PullRequestState {
  id: number;
  nextDueAt: DateTime | null;
  updatedAt: DateTime;
}

export interface ReviewInput {
  id: number;
  reviewer: string;
  state: ReviewState;
  submittedAt: DateTime;
}

export type ActionStatus = "pending" | "done" | "failed";

export interface NewAction {
  /** Unique: the same key is never performed twice. */
  key: string;
  installationId: number;
  pullRequestId: number | null;
  kind: string;
  payload: unknown;
  /** When it may be performed. */
  dueAt: DateTime;
  /** Lower runs first among due actions (e.g. minus minutes overdue); stored as an integer. */
  priority: number;
}

export interface ActionRow extends NewAction {
  id: number;
  status: ActionStatus;
  attempts: number;
  nextAttemptAt: DateTime;
  leaseOwner: string | null;
  leaseExpiresAt: DateTime | null;
  lastError: string | null;
  performedAt: DateTime | null;
  result: unknown;
  createdAt: DateTime;
}

export interface ClaimOptions {
  owner: string;
  /** Machine time: leases, retry waits (`nextAttemptAt` after a failed attempt). */
  now: DateTime;
  /** Decision time: actions due by then are claimable (default: `now`). `sweep --at` runs ahead. */
  dueBy?: DateTime;
  leaseMs: number;
  limit: number;
  /** Only actions of these installations (all when omitted). */
  installationIds?: number[];
  /** Skip actions of these installations (rate-limited ones). */
  excludeInstallationIds?: number[];
}

/** Which installations have claimable work, walked in installation order from a cursor. */
export interface ClaimableInstallationsQuery {
  now: DateTime;
  dueBy?: DateTime;
  /** Only installations with a larger id (the round-robin cursor; the webhook lane is 0). */
  after: number;
  exclude: readonly number[];
  limit: number;
}

/** The check run that reports a checklist's progress on one commit. */
export interface ChecklistCheckRun {
  id: number;
  headSha: string;
  /** null while in progress: GitHub cannot move a completed run back, so that takes a new one. */
  conclusion: "success" | "neutral" | null;
  /** Hash of what the run shows, so an unchanged result is not sent again. */
  outputHash: string;
}

/** What the app last wrote in a pull request's checklist comment. */
export interface ChecklistComment {
  commentId: number;
  /** SHA-256 of the body written: the app's own edits come back as webhooks. */
  bodyHash: string;
  requiredItems: string[];
  aiAssisted: boolean;
  evidence: string[];
}

export interface ChecklistRow {
  pullRequestId: number;
  comment: ChecklistComment | null;
  checkRun: ChecklistCheckRun | null;
  /** A person deleted the comment: it is never posted again. */
  deletedAt: DateTime | null;
  updatedAt: DateTime;
}

/**
 * Rows reference their parents: store an installation before its repositories, and a repository
 * before its pull requests.
 */
export interface Store {
  /**
   * Runs `fn` in one database transaction; the store passed to it must be used inside. Called on
   * a transaction's store, it joins that transaction.
   */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>;
  /** Digest and Slack queries (`store/digests.ts`), bound to this store's transaction. */
  readonly digests: DigestStore;
  /** Team-member cache and assignment plans (`store/assignment.ts`), bound likewise. */
  readonly assignment: AssignmentStore;
  /** Throws when the database does not answer. */
  ping(): Promise<void>;
  close(): Promise<void>;

  /** True the first time a delivery id is seen, false for a redelivery. */
  recordDelivery(id: string, event: string, receivedAt: DateTime): Promise<boolean>;

  upsertInstallation(row: {
    id: number;
    accountLogin: string;
    accountType: string;
    suspendedAt: DateTime | null;
  }): Promise<void>;
  /** Until the installation is stored again (`upsertInstallation` clears `deletedAt`). */
  markInstallationDeleted(id: number, at: DateTime): Promise<void>;
  getInstallation(id: number): Promise<InstallationRow | null>;
  listInstallations(): Promise<InstallationRow[]>;

  upsertRepository(row: {
    id: number;
    installationId: number;
    owner: string;
    name: string;
    defaultBranch: string;
  }): Promise<void>;
  /**
   * Stops tracking a repository (removed from the installation): its open PRs get no more actions.
   * `upsertRepository` tracks it again.
   */
  markRepositoryRemoved(id: number, at: DateTime): Promise<void>;
  getRepository(id: number): Promise<RepositoryRow | null>;
  /** Case-insensitive; a tracked repository is preferred over a removed one of the same name. */
  findRepository(owner: string, name: string): Promise<RepositoryRow | null>;
  /** The installation's tracked repositories (not removed). */
  listRepositories(installationId: number): Promise<RepositoryRow[]>;
  setRepositoryConfig(
    id: number,
    config: { json: unknown; errors: string[]; fetchedAt: DateTime },
  ): Promise<void>;

  /** Inserts or updates; ignored when the stored row has a newer `updatedAt`. */
  upsertPullRequest(fields: PullRequestFields): Promise<void>;
  getPullRequest(id: number): Promise<StoredPullRequest | null>;
  findPullRequest(repositoryId: number, number: number): Promise<StoredPullRequest | null>;
  /** Adds a pending request unless the same reviewer already has one that is pending. */
  addReviewRequest(pullRequestId: number, reviewer: Reviewer, at: DateTime): Promise<void>;
  /** Closes the pending request of that reviewer (no-op when none is pending). */
  removeReviewRequest(pullRequestId: number, reviewer: Reviewer, at: DateTime): Promise<void>;
  /**
   * Records (or updates, by id) a review and marks as satisfied the pending request it answers:
   * the reviewer's own, or a team's when the reviewer is not the PR author, if requested at or
   * before the review (logins compare case-insensitively). Throws if the PR is not stored.
   */
  recordReview(pullRequestId: number, review: ReviewInput): Promise<void>;
  markReviewDismissed(pullRequestId: number, reviewId: number): Promise<void>;
  /** Replaces a PR's requests and reviews with a snapshot read from GitHub (catch-up, repair). */
  replaceReviewHistory(
    pullRequestId: number,
    history: { requests: { reviewer: Reviewer; requestedAt: DateTime }[]; reviews: ReviewInput[] },
  ): Promise<void>;
  setNextDueAt(pullRequestId: number, at: DateTime | null): Promise<void>;
  /** Open PRs of tracked repositories whose next action is due at or before `at`, earliest first. */
  listDuePullRequests(at: DateTime, limit: number): Promise<number[]>;
  /** Open PRs of a repository (all repositories of the installation when repositoryId is null). */
  listOpenPullRequestIds(installationId: number, repositoryId: number | null): Promise<number[]>;
  /** Open PRs of tracked repositories of active installations. */
  countOpenPullRequests(): Promise<number>;

  /** Inserts the action unless its key exists; true when inserted. */
  enqueueAction(action: NewAction): Promise<boolean>;
  /**
   * Deletes done actions of one kind performed before `before`: applied webhook deliveries, whose
   * payloads are bulky and whose redelivery the handlers' own delivery record still catches.
   */
  pruneDoneActions(kind: string, before: DateTime): Promise<number>;
  /** Inserts several actions in one statement; returns the keys that were new. */
  enqueueActions(actions: readonly NewAction[]): Promise<Set<string>>;
  actionKeys(pullRequestId: number): Promise<Set<string>>;
  getActionByKey(key: string): Promise<ActionRow | null>;
  /**
   * Leases up to `limit` pending actions whose dueAt and nextAttemptAt have passed and whose lease
   * (if any) has expired, lowest priority first; increments their attempts. Safe across processes.
   */
  claimActions(options: ClaimOptions): Promise<ActionRow[]>;
  /** Installations (ids above `after`, ascending) with at least one claimable action. */
  claimableInstallations(query: ClaimableInstallationsQuery): Promise<number[]>;
  /**
   * Marks the action done. Like `failAction`, it changes nothing unless `owner` still holds the
   * lease (another worker may have claimed the action after this lease expired).
   */
  completeAction(id: number, owner: string, done: { at: DateTime; result: unknown }): Promise<void>;
  /**
   * Records a failed attempt: retried at `retryAt` (still pending, lease released), or given up
   * (status failed) when null. Ignored unless `owner` still holds the lease.
   */
  failAction(
    id: number,
    owner: string,
    failure: { error: string; retryAt: DateTime | null },
  ): Promise<void>;
  listActions(filter?: {
    status?: ActionStatus;
    pullRequestId?: number;
    kind?: string;
  }): Promise<ActionRow[]>;
  /** Pending actions due at or before `now` (the backlog): how many, and the dueAt of the oldest. */
  outboxDepth(now: DateTime): Promise<{ pending: number; oldestDueAt: DateTime | null }>;

  /** Pending user review requests on open PRs of an installation (reviewer load). */
  openUserRequests(installationId: number): Promise<
    {
      login: string;
      pullRequestId: number;
      additions: number;
      deletions: number;
      requestedAt: DateTime;
    }[]
  >;
  /** Reviews submitted since `since` on PRs of an installation (recent reviewer load). */
  reviewsSince(
    installationId: number,
    since: DateTime,
  ): Promise<
    {
      login: string;
      pullRequestId: number;
      additions: number;
      deletions: number;
      submittedAt: DateTime;
    }[]
  >;

  /** The checklist of a pull request, or null when it never had one. */
  getChecklist(pullRequestId: number): Promise<ChecklistRow | null>;
  /** The checklist whose comment this is, or null. */
  findChecklistByComment(commentId: number): Promise<ChecklistRow | null>;
  /** Records the comment written (creating the row); leaves the check run and deletion alone. */
  saveChecklistComment(
    pullRequestId: number,
    comment: ChecklistComment,
    at: DateTime,
  ): Promise<void>;
  /** Records the check run (creating the row when needed); leaves the comment alone. */
  saveChecklistCheckRun(pullRequestId: number, run: ChecklistCheckRun, at: DateTime): Promise<void>;
  /** Marks the checklist deleted if `commentId` is its comment; true when it was not already. */
  markChecklistDeleted(pullRequestId: number, commentId: number, at: DateTime): Promise<boolean>;
  /** Sets the PR's AI-assisted flag (upserts from webhooks keep it). */
  setPullRequestAiAssisted(pullRequestId: number, aiAssisted: boolean): Promise<void>;

  /**
   * Runs `fn` only if no other process holds the named lock (Postgres advisory lock; on SQLite a
   * lease row). Returns `{ acquired: false }` without running `fn` when the lock is taken.
   */
  withLock<T>(
    name: string,
    fn: () => Promise<T>,
  ): Promise<{ acquired: true; result: T } | { acquired: false }>;

  /**
   * Takes one content-creation slot (a comment, a review request) for an installation when every
   * limit allows one now, recording it; otherwise returns when the next slot opens. Shared by all
   * replicas on one database.
   */
  takeContentSlot(
    installationId: number,
    now: DateTime,
    limits: readonly { windowMs: number; max: number }[],
  ): Promise<DateTime | null>;
  /** Reconciliation state of a repository: the ETag of its open-PR list and when it last ran. */
  getRepositorySync(
    repositoryId: number,
  ): Promise<{ etag: string | null; reconciledAt: DateTime | null }>;
  setRepositorySync(repositoryId: number, etag: string | null, at: DateTime): Promise<void>;
  /** True the first time a failed webhook delivery is asked to be redelivered. */
  recordRedelivery(deliveryId: string, at: DateTime): Promise<boolean>;
}
