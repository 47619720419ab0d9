// Isolation under a burst: the app as `review-sla start` runs it (background worker, Probot's
// real throttle) against the stand-in GitHub, 5 installations × 20 overdue PRs swept at once,
// while signed webhooks arrive. Prints when each installation's first comment went out and how
// long each webhook took from its answer to its inbox action being done.
// Usage: npx tsx bench/isolation.ts [--db postgres]
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { StandInGitHub } from "../src/demo/stand-in-github.js";
import { freePort, throwawayPrivateKey } from "../src/demo/local-app.js";
import { systemClock } from "../src/runtime-clock.js";
import { startApp } from "../src/server.js";
import type { RunningApp } from "../src/server.js";
import { loadSettings } from "../src/settings.js";
import { createStore } from "../src/store/kysely-store.js";
import type { Store } from "../src/store/store.js";
import { silentLog, WEBHOOK_SECRET } from "../test/helpers/app.js";
import { dropTestSchema, postgresTestUrl } from "../test/helpers/postgres.js";
import { seedRepository, seedWaitingPulls } from "../test/helpers/seed.js";
import { deliver, pullRequestPayload } from "../test/helpers/webhooks.js";
import { summary } from "./stats.js";

const INSTALLATIONS = 5;
const PER_INSTALLATION = 20;
const WEBHOOKS = 30;
const WEBHOOK_EVERY_MS = 200;
/** The run stops here even if comments are still going out (bounded, < 3 min per database). */
const DEADLINE_MS = 150_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function databaseUrl(dir: string): Promise<string> {
  if (!process.argv.includes("--db") || !process.argv.includes("postgres"))
    return `sqlite:${join(dir, "isolation.db")}`;
  const url = await postgresTestUrl();
  if (!url) throw new Error("Postgres does not answer: start it or set TEST_DATABASE_URL");
  return url;
}

/** `review-sla start` as the CLI runs it, but on the stand-in's host and a throwaway key. */
async function startLikeCli(githubHost: string, url: string): Promise<RunningApp> {
  const settings = loadSettings({
    APP_ID: "1",
    PRIVATE_KEY: throwawayPrivateKey(),
    WEBHOOK_SECRET,
    HOST: "127.0.0.1",
    PORT: String(await freePort()),
    DATABASE_URL: url,
    GHE_HOST: githubHost,
    GHE_PROTOCOL: "http",
    NODE_ENV: "production",
  });
  return startApp(settings, silentLog);
}

async function seed(store: Store, github: StandInGitHub): Promise<void> {
  const now = systemClock.now();
  for (let i = 1; i <= INSTALLATIONS; i += 1) {
    github.addRepo({ id: i * 10, owner: `org${i}`, name: "api" });
    const repo = { installationId: i, repositoryId: i * 10, owner: `org${i}` };
    await seedRepository(store, repo, now);
    await seedWaitingPulls(store, repo, {
      count: PER_INSTALLATION,
      firstId: i * 1000,
      createdAt: (n) => now.minus({ hours: 200 - i * 20 - n / 10 }),
    });
  }
}

/** Delivers `WEBHOOKS` pull_request.opened events, one every `WEBHOOK_EVERY_MS`. */
async function deliverWebhooks(app: RunningApp, answered: Map<string, number>): Promise<void> {
  for (let n = 0; n < WEBHOOKS; n += 1) {
    const i = (n % INSTALLATIONS) + 1;
    const payload = pullRequestPayload("opened", {
      installationId: i,
      repo: { id: i * 10, owner: `org${i}`, name: "api" },
      number: 500 + n,
      id: 50_000 + n,
      author: "dana",
      createdAt: systemClock.now().toISO()!,
    });
    const { id } = await deliver(app.port, WEBHOOK_SECRET, { event: "pull_request", payload });
    answered.set(id, performance.now());
    await sleep(WEBHOOK_EVERY_MS);
  }
}

interface Run {
  firstComment: Map<string, number>;
  applyMs: number[];
  comments: number;
  elapsedMs: number;
}

async function burst(app: RunningApp, github: StandInGitHub): Promise<Run> {
  const store = app.runtime.options.store;
  const firstComment = new Map<string, number>();
  let start = 0;
  github.onRequest = ({ method, path }) => {
    const owner = /^\/repos\/(org\d+)\/api\/issues\/\d+\/comments$/.exec(path)?.[1];
    if (method === "POST" && owner && !firstComment.has(owner))
      firstComment.set(owner, performance.now() - start);
  };
  const answered = new Map<string, number>();
  const applied = new Map<string, number>();
  start = performance.now();
  await app.runtime.sweepOnce();
  const webhooks = deliverWebhooks(app, answered);
  const total = INSTALLATIONS * PER_INSTALLATION;
  while (performance.now() - start < DEADLINE_MS) {
    for (const row of await store.outbox.list({ kind: "webhook", status: "done" })) {
      const id = [...answered.keys()].find((key) => row.key.includes(key));
      if (id && !applied.has(id)) applied.set(id, performance.now() - (answered.get(id) ?? 0));
    }
    const done = applied.size === WEBHOOKS && github.postedComments().length >= total;
    if (done) break;
    await sleep(5);
  }
  await webhooks;
  return {
    firstComment,
    applyMs: [...applied.values()],
    comments: github.postedComments().length,
    elapsedMs: performance.now() - start,
  };
}

function report(db: string, run: Run): void {
  console.log(`## isolation (${db})`);
  console.log(
    `${INSTALLATIONS} installations × ${PER_INSTALLATION} overdue PRs; ${WEBHOOKS} webhooks, one every ${WEBHOOK_EVERY_MS} ms`,
  );
  for (let i = 1; i <= INSTALLATIONS; i += 1) {
    const at = run.firstComment.get(`org${i}`);
    console.log(`  org${i} first comment: ${at === undefined ? "none" : secs(at)}`);
  }
  const firsts = [...run.firstComment.values()];
  console.log(`  max first comment over installations: ${secs(Math.max(...firsts))}`);
  const s = summary(run.applyMs);
  console.log(
    `  webhook apply latency (${run.applyMs.length}/${WEBHOOKS} applied): p50 ${s.p50.toFixed(0)} ms, p99 ${s.p99.toFixed(0)} ms, max ${s.max.toFixed(0)} ms`,
  );
  console.log(
    `  comments posted: ${run.comments}/${INSTALLATIONS * PER_INSTALLATION} in ${secs(run.elapsedMs)}`,
  );
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "review-sla-bench-isolation-"));
  const url = await databaseUrl(dir);
  const github = new StandInGitHub();
  await github.start();
  let app: RunningApp | null = null;
  try {
    // Seeded before the start: the background sweep must not catch a half-seeded backlog.
    const store = await createStore(url);
    await seed(store, github);
    await store.close();
    app = await startLikeCli(github.host, url);
    const run = await burst(app, github);
    report(url.startsWith("sqlite:") ? "SQLite" : "Postgres", run);
  } finally {
    await app?.stop();
    await github.stop();
    if (url.startsWith("postgres")) await dropTestSchema(url);
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
