// Keeps the dashboard's per-PR figures current: measures the PRs marked stale (the store's
// triggers mark a PR when it or its reviews change) and those measured with another calendar or
// config, in bounded batches. The page does the same for its own scope before it reads.
import { createHash } from "node:crypto";
import { measurePullRequest } from "../dashboard/pr-figures.js";
import type { PullRequestFigures } from "../dashboard/pr-figures.js";
import type { ConfigCache, EffectiveConfig } from "../sla/config-cache.js";
import type { FigureMark } from "../store/figures.js";
import type { RepositoryRow, Store } from "../store/store.js";
import { toDigestPullRequest } from "./digest-gather.js";

export interface FigureDeps {
  store: Store;
  configs: ConfigCache;
}

/** The team whose calendar the figures are measured in: the organisation's, or the first repo's. */
export function teamConfig(
  configs: ConfigCache,
  repositories: readonly RepositoryRow[],
): EffectiveConfig {
  const org = repositories.find((r) => r.name === ".github") ?? repositories[0];
  return configs.resolve(org?.configJson ?? null);
}

/** Names what a PR's figures depend on besides the PR: the team calendar and the repo's config. */
export function figureFingerprint(team: EffectiveConfig, repository: RepositoryRow | undefined) {
  const text = JSON.stringify([team.calendar, team.config.clock, repository?.configJson ?? null]);
  return createHash("sha256").update(text).digest("base64url").slice(0, 22);
}

/** Measures stored PRs (with their history) in the team's calendar. */
export async function measureStored(
  deps: FigureDeps,
  ids: readonly number[],
  team: EffectiveConfig,
  repositories: ReadonlyMap<number, RepositoryRow>,
): Promise<PullRequestFigures[]> {
  const rows = await deps.store.figures.pullRequests(ids);
  const clock = { calendar: team.calendar, clockMode: team.config.clock };
  return rows.map((row) => {
    const repository = repositories.get(row.pr.repositoryId);
    const pr = toDigestPullRequest(row, repository, { configs: deps.configs, githubWebUrl: "" });
    const fingerprint = figureFingerprint(team, repository);
    return measurePullRequest(
      pr,
      { pullRequestId: row.pr.id, repositoryId: row.pr.repositoryId, fingerprint },
      clock,
    );
  });
}

/** Measures the marked PRs, saves their figures and clears the marks; returns the figures. */
export async function refreshMarked(
  deps: FigureDeps,
  marks: readonly FigureMark[],
  team: EffectiveConfig,
  repositories: ReadonlyMap<number, RepositoryRow>,
): Promise<PullRequestFigures[]> {
  if (marks.length === 0) return [];
  const figures = await measureStored(
    deps,
    marks.map((m) => m.pullRequestId),
    team,
    repositories,
  );
  await deps.store.figures.save(figures, marks);
  return figures;
}

/**
 * One background pass: for each installation, marks up to `batch` PRs measured with an outdated
 * fingerprint, then measures up to `batch` marked PRs. Returns how many PRs were measured.
 */
export async function refreshFigures(deps: FigureDeps, batch = 500): Promise<number> {
  let measured = 0;
  for (const installation of await deps.store.repos.listInstallations()) {
    const repositories = (await deps.store.repos.list(installation.id)).sort((a, b) =>
      `${a.owner}/${a.name}`.localeCompare(`${b.owner}/${b.name}`),
    );
    if (repositories.length === 0) continue;
    const team = teamConfig(deps.configs, repositories);
    for (const repository of repositories) {
      await deps.store.figures.markOutdated(
        repository.id,
        figureFingerprint(team, repository),
        batch,
      );
    }
    const byId = new Map(repositories.map((r) => [r.id, r]));
    const marks = await deps.store.figures.marks([...byId.keys()], batch);
    measured += (await refreshMarked(deps, marks, team, byId)).length;
  }
  return measured;
}

/** Marked PRs measured per pass in the background. */
const BACKGROUND_BATCH = 500;

/**
 * Runs `refreshFigures` in the background: every `everyMs`, or a second after a full batch while
 * marks remain. Under a lock, so replicas do not measure the same PRs twice.
 */
export class FigureRefresher {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly deps: FigureDeps & { log: { error(obj: object, msg: string): void } },
    private readonly everyMs = 30_000,
  ) {}

  start(): void {
    this.timer = setTimeout(() => this.tick(), 5_000);
  }

  private tick(): void {
    let next = this.everyMs;
    this.running = this.deps.store
      .withLock("figures", () => refreshFigures(this.deps, BACKGROUND_BATCH))
      .then((outcome) => {
        if (outcome.acquired && outcome.result >= BACKGROUND_BATCH) next = 1_000;
      })
      .catch((error: unknown) => this.deps.log.error({ err: error }, "figures.refresh_error"))
      .finally(() => {
        this.running = null;
        if (this.timer) this.timer = setTimeout(() => this.tick(), next);
      });
  }

  /** Stops the timer; resolves when a pass in flight has finished. */
  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }
}
