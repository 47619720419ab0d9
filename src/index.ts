// The Probot app function: registers the webhook handler and HTTP routes. Thin by design: a
// delivery is recorded in the inbox and answered; the action worker applies it.
import type { ApplicationFunction, Probot, ProbotOctokit } from "probot";
import { appGitHub } from "./github/app-client.js";
import { cachedIdentity, identityFrom } from "./github/app-identity.js";
import type { AppIdentitySource } from "./github/app-identity.js";
import { octokitGitHub } from "./github/client.js";
import type { InstallationGitHub } from "./github/client.js";
import type { ShellDeps } from "./github/deps.js";
import { InboxWriter } from "./github/inbox.js";
import { isCommandComment, isNewComment } from "./github/handlers/command.js";
import { dashboardHandler } from "./http/dashboard/routes.js";
import type { DashboardDeps } from "./http/dashboard/routes.js";
import { healthHandler } from "./http/health.js";
import { metricsHandler } from "./http/metrics.js";
import { slackInteractionsHandler } from "./http/slack-interactions.js";
import type { Runtime } from "./runtime.js";
import { VERSION } from "./version.js";

/** An installation's client whose every request is counted, and its rate-limit headroom watched. */
export function meteredGitHub(
  runtime: Runtime,
  octokit: ProbotOctokit,
  installationId: number,
  identity?: AppIdentitySource,
): InstallationGitHub {
  const observe = (status: number, headers: Record<string, unknown>) => {
    const remaining = runtime.metrics.observeGitHub(installationId, status, headers);
    const limit = Number(headers["x-ratelimit-limit"]);
    if (
      remaining !== null &&
      Number.isFinite(limit) &&
      remaining < limit / 10 &&
      remaining % 50 === 0
    ) {
      runtime.options.log.warn(
        { installation: installationId, remaining, limit },
        "github.rate_limit_low",
      );
    }
  };
  octokit.hook.after("request", (response) => observe(response.status, response.headers));
  octokit.hook.error("request", (error) => {
    const failed = error as { status?: number; response?: { headers?: Record<string, unknown> } };
    observe(failed.status ?? 0, failed.response?.headers ?? {});
    throw error;
  });
  return octokitGitHub(octokit, identity);
}

/** A GitHub client factory bound to a Probot instance (its own token and throttle per installation). */
export function githubFor(runtime: Runtime, app: Probot): ShellDeps["github"] {
  // The app's identity is asked of GitHub once (with the app's JWT), not once per client.
  const identity = cachedIdentity(async () => identityFrom(await app.auth())());
  return async (id) => meteredGitHub(runtime, await app.auth(id), id, identity);
}

/** The events review-sla keeps state from; everything else is not even recorded. */
const EVENTS = [
  "pull_request",
  "pull_request_review",
  "issue_comment.created",
  "issue_comment.edited",
  "issue_comment.deleted",
  "check_run.rerequested",
  "installation",
  "installation_repositories",
  "push",
] as const;

/**
 * Pushes matter only on the default branch (configuration changes), new comments only when they
 * are commands: skip the rest at the door.
 */
function worthRecording(event: string, payload: object): boolean {
  if (event === "issue_comment") return !isNewComment(payload) || isCommandComment(payload);
  if (event !== "push" || !("ref" in payload) || !("repository" in payload)) return true;
  const repository = payload.repository as { default_branch?: string };
  return payload.ref === `refs/heads/${repository.default_branch ?? ""}`;
}

/** What the dashboard needs from the process settings (src/server.ts passes them). */
export type DashboardOptions = Pick<DashboardDeps, "settings" | "production" | "githubBaseUrl">;

export function reviewSlaApp(runtime: Runtime, dashboard?: DashboardOptions): ApplicationFunction {
  return (app, { addHandler }) => {
    const deps: ShellDeps = { ...runtime.baseDeps(), github: githubFor(runtime, app) };
    // A delivery is recorded, and applied in the same transaction when its repository's lane is
    // idle; otherwise the action worker applies it in arrival order (src/github/inbox*.ts).
    const inbox = new InboxWriter(deps, runtime.recordDeliveries(deps), {
      writers: runtime.options.store.concurrentWriters,
    });
    app.on([...EVENTS], async (context) => {
      const event = context.name;
      try {
        const fresh = worthRecording(event, context.payload)
          ? await inbox.record({ event, deliveryId: context.id, payload: context.payload })
          : false;
        runtime.metrics.webhooks.inc({ event, outcome: fresh ? "recorded" : "ignored" });
      } catch (error) {
        runtime.metrics.webhooks.inc({ event, outcome: "error" });
        runtime.options.log.error({ err: error, event, delivery: context.id }, "webhook.failed");
        throw error;
      }
    });
    const { store, clock } = runtime.options;
    addHandler(healthHandler({ store, clock, version: VERSION }));
    addHandler(metricsHandler(runtime.metrics));
    const signingSecret = runtime.options.slackSigningSecret;
    if (signingSecret) {
      const log = runtime.options.log.child({ name: "slack" });
      const { wakeWorker } = deps;
      const clock = runtime.machineClock;
      addHandler(slackInteractionsHandler({ store, clock, log, signingSecret, wakeWorker }));
    }
    if (dashboard) {
      const { log } = runtime.options;
      const { configs } = runtime;
      addHandler(
        dashboardHandler({ ...dashboard, store, configs, clock, log, github: deps.github }),
      );
    }
    runtime.appGitHub = appGitHub(app);
    runtime.bind(deps);
  };
}
