// Lists an installation's repositories from GitHub and schedules their import: for installs
// whose webhook did not list them, and for `review-sla backfill`.
import type { Logger } from "pino";
import { importRun } from "../../outbox/catalogue.js";
import type { Executor } from "../../outbox/catalogue.js";
import { enqueue } from "../../outbox/enqueue.js";
import type { ShellDeps } from "../deps.js";

export async function syncInstallation(
  deps: ShellDeps,
  installationId: number,
  log: Logger,
  tag: string,
): Promise<{ repositories: number }> {
  const github = await deps.github(installationId);
  const repos = await github.listInstallationRepos();
  const now = deps.clock.now();
  await deps.store.transaction(async (tx) => {
    for (const repo of repos) {
      await tx.repos.upsert({
        id: repo.id,
        installationId,
        owner: repo.owner,
        name: repo.name,
        defaultBranch: repo.defaultBranch,
      });
      const run = importRun(repo.id, tag);
      await enqueue(
        tx,
        "import-repository",
        { repositoryId: repo.id, run },
        { installationId, dueAt: now },
      );
    }
  });
  log.info({ installation: installationId, repositories: repos.length }, "installation.synced");
  deps.wakeWorker();
  return { repositories: repos.length };
}

export function syncInstallationExecutor(deps: ShellDeps): Executor<"sync-installation"> {
  return (action, log) => syncInstallation(deps, action.installationId, log, action.key);
}
