// No installation's backlog holds up another's, nor the webhook inbox: with five installations
// of twenty overdue PRs each, every installation's first comment is in flight before any
// second one, and a webhook delivered meanwhile is applied while those comments are still held.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startLocalApp } from "../../src/demo/local-app.js";
import { systemClock } from "../../src/runtime-clock.js";
import type { RunningApp } from "../../src/server.js";
import type { Store } from "../../src/store/store.js";
import { silentLog, WEBHOOK_SECRET } from "../helpers/app.js";
import { StandInGitHub } from "../../src/demo/stand-in-github.js";
import { dropTestSchema, postgresTestUrl } from "../helpers/postgres.js";
import { seedRepository, seedWaitingPulls } from "../helpers/seed.js";
import { deliver, pullRequestPayload } from "../helpers/webhooks.js";

const postgres = await postgresTestUrl();
const dir = mkdtempSync(join(tmpdir(), "review-sla-isolation-"));
const INSTALLATIONS = 5;
const PER_INSTALLATION = 20;

afterAll(async () => {
  if (postgres) await dropTestSchema(postgres);
  rmSync(dir, { recursive: true, force: true });
});

/** Resolves with `work`, or rejects with `what` after `ms` (every wait here is bounded). */
function within<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

async function until(check: () => Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Installation 1's PRs are the most overdue: claimed by priority alone, they would go first. */
async function seedBacklog(store: Store): Promise<void> {
  const now = systemClock.now();
  for (let i = 1; i <= INSTALLATIONS; i += 1) {
    const repo = { installationId: i, repositoryId: i * 10, owner: `org${i}` };
    await seedRepository(store, repo, now);
    await seedWaitingPulls(store, repo, {
      count: PER_INSTALLATION,
      firstId: i * 1000,
      createdAt: (n) => now.minus({ hours: 200 - i * 20 - n / 10 }),
    });
  }
}

/** Comment POSTs wait until `open()`; `full` resolves once `count` of them are in flight. */
function commentGate(github: StandInGitHub, count: number) {
  const held: string[] = [];
  let open: () => void = () => undefined;
  let filled: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  const full = new Promise<void>((resolve) => (filled = resolve));
  github.onRequest = async ({ method, path }) => {
    if (method !== "POST" || !/\/issues\/\d+\/comments$/.test(path)) return;
    held.push(path);
    if (held.length === count) filled();
    await opened;
  };
  return { held, full, open };
}

const databases: [string, () => string | null][] = [
  ["SQLite", () => `sqlite:${join(dir, "app.db")}`],
  ["Postgres", () => postgres],
];

describe.each(databases)("installations side by side (%s)", (_name, url) => {
  const maybe = url() === null ? it.skip : it;

  maybe(
    "sends every installation's first comment before any second, and applies a webhook meanwhile",
    async () => {
      const github = new StandInGitHub();
      await github.start();
      for (let i = 1; i <= INSTALLATIONS; i += 1) {
        github.addRepo({ id: i * 10, owner: `org${i}`, name: "api" });
      }
      let app: RunningApp | null = null;
      try {
        app = await startLocalApp({
          githubHost: github.host,
          databaseUrl: url()!,
          clock: systemClock,
          webhookSecret: WEBHOOK_SECRET,
          log: silentLog,
        });
        const store = app.runtime.options.store;
        await seedBacklog(store);
        const gate = commentGate(github, INSTALLATIONS);
        await app.runtime.sweepOnce();
        app.runtime.actionWorker.start(50);
        await within(gate.full, 10_000, "one comment in flight per installation");
        const firsts = gate.held.map((path) => /\/repos\/(org\d+)\//.exec(path)?.[1]);
        expect(new Set(firsts).size).toBe(INSTALLATIONS);

        // Every installation's comment is still held: the webhook lane must not wait for them.
        const pull = { installationId: 1, repo: { id: 10, owner: "org1", name: "api" } };
        const payload = pullRequestPayload("opened", {
          ...pull,
          number: 99,
          id: 1099,
          author: "dana",
          createdAt: systemClock.now().toISO()!,
        });
        const { status } = await deliver(app.port, WEBHOOK_SECRET, {
          event: "pull_request",
          payload,
        });
        expect(status).toBeLessThan(300);
        await until(async () => {
          const applied = await store.outbox.list({ kind: "webhook", status: "done" });
          return applied.length === 1;
        }, "the webhook applied while comments are held");
        expect(gate.held).toHaveLength(INSTALLATIONS);

        gate.open();
        const total = INSTALLATIONS * PER_INSTALLATION;
        await until(
          () => Promise.resolve(github.postedComments().length >= total),
          "the whole backlog",
        );
        const reminders = await store.outbox.list({ kind: "reminder", status: "done" });
        expect(reminders).toHaveLength(total);
        const bodies = github.postedComments().map((r) => JSON.stringify(r.body));
        expect(new Set(bodies).size).toBe(bodies.length);
      } finally {
        await app?.stop();
        await github.stop();
      }
    },
  );
});
