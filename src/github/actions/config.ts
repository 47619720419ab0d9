// Keeps each repository's cached configuration current, and checks configuration changes in
// pull requests so a broken file shows up as a failing check where people look.
import type { Logger } from "pino";
import { checkConfigText, validateConfig } from "../../config/validate.js";
import type { Executor } from "../../outbox/catalogue.js";
import { WAITS_FOR_CONFIG } from "../assignment/triggers.js";
import { CONFIG_PATH } from "../deps.js";
import type { ShellDeps } from "../deps.js";
import { refreshNextDue } from "../next-due.js";

/** Reads the repository's config from GitHub, stores it, and re-plans its open PRs. */
export async function refreshRepositoryConfig(
  deps: ShellDeps,
  installationId: number,
  repositoryId: number,
  log: Logger,
): Promise<{ errors: string[] }> {
  const repository = await deps.store.repos.get(repositoryId);
  if (!repository) throw new Error(`repository ${repositoryId} is not tracked`);
  const github = await deps.github(installationId);
  const fetched = await github.loadConfig(repository.owner, repository.name, CONFIG_PATH);
  const errors = fetched.error ? [fetched.error] : validateConfig(fetched.json ?? undefined).errors;
  await deps.store.repos.setConfig(repositoryId, {
    json: fetched.error ? null : fetched.json,
    errors,
    fetchedAt: deps.clock.now(),
  });
  // Work parked until the configuration is known runs now, not at its fallback time.
  const released = await deps.store.outbox.releaseWaiting(
    repositoryId,
    WAITS_FOR_CONFIG,
    deps.clock.now(),
  );
  if (released > 0) deps.wakeWorker();
  const repo = `${repository.owner}/${repository.name}`;
  if (errors.length > 0) log.warn({ repo, errors }, "config.invalid");
  else log.info({ repo, found: fetched.json !== null }, "config.loaded");
  for (const id of await deps.store.pulls.listOpenIds(installationId, repositoryId)) {
    await refreshNextDue(deps, id);
  }
  return { errors };
}

export function refreshConfigExecutor(deps: ShellDeps): Executor<"refresh-config"> {
  return (action, log) =>
    refreshRepositoryConfig(deps, action.installationId, action.payload.repositoryId, log);
}

/** Validates the config file as a pull request changes it, and reports a check run. */
export function configCheckExecutor(deps: ShellDeps): Executor<"config-check"> {
  return async (action, log) => {
    const { owner, repo, headSha, number } = action.payload;
    const github = await deps.github(action.installationId);
    const files = await github.listPullFiles(owner, repo, number);
    if (!files.includes(CONFIG_PATH)) return { changed: false };
    const content = await github.getFileText(owner, repo, CONFIG_PATH, headSha);
    const result =
      content === null ? { ok: true, messages: [] } : checkConfigText(content, CONFIG_PATH);
    await github.createCheckRun({
      owner,
      repo,
      headSha,
      name: "review-sla config",
      conclusion: result.ok ? "success" : "failure",
      title: result.ok
        ? `${CONFIG_PATH} is valid`
        : `${CONFIG_PATH} has ${result.messages.length} problem(s); defaults apply while it is broken`,
      summary: result.ok
        ? content === null
          ? "The file is removed: the organisation's defaults (or built-in defaults) will apply."
          : "The configuration is valid."
        : result.messages.map((m) => `- ${m}`).join("\n"),
    });
    log.info({ repo: `${owner}/${repo}`, ok: result.ok }, "config.checked");
    return { changed: true, ok: result.ok };
  };
}
