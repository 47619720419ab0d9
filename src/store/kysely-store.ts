// The Store over Kysely, for SQLite and Postgres alike; the queries live in one module per table
// group, and this class binds them to a database or to one transaction.
import type { Kysely } from "kysely";
import type { DateTime } from "luxon";
import { systemClock } from "../runtime-clock.js";
import type { Clock } from "../runtime-clock.js";
import type { Reviewer } from "../sla/pull-request.js";
import * as accounts from "./accounts.js";
import * as checklists from "./checklists.js";
import { openDatabase } from "./database.js";
import { assignmentStore } from "./assignment.js";
import { digestStore } from "./digests.js";
import { withAdvisoryLock, withLeaseLock } from "./locks.js";
import { migrateToLatest } from "./migrations.js";
import * as outbox from "./outbox.js";
import * as pullRequests from "./pull-requests.js";
import * as scale from "./scale.js";
import type { ContentLimit } from "./scale.js";
import * as history from "./review-history.js";
import type { Database, Dialect } from "./schema.js";
import type {
  ActionStatus,
  ChecklistCheckRun,
  ChecklistComment,
  ClaimOptions,
  ClaimableInstallationsQuery,
  NewAction,
  PullRequestFields,
  ReviewInput,
  Store,
} from "./store.js";

type Db = Kysely<Database>;

export interface StoreOptions {
  /** Stamps rows the store creates itself (an action's createdAt, an SQLite lock's lease). */
  clock?: Clock;
}

export class KyselyStore implements Store {
  private readonly clock: Clock;

  constructor(
    private readonly db: Db,
    readonly dialect: Dialect,
    readonly describe: string,
    options: StoreOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
  }

