// Lists an installation's repositories from GitHub and schedules their import: for installs
// whose webhook did not list them, and for `review-sla backfill`.
import { importAction } from "./import.js";
import type { Logger } from "pino";
import type { ActionRow } from "../../store/store.js";
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
      await tx.outbox.enqueue(
        importAction(installationId, repo.id, `import:${repo.id}:${tag}`, now),
      );
    }
  });
  log.info({ installation: installationId, repositories: repos.length }, "installation.synced");
  deps.wakeWorker();
  return { repositories: repos.length };
}

export function syncInstallationExecutor(deps: ShellDeps) {
  return (action: ActionRow, log: Logger): Promise<unknown> =>
    syncInstallation(deps, action.installationId, log, action.key);
}
