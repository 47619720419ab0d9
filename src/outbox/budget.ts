// GitHub's secondary limits on content creation, per installation: at most 80 a minute and 500
// an hour. Executors take a slot before each content-creating call; when none is free the action
// is deferred (never dropped) and the installation pauses alone.
import type { DateTime } from "luxon";
import type { Clock } from "../runtime-clock.js";
import type { Store } from "../store/store.js";

export const CONTENT_LIMITS = [
  { windowMs: 60_000, max: 80 },
  { windowMs: 3_600_000, max: 500 },
] as const;

export class ContentBudgetExhausted extends Error {
  override name = "ContentBudgetExhausted";

  constructor(
    readonly installationId: number,
    readonly until: DateTime,
  ) {
    super(
      `installation ${installationId} reached its content-creation budget until ${until.toISO() ?? "?"}`,
    );
  }
}

/** `takeContentSlot(installationId)`: resolves when a write may go ahead, throws when it must wait. */
export function contentBudget(
  store: Store,
  clock: Clock,
  limits: readonly { windowMs: number; max: number }[] = CONTENT_LIMITS,
) {
  return async (installationId: number): Promise<void> => {
    const until = await store.limits.takeContentSlot(installationId, clock.now(), limits);
    if (until) throw new ContentBudgetExhausted(installationId, until);
  };
}