  /** Inside a transaction, a nested one joins it (Kysely has no savepoints here). */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    if (this.db.isTransaction) return fn(this);
    return this.db
      .transaction()
      .execute((trx) =>
        fn(new KyselyStore(trx, this.dialect, this.describe, { clock: this.clock })),
      );
  }

  private atomically<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    if (this.db.isTransaction) return fn(this.db);
    return this.db.transaction().execute(fn);
  }

  get digests() {
    return digestStore(this.db);
  }

  get assignment() {
    return assignmentStore(this.db);
  }

  async ping(): Promise<void> {
    await this.db.selectNoFrom((eb) => eb.lit(1).as("one")).execute();
  }

  async close(): Promise<void> {
    if (this.db.isTransaction) throw new Error("close() is not available inside a transaction.");
    await this.db.destroy();
  }

  recordDelivery(id: string, event: string, receivedAt: DateTime) {
    return accounts.recordDelivery(this.db, id, event, receivedAt);
  }
  upsertInstallation(row: Parameters<Store["upsertInstallation"]>[0]) {
    return accounts.upsertInstallation(this.db, row);
  }
  markInstallationDeleted(id: number, at: DateTime) {
    return accounts.markInstallationDeleted(this.db, id, at);
  }
  getInstallation(id: number) {
    return accounts.getInstallation(this.db, id);
  }
  listInstallations() {
    return accounts.listInstallations(this.db);
  }
  upsertRepository(row: Parameters<Store["upsertRepository"]>[0]) {
    return accounts.upsertRepository(this.db, row);
  }
  markRepositoryRemoved(id: number, at: DateTime) {
    return accounts.markRepositoryRemoved(this.db, id, at);
  }
  getRepository(id: number) {
    return accounts.getRepository(this.db, id);
  }
  findRepository(owner: string, name: string) {
    return accounts.findRepository(this.db, owner, name);
  }
  listRepositories(installationId: number) {
    return accounts.listRepositories(this.db, installationId);
  }
  setRepositoryConfig(
    id: number,
    config: { json: unknown; errors: string[]; fetchedAt: DateTime },
  ) {
    return accounts.setRepositoryConfig(this.db, id, config);
  }

  upsertPullRequest(fields: PullRequestFields) {
    return pullRequests.upsertPullRequest(this.db, fields);
  }
  getPullRequest(id: number) {
    return pullRequests.getPullRequest(this.db, id);
  }
  findPullRequest(repositoryId: number, number: number) {
    return pullRequests.findPullRequest(this.db, repositoryId, number);
  }
  setNextDueAt(pullRequestId: number, at: DateTime | null) {
    return pullRequests.setNextDueAt(this.db, pullRequestId, at);
  }
  listDuePullRequests(at: DateTime, limit: number) {
    return pullRequests.listDuePullRequests(this.db, at, limit);
  }
  listOpenPullRequestIds(installationId: number, repositoryId: number | null) {
    return pullRequests.listOpenPullRequestIds(this.db, installationId, repositoryId);
  }
  countOpenPullRequests() {
    return pullRequests.countOpenPullRequests(this.db);
  }
  openUserRequests(installationId: number) {
    return pullRequests.openUserRequests(this.db, installationId);
  }
  reviewsSince(installationId: number, since: DateTime) {
    return pullRequests.reviewsSince(this.db, installationId, since);
  }

  addReviewRequest(pullRequestId: number, reviewer: Reviewer, at: DateTime) {
    return history.addReviewRequest(this.db, pullRequestId, reviewer, at);
  }
  removeReviewRequest(pullRequestId: number, reviewer: Reviewer, at: DateTime) {
    return history.removeReviewRequest(this.db, pullRequestId, reviewer, at);
  }
  recordReview(pullRequestId: number, review: ReviewInput) {
    return this.atomically((db) => history.recordReview(db, pullRequestId, review));
  }
  markReviewDismissed(pullRequestId: number, reviewId: number) {
    return history.markReviewDismissed(this.db, pullRequestId, reviewId);
  }
  replaceReviewHistory(
    pullRequestId: number,
    snapshot: Parameters<Store["replaceReviewHistory"]>[1],
  ) {
    return this.atomically((db) => history.replaceReviewHistory(db, pullRequestId, snapshot));
  }

  enqueueAction(action: NewAction) {
    return outbox.enqueueAction(this.db, action, this.clock.now());
  }
  pruneDoneActions(kind: string, before: DateTime) {
    return outbox.pruneDoneActions(this.db, kind, before);
  }
  enqueueActions(actions: readonly NewAction[]) {
    return outbox.enqueueActions(this.db, actions, this.clock.now());
  }
  actionKeys(pullRequestId: number) {
    return outbox.actionKeys(this.db, pullRequestId);
  }
  getActionByKey(key: string) {
    return outbox.getActionByKey(this.db, key);
  }
  claimActions(options: ClaimOptions) {
    return outbox.claimActions(this.db, this.dialect, options);
  }
  claimableInstallations(query: ClaimableInstallationsQuery) {
    return outbox.claimableInstallations(this.db, query);
  }
  completeAction(id: number, owner: string, done: { at: DateTime; result: unknown }) {
    return outbox.completeAction(this.db, id, owner, done);
  }
  failAction(id: number, owner: string, failure: { error: string; retryAt: DateTime | null }) {
    return outbox.failAction(this.db, id, owner, failure);
  }
  listActions(filter?: { status?: ActionStatus; pullRequestId?: number; kind?: string }) {
    return outbox.listActions(this.db, filter);
  }
  outboxDepth(now: DateTime) {
    return outbox.outboxDepth(this.db, now);
  }

  getChecklist(pullRequestId: number) {
    return checklists.getChecklist(this.db, pullRequestId);
  }
  findChecklistByComment(commentId: number) {
    return checklists.findChecklistByComment(this.db, commentId);
  }
  saveChecklistComment(pullRequestId: number, comment: ChecklistComment, at: DateTime) {
    return checklists.saveChecklistComment(this.db, pullRequestId, comment, at);
  }
  saveChecklistCheckRun(pullRequestId: number, run: ChecklistCheckRun, at: DateTime) {
    return checklists.saveChecklistCheckRun(this.db, pullRequestId, run, at);
  }
  markChecklistDeleted(pullRequestId: number, commentId: number, at: DateTime) {
    return checklists.markChecklistDeleted(this.db, pullRequestId, commentId, at);
  }
  setPullRequestAiAssisted(pullRequestId: number, aiAssisted: boolean) {
    return checklists.setPullRequestAiAssisted(this.db, pullRequestId, aiAssisted);
  }

  withLock<T>(name: string, fn: () => Promise<T>) {
    return this.dialect === "postgres"
      ? withAdvisoryLock(this.db, name, fn)
      : withLeaseLock(this.db, name, this.clock.now(), fn);
  }

  takeContentSlot(installationId: number, now: DateTime, limits: readonly ContentLimit[]) {
    return scale.takeContentSlot(this.db, this.dialect, installationId, now, limits);
  }
  getRepositorySync(repositoryId: number) {
    return scale.getRepositorySync(this.db, repositoryId);
  }
  setRepositorySync(repositoryId: number, etag: string | null, at: DateTime) {
    return scale.setRepositorySync(this.db, repositoryId, etag, at);
  }
  recordRedelivery(deliveryId: string, at: DateTime) {
    return scale.recordRedelivery(this.db, deliveryId, at);
  }
}

/** Opens the database named by `url` (see `openDatabase`), brings its schema up to date. */
export async function createStore(
  url: string | undefined,
  options: StoreOptions = {},
): Promise<KyselyStore> {
  const opened = openDatabase(url);
  try {
    await migrateToLatest(opened.db, opened.dialect, opened.schema);
  } catch (error) {
    await opened.db.destroy();
    throw error;
  }
  return new KyselyStore(opened.db, opened.dialect, opened.describe, options);
}
