// Hands a claimed outbox row to its kind's executor, after parsing its payload with the
// catalogue's schema: executors receive typed data and never re-validate it.
import type { Logger } from "pino";
import type { ActionRow } from "../store/store.js";
import { isActionKind, payloadSchema } from "./catalogue.js";
import type { ActionKind, Executor, Executors } from "./catalogue.js";

/** An action that can never be performed as recorded: failed at once, not retried. */
export class UnperformableAction extends Error {
  readonly permanent = true;
}

function run<K extends ActionKind>(
  kind: K,
  executors: Executors,
  row: ActionRow,
  log: Logger,
): Promise<unknown> {
  const parsed = payloadSchema(kind).safeParse(row.payload);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `${issue.path.join(".") || "payload"}: ${issue.message}`)
      .join("; ");
    throw new UnperformableAction(`action ${row.key}: ${kind} payload is invalid (${problems})`);
  }
  const executor: Executor<K> = executors[kind];
  return executor({ ...row, kind, payload: parsed.data }, log);
}

/** Performs one row with its executor; an unknown kind or an invalid payload fails for good. */
export function performAction(executors: Executors, row: ActionRow, log: Logger): Promise<unknown> {
  if (!isActionKind(row.kind)) {
    return Promise.reject(
      new UnperformableAction(`action ${row.key}: unknown action kind "${row.kind}"`),
    );
  }
  return run(row.kind, executors, row, log);
}
