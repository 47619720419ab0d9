// The Store over Kysely, for SQLite and Postgres alike. The queries live in one module per
// aggregate; this class only binds them to a database or to one transaction.
import type { Kysely } from "kysely";
import { systemClock } from "../runtime-clock.js";
import type { Clock } from "../runtime-clock.js";
import { assignmentStore } from "./assignment.js";
import { checklistStore } from "./checklists.js";
import { commandStore } from "./commands.js";
import { openDatabase } from "./database.js";
import { dashboardStore } from "./dashboard.js";
import { dashboardSessionStore } from "./dashboard-sessions.js";
import { deliveryStore } from "./deliveries.js";
import { digestStore } from "./digests.js";
import { figureStore } from "./figures.js";
import { limitStore } from "./limits.js";
import { withAdvisoryLock, withLeaseLock } from "./locks.js";
import { migrateToLatest } from "./migrate.js";
import { outboxStore } from "./outbox.js";
import { pullRequestStore } from "./pull-requests.js";
import { repoStore } from "./repos.js";
import { retentionStore } from "./retention.js";
import { reviewStore } from "./reviews.js";
import type { Database, Dialect } from "./schema.js";
import type { Store } from "./store.js";

type Db = Kysely<Database>;

export interface StoreOptions {
  /** Stamps rows the store creates itself (an action's createdAt, an SQLite lock's lease). */
  clock?: Clock;
  /** Runs after `ping`'s query: throws when the database file is gone (see `openDatabase`). */
  verify?: () => void;
}

export class KyselyStore implements Store {
  private readonly clock: Clock;

  constructor(
    private readonly db: Db,
    readonly dialect: Dialect,
    readonly describe: string,
    private readonly options: StoreOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
  }

  /** Inside a transaction, a nested one joins it (Kysely has no savepoints here). */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    if (this.db.isTransaction) return fn(this);
    return this.db
      .transaction()
      .execute((trx) => fn(new KyselyStore(trx, this.dialect, this.describe, this.options)));
  }

  get concurrentWriters(): number {
    return this.dialect === "postgres" ? 4 : 1;
  }

  withLock<T>(name: string, fn: () => Promise<T>) {
    return this.dialect === "postgres"
      ? withAdvisoryLock(this.db, name, fn)
      : withLeaseLock(this.db, name, this.clock.now(), fn);
  }

  async ping(): Promise<void> {
    await this.db.selectNoFrom((eb) => eb.lit(1).as("one")).execute();
    this.options.verify?.();
  }

  async close(): Promise<void> {
    if (this.db.isTransaction) throw new Error("close() is not available inside a transaction.");
    await this.db.destroy();
  }

  get repos() {
    return repoStore(this.db);
  }

  get pulls() {
    return pullRequestStore(this.db, this.dialect);
  }

  get reviews() {
    return reviewStore(this.db);
  }

  get outbox() {
    return outboxStore(this.db, this.dialect, () => this.clock.now());
  }

  get deliveries() {
    return deliveryStore(this.db);
  }

  get limits() {
    return limitStore(this.db, this.dialect);
  }

  get checklists() {
    return checklistStore(this.db);
  }

  get digests() {
    return digestStore(this.db);
  }

  get dashboard() {
    return dashboardStore(this.db);
  }

  get dashboardSessions() {
    return dashboardSessionStore(this.db);
  }

  get figures() {
    return figureStore(this.db);
  }

  get assignment() {
    return assignmentStore(this.db);
  }

  get retention() {
    return retentionStore(this.db);
  }

  get commands() {
    return commandStore(this.db);
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
  return new KyselyStore(opened.db, opened.dialect, opened.describe, {
    ...options,
    verify: options.verify ?? opened.verify,
  });
}
