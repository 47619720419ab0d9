// The Probot app function: registers the webhook handlers and HTTP routes. Thin by design:
// each handler maps a payload to a store update and returns.
import type { ApplicationFunction, Probot, ProbotOctokit } from "probot";
import { appGitHub } from "./github/app-client.js";
import { octokitGitHub } from "./github/client.js";
import type { InstallationGitHub } from "./github/client.js";
import type { ShellDeps } from "./github/deps.js";
import { onChecklistComment } from "./github/handlers/checklist.js";
import type { ChecklistCommentPayload } from "./github/handlers/checklist.js";
import {
  onInstallation,
  onInstallationRepositories,
  onPush,
} from "./github/handlers/installation.js";
import { onPullRequest, onPullRequestReview } from "./github/handlers/pull-request.js";
import { healthHandler } from "./http/health.js";
import { metricsHandler } from "./http/metrics.js";
import type { Runtime } from "./runtime.js";
import { VERSION } from "./version.js";

/** An installation's client whose every request is counted, and its rate-limit headroom watched. */
export function meteredGitHub(
  runtime: Runtime,
  octokit: ProbotOctokit,
  installationId: number,
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
  return octokitGitHub(octokit);
}

/** A GitHub client factory bound to a Probot instance (its own token and throttle per installation). */
export function githubFor(runtime: Runtime, app: Probot): ShellDeps["github"] {
  return async (id) => meteredGitHub(runtime, await app.auth(id), id);
}

/** Runs a handler, counting its outcome: processed, redelivery/ignored (false) or error. */
function tracked<P>(
  runtime: Runtime,
  event: string,
  handle: (deliveryId: string, payload: P) => Promise<boolean>,
) {
  return async (context: { id: string; payload: P }) => {
    try {
      const processed = await handle(context.id, context.payload);
      runtime.metrics.webhooks.inc({ event, outcome: processed ? "processed" : "ignored" });
    } catch (error) {
      runtime.metrics.webhooks.inc({ event, outcome: "error" });
      runtime.options.log.error({ err: error, event, delivery: context.id }, "webhook.failed");
      throw error;
    }
  };
}

export function reviewSlaApp(runtime: Runtime): ApplicationFunction {
  return (app, { addHandler }) => {
    const deps: ShellDeps = { ...runtime.baseDeps(), github: githubFor(runtime, app) };
    app.on(
      "pull_request",
      tracked(runtime, "pull_request", (id, p) => onPullRequest(deps, id, p)),
    );
    app.on(
      "pull_request_review",
      tracked(runtime, "pull_request_review", (id, p) => onPullRequestReview(deps, id, p)),
    );
    app.on(
      ["issue_comment.edited", "issue_comment.deleted"],
      tracked<ChecklistCommentPayload>(runtime, "issue_comment", (id, p) =>
        onChecklistComment(deps, id, p),
      ),
    );
    app.on(
      "installation",
      tracked(runtime, "installation", (id, p) => onInstallation(deps, id, p)),
    );
    app.on(
      "installation_repositories",
      tracked(runtime, "installation_repositories", (id, p) =>
        onInstallationRepositories(deps, id, p),
      ),
    );
    app.on(
      "push",
      tracked(runtime, "push", (id, p) => onPush(deps, id, p)),
    );
    const { store, clock } = runtime.options;
    addHandler(healthHandler({ store, clock, version: VERSION }));
    addHandler(metricsHandler(runtime.metrics));
    runtime.appGitHub = appGitHub(app);
    runtime.bind(deps);
  };
}
