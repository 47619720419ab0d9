// Shared handler steps: make sure the installation and repository of an event are tracked.
import type { DateTime } from "luxon";
import type { Store } from "../../store/store.js";

export interface RepositoryRef {
  id: number;
  name: string;
  owner: { login: string; type?: string | undefined };
  default_branch?: string | undefined;
}

/**
 * Tracks the repository (and its installation) an event comes from. Returns whether it was new,
 * so the caller can enqueue a config load and a catch-up import for it.
 */
export async function ensureRepository(
  tx: Store,
  installationId: number,
  repository: RepositoryRef,
  _at: DateTime,
): Promise<boolean> {
  const existing = await tx.repos.get(repository.id);
  // A stored repository's installation is stored too (a foreign key; installations are only ever
  // marked deleted): the usual delivery needs no second read.
  if (existing?.installationId !== installationId) {
    const installation = await tx.repos.getInstallation(installationId);
    if (!installation) {
      await tx.repos.upsertInstallation({
        id: installationId,
        accountLogin: repository.owner.login,
        accountType: repository.owner.type ?? "Organization",
        suspendedAt: null,
      });
    }
  }
  if (
    existing &&
    !existing.removedAt &&
    existing.defaultBranch === (repository.default_branch ?? existing.defaultBranch)
  ) {
    return false;
  }
  await tx.repos.upsert({
    id: repository.id,
    installationId,
    owner: repository.owner.login,
    name: repository.name,
    defaultBranch: repository.default_branch ?? existing?.defaultBranch ?? "",
  });
  return existing === null || existing.removedAt !== null;
}
