// Gives each contract test a freshly migrated, empty database, and closes what it opened.
import { DateTime } from "luxon";
import { ManualClock } from "../../../src/runtime-clock.js";
import { createStore } from "../../../src/store/kysely-store.js";
import type { KyselyStore } from "../../../src/store/kysely-store.js";

/** A database engine the contract runs on: how to get an empty database, and drop it. */
export interface StoreTarget {
  name: string;
  freshUrl(): Promise<string>;
  dispose(url: string): Promise<void>;
}

export interface StoreContext {
  store: KyselyStore;
  clock: ManualClock;
  url: string;
  /** Another store (another pool or SQLite connection) on the same database. */
  openAnother(): Promise<KyselyStore>;
}

export const T0 = DateTime.fromISO("2026-11-23T09:00:00.000Z", { zone: "utc" });

/** T0 plus some hours: the contract's time line. */
export function at(hours: number): DateTime {
  return T0.plus({ hours });
}

export function useStoreContext(target: StoreTarget): () => StoreContext {
  let context: StoreContext | undefined;
  let opened: KyselyStore[] = [];

  beforeEach(async () => {
    const url = await target.freshUrl();
    const clock = new ManualClock(T0);
    const open = async () => {
      const store = await createStore(url, { clock });
      opened.push(store);
      return store;
    };
    context = { store: await open(), clock, url, openAnother: open };
  });

  afterEach(async () => {
    await Promise.all(opened.map((store) => store.close()));
    opened = [];
    if (context !== undefined) await target.dispose(context.url);
    context = undefined;
  });

  return () => {
    if (context === undefined) throw new Error("The store context exists only inside a test.");
    return context;
  };
}
