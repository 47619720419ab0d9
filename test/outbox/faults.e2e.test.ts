// GitHub failing as it does (500, 502, secondary rate limit 403 with retry-after, 429): the
// failed comment is retried after its wait, posted once, and the other installation's goes out.
// A request that hangs is abandoned at the request deadline and retried the same way.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startLocalApp } from "../../src/demo/local-app.js";
import { ManualClock, systemClock } from "../../src/runtime-clock.js";
import { silentLog, WEBHOOK_SECRET } from "../helpers/app.js";
import { StandInGitHub } from "../../src/demo/stand-in-github.js";
import { dropTestSchema, postgresTestUrl, withFreshSchema } from "../helpers/postgres.js";
import { seedRepository, seedWaitingPulls } from "../helpers/seed.js";

const postgres = await postgresTestUrl();
const dir = mkdtempSync(join(tmpdir(), "review-sla-faults-"));
const schemas: string[] = [];
const ORG1_COMMENT = /^\/repos\/org1\/api\/issues\/\d+\/comments$/;

afterAll(async () => {
  for (const url of schemas) await dropTestSchema(url);
  rmSync(dir, { recursive: true, force: true });
});

interface Fault {
  name: string;
  inject: (github: StandInGitHub) => void;
  /** Seconds the retry waits (machine time). */
  waitSeconds: number;
}

/** The app against a stand-in GitHub, with one overdue PR in each of org1 and org2. */
async function twoOverdueInstallations(databaseUrl: string, requestTimeoutMs: number) {
  const github = new StandInGitHub();
  await github.start();
  const machine = new ManualClock(systemClock.now());
  const app = await startLocalApp({
    githubHost: github.host,
    databaseUrl,
    clock: systemClock,
    machineClock: machine,
    requestTimeoutMs,
    webhookSecret: WEBHOOK_SECRET,
    log: silentLog,
  });
  const store = app.runtime.options.store;
  for (const id of [1, 2]) {
    github.addRepo({ id: id * 10, owner: `org${id}`, name: "api" });
    const repo = { installationId: id, repositoryId: id * 10, owner: `org${id}` };
    await seedRepository(store, repo, systemClock.now());
    await seedWaitingPulls(store, repo, {
      count: 1,
      firstId: id * 100,
      createdAt: () => systemClock.now().minus({ hours: 30 }),
    });
  }
  return { github, machine, app };
}

const faults: Fault[] = [
  { name: "500", inject: (g) => g.failNext("POST", ORG1_COMMENT, 500), waitSeconds: 30 },
  { name: "502", inject: (g) => g.failNext("POST", ORG1_COMMENT, 502), waitSeconds: 30 },
  {
    name: "403 secondary rate limit with retry-after",
    inject: (g) => g.failNext("POST", ORG1_COMMENT, 403, 1, { "retry-after": "90" }),
    waitSeconds: 90,
  },
  {
    name: "429 with retry-after",
    inject: (g) => g.failNext("POST", ORG1_COMMENT, 429, 1, { "retry-after": "45" }),
    waitSeconds: 45,
  },
];

const databases: [string, (n: string) => string | null][] = [
  ["SQLite", (n) => `sqlite:${join(dir, `${n.replace(/\W+/g, "-")}.db`)}`],
  ["Postgres", () => (postgres ? withFreshSchema(postgres) : null)],
];

