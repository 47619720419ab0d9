// The Probot app function: registers the webhook handlers and HTTP routes. Thin by design:
// each handler maps a payload to a store update and returns.
import type { ApplicationFunction } from "probot";
import { octokitGitHub } from "./github/client.js";
import type { ShellDeps } from "./github/deps.js";
import {
  onInstallation,
  onInstallationRepositories,
  onPush,
} from "./github/handlers/installation.js";
import { onPullRequest, onPullRequestReview } from "./github/handlers/pull-request.js";
import { healthHandler } from "./http/health.js";
import { VERSION } from "./version.js";

export type AppDeps = Omit<ShellDeps, "github">;

/** Builds the app; `onReady` receives the deps with a GitHub client bound to this Probot. */
export function reviewSlaApp(
  base: AppDeps,
  onReady: (deps: ShellDeps) => void,
): ApplicationFunction {
  return (app, { addHandler }) => {
    const deps: ShellDeps = { ...base, github: async (id) => octokitGitHub(await app.auth(id)) };
    app.on("pull_request", async (context) => {
      await onPullRequest(deps, context.id, context.payload);
    });
    app.on("pull_request_review", async (context) => {
      await onPullRequestReview(deps, context.id, context.payload);
    });
    app.on("installation", async (context) => {
      await onInstallation(deps, context.id, context.payload);
    });
    app.on("installation_repositories", async (context) => {
      await onInstallationRepositories(deps, context.id, context.payload);
    });
    app.on("push", async (context) => {
      await onPush(deps, context.id, context.payload);
    });
    addHandler(healthHandler({ store: base.store, clock: base.clock, version: VERSION }));
    onReady(deps);
  };
}
