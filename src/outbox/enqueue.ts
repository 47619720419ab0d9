// The one way actions enter the outbox: built by the catalogue (key and checked payload), recorded
// by the store, where the unique key makes a second enqueue of the same action a no-op.
import type { NewAction, Store } from "../store/store.js";
import { actionFor } from "./catalogue.js";
import type { ActionKind, ActionTarget, InputOf } from "./catalogue.js";

type Outbox = Pick<Store, "outbox">;

/** Records one action of `kind`; false when its key was already recorded. */
export function enqueue<K extends ActionKind>(
  store: Outbox,
  kind: K,
  input: InputOf<K>,
  target: ActionTarget,
): Promise<boolean> {
  return store.outbox.enqueue(actionFor(kind, input, target));
}

/** Records many actions built with `actionFor` in one statement; returns the keys inserted. */
export function enqueueAll(store: Outbox, actions: readonly NewAction[]): Promise<Set<string>> {
  return store.outbox.enqueueMany(actions);
}
