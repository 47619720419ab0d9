// A store that counts the statements it sends to the database, on SQLite or Postgres: tests hold
// the number of queries a code path makes to a bound.
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs } from "kysely";
import type { QueryResult, RootOperationNode, UnknownRow } from "kysely";
import { openDatabase } from "../../src/store/database.js";
import { KyselyStore } from "../../src/store/kysely-store.js";
import { migrateToLatest } from "../../src/store/migrate.js";

class StatementCounter implements KyselyPlugin {
  count = 0;

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }

  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    this.count += 1;
    return Promise.resolve(args.result);
  }
}

export interface CountingStore {
  store: KyselyStore;
  /** Statements executed so far (transaction begin and commit not included). */
  statements(): number;
}

/** A migrated store on `url` whose every statement is counted. */
export async function countingStore(url: string): Promise<CountingStore> {
  const opened = openDatabase(url);
  await migrateToLatest(opened.db, opened.dialect, opened.schema);
  const counter = new StatementCounter();
  const store = new KyselyStore(opened.db.withPlugin(counter), opened.dialect, opened.describe);
  return { store, statements: () => counter.count };
}
