// installation, installation_repositories and push webhooks: track what the app is installed
// on, import repositories when they arrive, and reload configuration when it changes.
import { applyOnce } from "./once.js";
import type { Context } from "probot";
import { importRun } from "../../outbox/catalogue.js";
import { enqueue } from "../../outbox/enqueue.js";
import type { Store } from "../../store/store.js";
import { CONFIG_PATH } from "../deps.js";
import type { ShellDeps } from "../deps.js";
import { installationIdOf, utc } from "../payloads.js";

type InstallationPayload = Context<"installation">["payload"];
type RepositoriesPayload = Context<"installation_repositories">["payload"];
type PushPayload = Context<"push">["payload"];

interface RepoListItem {
  id: number;
  name: string;
  full_name: string;
}

async function trackAndImport(
  tx: Store,
  installationId: number,
  repos: RepoListItem[],
  deliveryId: string,
  now: ReturnType<ShellDeps["clock"]["now"]>,
): Promise<void> {
  for (const repo of repos) {
    const [owner = "", name = repo.name] = repo.full_name.split("/");
    const existing = await tx.repos.get(repo.id);
    await tx.repos.upsert({
      id: repo.id,
      installationId,
      owner,
      name,
      defaultBranch: existing?.defaultBranch ?? "",
    });
    const run = importRun(repo.id, deliveryId);
    await enqueue(
      tx,
      "import-repository",
      { repositoryId: repo.id, run },
      { installationId, dueAt: now },
    );
  }
}

/** Applies the delivery once (see applyOnce); false for a redelivery. */
async function once(
  deps: ShellDeps,
  deliveryId: string,
  event: string,
  apply: (tx: Store) => Promise<void>,
): Promise<boolean> {
  return (await applyOnce(deps, { id: deliveryId, event }, apply)).fresh;
}

export async function onInstallation(
  deps: ShellDeps,
  deliveryId: string,
  payload: InstallationPayload,
): Promise<boolean> {
  const { installation } = payload;
  const account = installation.account;
  const accountLogin = account && "login" in account ? account.login : (account?.slug ?? "unknown");
  const accountType = account && "type" in account ? account.type : "Enterprise";
  return once(deps, deliveryId, `installation.${payload.action}`, async (tx) => {
    const now = deps.clock.now();
    if (payload.action === "deleted") {
      await tx.repos.markInstallationDeleted(installation.id, now);
      return;
    }
    const suspendedAt =
      payload.action === "suspend" ? utc(installation.suspended_at ?? now.toISO() ?? "") : null;
    await tx.repos.upsertInstallation({
      id: installation.id,
      accountLogin,
      accountType,
      suspendedAt,
    });
    if (payload.action === "created") {
      await trackAndImport(tx, installation.id, payload.repositories ?? [], deliveryId, now);
      if (!payload.repositories) {
        await enqueue(
          tx,
          "sync-installation",
          { installationId: installation.id, reason: deliveryId },
          { installationId: installation.id, dueAt: now },
        );
      }
    }
  });
}

export async function onInstallationRepositories(
  deps: ShellDeps,
  deliveryId: string,
  payload: RepositoriesPayload,
): Promise<boolean> {
  const installationId = installationIdOf(payload);
  if (!installationId) return false;
  return once(deps, deliveryId, `installation_repositories.${payload.action}`, async (tx) => {
    const now = deps.clock.now();
    await trackAndImport(tx, installationId, payload.repositories_added, deliveryId, now);
    for (const repo of payload.repositories_removed) {
      if (repo.id !== undefined) await tx.repos.markRemoved(repo.id, now);
    }
  });
}

function touchesConfig(payload: PushPayload): boolean {
  const commits = [...payload.commits, ...(payload.head_commit ? [payload.head_commit] : [])];
  // GitHub lists at most 20 commits in a push: a longer push may hide the change.
  if (payload.commits.length >= 20) return true;
  return commits.some((c) =>
    [...(c.added ?? []), ...(c.modified ?? []), ...(c.removed ?? [])].includes(CONFIG_PATH),
  );
}

export async function onPush(
  deps: ShellDeps,
  deliveryId: string,
  payload: PushPayload,
): Promise<boolean> {
  const installationId = payload.installation?.id;
  const defaultBranch = payload.repository.default_branch ?? payload.repository.master_branch;
  if (!installationId || payload.ref !== `refs/heads/${defaultBranch}` || !touchesConfig(payload))
    return false;
  return once(deps, deliveryId, "push", async (tx) => {
    const now = deps.clock.now();
    // The org's `.github` repository holds defaults for every repository of the installation.
    const targets =
      payload.repository.name === ".github"
        ? (await tx.repos.list(installationId)).filter((r) => !r.removedAt).map((r) => r.id)
        : [payload.repository.id];
    for (const repositoryId of targets) {
      await enqueue(
        tx,
        "refresh-config",
        { repositoryId, commit: payload.after },
        { installationId, dueAt: now },
      );
    }
  });
}
