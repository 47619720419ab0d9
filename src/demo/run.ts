// `review-sla demo`: the real app (handlers, store, sweep, action worker) against a stand-in
// GitHub and Slack on 127.0.0.1, over a simulated working week, printed as a timeline.
import type { DateTime } from "luxon";
import type { Logger } from "pino";
import { isWorkingDay } from "../clock/calendar.js";
import type { EffectiveConfig } from "../sla/config-cache.js";
import { checkSteps } from "./checks.js";
import { plural } from "./facts.js";
import { githubFacts } from "./narrate-github.js";
import { slackFacts } from "./narrate-slack.js";
import { StoreWatcher } from "./narrate-store.js";
import { END, START, ZONE } from "./scenario.js";
import { personFact, STORY } from "./story.js";
import { Timeline } from "./timeline.js";
import { DASHBOARD_VIEWER, DemoWorld } from "./world.js";

/** The app's default sweep interval (SWEEP_INTERVAL_SECONDS=300). */
const STEP_MINUTES = 5;
/** After the story ends, how long the demo keeps sweeping for its own retries to finish. */
const GRACE_STEPS = (24 * 60) / STEP_MINUTES;

export interface DemoOptions {
  log: Logger;
  verbose: boolean;
  out: (line: string) => void;
  /**
   * `--serve`: after the week, keep the app and the stand-ins running, print the dashboard's
   * address, and stop when this resolves (the CLI: at Ctrl-C).
   */
  serveUntil?: (dashboardUrl: string) => Promise<void>;
}

interface Progress {
  github: number;
  slack: number;
  sweeps: number;
}

/** Why the team does not work on `at`'s date, per the app's config; null on a working day. */
function offDuty({ config, calendar }: EffectiveConfig, at: DateTime): string | null {
  if (isWorkingDay(at, calendar)) return null;
  const day = at.setZone(calendar.zone).weekday > 5 ? "weekend" : "holiday";
  return config.clock === "calendar" ? day : `${day}, not counted toward the SLA`;
}

/** One step of simulated time: what people do now, then the sweep, then what came of it. */
async function step(world: DemoWorld, timeline: Timeline, watcher: StoreWatcher, seen: Progress) {
  const at = world.clock.now();
  timeline.step(at, offDuty(await world.teamConfig(), at));
  for (const story of STORY.filter((s) => s.at.equals(at))) {
    timeline.add([personFact(at, await story.act(world))]);
    await world.settle();
  }
  await world.runtime.sweepOnce({ at });
  seen.sweeps += 1;
  await world.settle();
  timeline.add([
    ...githubFacts(world.github, seen.github, at),
    ...slackFacts(world.slack, seen.slack, at, (await world.teamConfig()).config),
    ...(await watcher.facts(at)),
  ]);
  seen.github = world.github.requests.length;
  seen.slack = world.slack.messages.length;
}

function summary(world: DemoWorld, seen: Progress, startedMs: number): string[] {
  const api = world.github.apiCalls();
  const writes = api.filter((r) => r.method !== "GET" && !r.path.endsWith("/graphql"));
  const { sent, accepted } = world.deliveries;
  const seconds = ((performance.now() - startedMs) / 1000).toFixed(1);
  const { github, slack } = world;
  const days = Math.round(END.diff(START, "days").days);
  return [
    "",
    `Summary: ${seen.sweeps} sweeps over ${days} simulated days, in ${seconds} s of real time.`,
    `  GitHub: ${plural(api.length, "API request")} (${writes.length} writes): ` +
      `${plural(github.postedComments().length, "comment")} posted, ` +
      `${plural(github.assignment.reviewRequests().length, "review request")}, ` +
      `${plural(github.checkRuns.length, "check run")}.`,
    `  Slack: ${plural(slack.messages.length, "message")} (${plural(slack.calls.length, "API call")}).`,
    `  Webhooks: ${plural(sent, "signed delivery", "signed deliveries")}, ${accepted} accepted.`,
  ];
}

/** Exit 0 when every expected step happened and no action is left over; otherwise exit 1. */
function verdict(
  steps: ReturnType<typeof checkSteps>,
  { out, verbose }: DemoOptions,
  unfinishedActions: number,
  summaryLines: () => string[],
): number {
  for (const line of summaryLines()) out(line);
  const missing = steps.filter((s) => !s.happened);
  if (unfinishedActions > 0) {
    out(`Demo FAILED: ${plural(unfinishedActions, "action")} still pending or failed at the end.`);
    return 1;
  }
  if (missing.length === 0) {
    out(`All ${steps.length} expected steps happened.`);
    if (verbose) for (const s of steps) out(`  ✓ ${s.what}`);
    return 0;
  }
  out(`Demo FAILED: ${plural(missing.length, "expected step")} of ${steps.length} did not happen:`);
  for (const s of missing) out(`  ✗ ${s.what}`);
  return 1;
}

export async function runDemo(options: DemoOptions): Promise<number> {
  const { out } = options;
  const startedMs = performance.now();
  const world = new DemoWorld();
  const timeline = new Timeline(out, options.verbose);
  const seen: Progress = { github: 0, slack: 0, sweeps: 0 };
  out(`review-sla demo: the real app against a stand-in GitHub and Slack on 127.0.0.1.`);
  out(`Simulated time, ${ZONE}; the app sweeps every ${STEP_MINUTES} minutes of it.`);
  out("");
  try {
    await world.open(options.log);
    const watcher = new StoreWatcher(world.runtime.options.store);
    let at = START;
    for (; at <= END; at = at.plus({ minutes: STEP_MINUTES })) {
      world.clock.set(at);
      await step(world, timeline, watcher, seen);
    }
    // A delivery that failed near the end is retried on a later sweep: wait for it, not past it.
    for (let extra = 0; extra < GRACE_STEPS && (await unfinished(world)) > 0; extra += 1) {
      world.clock.set(at);
      await step(world, timeline, watcher, seen);
      at = at.plus({ minutes: STEP_MINUTES });
    }
    timeline.closeDay();
    const left = await unfinished(world);
    const code = verdict(checkSteps(timeline.facts), options, left, () =>
      summary(world, seen, startedMs),
    );
    if (options.serveUntil) {
      out("");
      out(`Dashboard: ${world.dashboardUrl}`);
      out(
        `  "Sign in with GitHub" signs you in as ${DASHBOARD_VIEWER} through the stand-in GitHub.`,
      );
      out("  The app and the stand-ins keep running until Ctrl-C.");
      await options.serveUntil(world.dashboardUrl);
    }
    return code;
  } finally {
    await world.close();
  }
}

/** Actions already due but not done (waiting for a retry), and actions that gave up. */
async function unfinished(world: DemoWorld): Promise<number> {
  const { store } = world.runtime.options;
  const now = world.clock.now();
  const [pending, failed] = await Promise.all([
    store.outbox.list({ status: "pending" }),
    store.outbox.list({ status: "failed" }),
  ]);
  return pending.filter((a) => a.dueAt <= now).length + failed.length;
}
