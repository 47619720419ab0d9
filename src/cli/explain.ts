// `review-sla explain OWNER/REPO#N [--at ISO]`: whose turn it is on a pull request, since when,
// its deadlines and why, read from the store through the same function the sweep and the check
// run use. Acts on nothing: no GitHub call, no write.
import type { DateTime } from "luxon";
import { TURN_WHY, deadlinePhrase, historyMarkdown, turnHeadline } from "../comments/turn-text.js";
import { formatDuration } from "../config/duration.js";
import { systemClock } from "../runtime-clock.js";
import { ConfigCache } from "../sla/config-cache.js";
import { turnHistory } from "../sla/turn-history.js";
import { whoseTurn } from "../sla/turn.js";
import type { Store } from "../store/store.js";
import { parsePullTarget } from "./assignment.js";
import type { PullTarget } from "./assignment.js";
import { CliError, openStore } from "./context.js";
import type { CommandContext } from "./context.js";
import { parseInstant } from "./sweep.js";

/** Terminal-safe: no control characters from a title or login reach the output. */
function printable(text: string): string {
  return text.replace(/\p{Cc}/gu, " ");
}

export async function explainTurnLines(
  store: Store,
  configs: ConfigCache,
  pull: PullTarget,
  now: DateTime,
): Promise<string[]> {
  const name = `${pull.owner}/${pull.repo}`;
  const repository = await store.repos.find(pull.owner, pull.repo);
  if (!repository || repository.removedAt)
    throw new CliError(
      `${name} is not tracked: is the app installed there? Then run \`review-sla backfill ${name}\`.`,
    );
  const pr = await store.pulls.find(repository.id, pull.number);
  if (!pr)
    throw new CliError(
      `${name}#${pull.number} is not tracked yet: run \`review-sla backfill ${name}\` first.`,
    );
  const { config, calendar } = configs.resolve(repository.configJson);
  const turn = whoseTurn(pr, config, calendar);
  const ctx = { pr, calendar, clock: config.clock, now };
  const zone = calendar.zone;
  const since = turn.since
    ? ` since ${turn.since.setZone(zone).toFormat("ccc d LLL HH:mm")} (${zone})`
    : "";
  const lines = [
    printable(
      `${name}#${pr.number} "${pr.title}" by ${pr.author}, as of ${now.toUTC().toISO() ?? ""}`,
    ),
    `Turn: ${turn.whose}${since}`,
    printable(`  ${turnHeadline(turn, pr)}`),
    `Why: ${TURN_WHY[turn.why]}.`,
  ];
  if (repository.configErrors.length > 0)
    lines.push(
      "Note: the repository's config is invalid; defaults apply (`review-sla config check`).",
    );
  lines.push(turn.deadlines.length > 0 ? "Deadlines:" : "Deadlines: none");
  for (const d of turn.deadlines) {
    const ping = d.pingAt.setZone(zone).toFormat("ccc d LLL HH:mm");
    lines.push(
      `  ${d.name} (${formatDuration(d.sla)}): ${deadlinePhrase(d, ctx)}; ping at ${ping}`,
    );
  }
  lines.push("History:");
  const history = historyMarkdown(turnHistory(pr, config.sla.ignore_reviewers), ctx);
  for (const line of history.split("\n")) if (line !== "") lines.push(printable(`  ${line}`));
  lines.push("(Nothing was performed.)");
  return lines;
}

export async function explainCommand(
  ctx: CommandContext,
  target: string,
  at: string | undefined,
): Promise<number> {
  const pull = parsePullTarget(target);
  const now = at ? parseInstant(at, "--at") : systemClock.now();
  const store = await openStore(ctx.settings);
  try {
    const lines = await explainTurnLines(store, new ConfigCache(), pull, now);
    for (const line of lines) ctx.out(line);
    return 0;
  } finally {
    await store.close();
  }
}
