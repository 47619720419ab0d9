// `review-sla backfill [OWNER/REPO]`: imports and reconciles open pull requests from GitHub,
// for one repository or for every repository of every installation.
import { importAction } from "../github/actions/import.js";
import { syncInstallation } from "../github/actions/installation.js";
import { systemClock } from "../runtime-clock.js";
import type { Store } from "../store/store.js";
import { CliError, openAppRuntime } from "./context.js";
import type { CommandContext } from "./context.js";

function accountOf(account: unknown): { login: string; type: string } {
  const a = (account ?? {}) as { login?: unknown; slug?: unknown; type?: unknown };
  const login =
    typeof a.login === "string" ? a.login : typeof a.slug === "string" ? a.slug : "unknown";
  return { login, type: typeof a.type === "string" ? a.type : "Organization" };
}

/** What one import run (its first action and its pages) did, in a sentence. */
async function importSummary(store: Store, key: string): Promise<string> {
  const pages = await store.outbox.outcomesOfRun("import-repository", key);
  const failed = pages.find((a) => a.status !== "done");
  if (failed) return `import incomplete (${failed.status}: ${failed.lastError ?? "pending"})`;
  const results = pages.map((a) => (a.result ?? {}) as { imported?: number; repaired?: number });
  const imported = results.reduce((sum, r) => sum + (r.imported ?? 0), 0);
  const repaired = results.reduce((sum, r) => sum + (r.repaired ?? 0), 0);
  return `${imported} open pull request(s) imported, ${repaired} closed meanwhile repaired`;
}

export async function backfillCommand(
  ctx: CommandContext,
  target: string | undefined,
): Promise<number> {
  const match = target === undefined ? null : /^([^/\s]+)\/([^/\s]+)$/.exec(target);
  if (target !== undefined && !match) throw new CliError(`expected OWNER/REPO, found "${target}"`);
  const { runtime, probot } = await openAppRuntime(ctx, systemClock);
  const deps = runtime.shellDeps;
  try {
    const app = await probot.auth();
    if (match) {
      const [, owner = "", repo = ""] = match;
      const { data: installation } = await app.rest.apps.getRepoInstallation({ owner, repo });
      const account = accountOf(installation.account);
      await deps.store.repos.upsertInstallation({
        id: installation.id,
        accountLogin: account.login,
        accountType: account.type,
        suspendedAt: null,
      });
      const octokit = await probot.auth(installation.id);
      const { data } = await octokit.rest.repos.get({ owner, repo });
      await deps.store.repos.upsert({
        id: data.id,
        installationId: installation.id,
        owner: data.owner.login,
        name: data.name,
        defaultBranch: data.default_branch,
      });
      const key = `import:${data.id}:backfill:${deps.clock.now().toISO() ?? ""}`;
      await deps.store.outbox.enqueue(
        importAction(installation.id, data.id, key, deps.clock.now()),
      );
      await runtime.actionWorker.drain();
      ctx.out(`${owner}/${repo}: ${await importSummary(deps.store, key)}`);
      return 0;
    }
    const installations = await app.paginate(app.rest.apps.listInstallations, { per_page: 100 });
    const tag = `backfill:${deps.clock.now().toISO() ?? ""}`;
    for (const installation of installations) {
      const account = accountOf(installation.account);
      if (installation.suspended_at) {
        ctx.out(`${account.login}: suspended, skipped`);
        continue;
      }
      await deps.store.repos.upsertInstallation({
        id: installation.id,
        accountLogin: account.login,
        accountType: account.type,
        suspendedAt: null,
      });
      const { repositories } = await syncInstallation(deps, installation.id, ctx.log, tag);
      ctx.out(`${account.login}: ${repositories} repositories queued for import`);
    }
    const performed = await runtime.actionWorker.drain();
    ctx.out(`${performed} import and config action(s) performed`);
    return 0;
  } finally {
    await runtime.stop();
  }
}