describe.each(databases)("faults from GitHub (%s)", (name, url) => {
  const maybe = name === "Postgres" && !postgres ? it.skip : it;

  maybe.each(faults)(
    "$name: retried after its wait, posted once, others carry on",
    async (fault) => {
      const databaseUrl = url(fault.name)!;
      if (name === "Postgres") schemas.push(databaseUrl);
      const { github, machine, app } = await twoOverdueInstallations(databaseUrl, 300);
      try {
        const store = app.runtime.options.store;
        fault.inject(github);
        await app.runtime.sweepOnce();
        const worker = app.runtime.actionWorker;
        await worker.drain();
        const org2 = github.postedComments().filter((r) => r.path.includes("/org2/"));
        expect(org2).toHaveLength(1);
        const [waiting] = await store.outbox.list({ status: "pending" });
        expect(waiting?.installationId).toBe(1);
        expect(waiting?.nextAttemptAt.toISO()).toBe(
          machine.now().plus({ seconds: fault.waitSeconds }).toISO(),
        );
        machine.advance({ seconds: fault.waitSeconds - 1 });
        await worker.drain();
        expect(await store.outbox.list({ status: "pending" })).toHaveLength(1);
        machine.advance({ seconds: 2 });
        await worker.drain();
        const done = await store.outbox.list({ kind: "reminder", status: "done" });
        expect(done).toHaveLength(2);
        const org1 = [...(github.comments.get("org1/api#1") ?? [])];
        expect(org1).toHaveLength(1);
      } finally {
        await app.stop();
        await github.stop();
      }
    },
  );
});

/** Polls `check` every 10 ms, failing after `ms` (bounded: a stuck worker fails the test). */
async function until(check: () => Promise<boolean>, what: string, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

interface Hang {
  name: string;
  /** Holds org1's first comment POST forever, after (stored) or before (lost) it takes effect. */
  inject: (github: StandInGitHub) => void;
  /** Comment POSTs to org1 in all: the retry finds a stored comment by its marker. */
  posts: number;
}

const hangs: Hang[] = [
  {
    name: "stored but never answered",
    inject: (g) => g.hangNext("POST", ORG1_COMMENT),
    posts: 1,
  },
  {
    name: "never reaching GitHub",
    inject: (g) => {
      let held = false;
      g.onRequest = ({ method, path }) => {
        if (held || method !== "POST" || !ORG1_COMMENT.test(path)) return;
        held = true;
        return new Promise<void>(() => undefined);
      };
    },
    posts: 2,
  },
];

describe.each(databases)("a GitHub request that hangs (%s)", (name, url) => {
  const maybe = name === "Postgres" && !postgres ? it.skip : it;

  maybe.each(hangs)(
    "$name: abandoned after the request timeout, retried after its backoff, commented once",
    async (hang) => {
      const databaseUrl = url(`hang ${hang.name}`)!;
      if (name === "Postgres") schemas.push(databaseUrl);
      const { github, machine, app } = await twoOverdueInstallations(databaseUrl, 500);
      try {
        const store = app.runtime.options.store;
        hang.inject(github);
        await app.runtime.sweepOnce();
        const worker = app.runtime.actionWorker;
        const draining = worker.drain();
        const org1Posts = () => github.postedComments().filter((r) => ORG1_COMMENT.test(r.path));
        await until(async () => {
          const done = await store.outbox.list({ kind: "reminder", status: "done" });
          return done.length === 1 && org1Posts().length === 1;
        }, "org2's comment while org1's hangs");
        // org2 went out while org1's attempt is still in flight (leased, no error yet).
        const [inFlight] = await store.outbox.list({ status: "pending" });
        expect(inFlight?.installationId).toBe(1);
        expect(inFlight?.lastError).toBeNull();
        expect(github.comments.get("org2/api#1")).toHaveLength(1);

        let finished = false;
        void draining.then(() => (finished = true));
        await until(() => Promise.resolve(finished), "abandoning the hung request");
        await draining;
        const [waiting] = await store.outbox.list({ status: "pending" });
        expect(waiting?.attempts).toBe(1);
        expect(waiting?.lastError).not.toBeNull();
        expect(waiting?.nextAttemptAt.toISO()).toBe(machine.now().plus({ seconds: 30 }).toISO());
        machine.advance({ seconds: 29 });
        await worker.drain();
        expect(await store.outbox.list({ status: "pending" })).toHaveLength(1);
        machine.advance({ seconds: 2 });
        await worker.drain();
        expect(await store.outbox.list({ kind: "reminder", status: "done" })).toHaveLength(2);
        expect(github.comments.get("org1/api#1")).toHaveLength(1);
        expect(org1Posts()).toHaveLength(hang.posts);
      } finally {
        await app.stop();
        await github.stop();
      }
    },
  );
});
