// Two replicas (`review-sla start`, real processes) on one Postgres take a burst of webhooks and
// due reminders between them; one is SIGKILLed mid-burst, in the middle of posting a comment.
// The survivor takes over its leased work: every reminder is posted exactly once, every
// delivery is applied.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DateTime } from "luxon";
import { StandInGitHub } from "../../src/demo/stand-in-github.js";
import { createStore } from "../../src/store/kysely-store.js";
import { privateKey } from "../helpers/app.js";
import { onPostgres } from "../helpers/e2e.js";
import { startReplica, stopReplica, waitFor } from "../helpers/replicas.js";
import type { Replica } from "../helpers/replicas.js";
import { seedRepository, seedWaitingPulls } from "../helpers/seed.js";
import { deliver, pullRequestPayload } from "../helpers/webhooks.js";

const SECRET = "replicas-webhook-secret";
const INSTALLATIONS = 8;
/** Per installation: one PR already waiting in the database, two more arriving by webhook. */
const WEBHOOK_PULLS = [11, 12];
const REPO_CONFIG = { clock: "calendar", quiet_hours: false, checklist: { enabled: false } };
const CONFIG_YAML = "clock: calendar\nquiet_hours: false\nchecklist:\n  enabled: false\n";
// Reminders must be due now, on the real clock the replicas run on; escalations not yet.
const WAITED_HOURS = 30;

const WATCHED = new Set(["webhook", "reminder"]);

const repoOf = (i: number) => ({ id: 100 + i, owner: "octo", name: `r${i}` });
const installations = Array.from({ length: INSTALLATIONS }, (_, i) => i + 1);

onPostgres("two replicas, one SIGKILLed mid-burst", (database) => {
  let dir: string;
  let url: string;
  let github: StandInGitHub;
  const replicas: Replica[] = [];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "review-sla-kill-"));
    url = database.freshUrl(dir);
    github = new StandInGitHub();
    await github.start();
    github.installations = installations.map((id) => ({
      id,
      account: { login: "octo", type: "Organization" },
      suspended_at: null,
    }));
    for (const i of installations)
      github.addRepo({ ...repoOf(i), files: { ".github/review-sla.yml": CONFIG_YAML } });
  });

  afterEach(async () => {
    await Promise.all(replicas.splice(0).map(stopReplica));
    await github.stop();
    await database.dispose(url);
    rmSync(dir, { recursive: true, force: true });
  });

  /** Installations and repositories known, one PR per repository waiting for a reminder. */
  async function seed(waitingSince: DateTime): Promise<void> {
    const store = await createStore(url);
    for (const i of installations) {
      const repo = { installationId: i, repositoryId: repoOf(i).id, owner: "octo", name: `r${i}` };
      await seedRepository(store, { ...repo, config: REPO_CONFIG }, waitingSince);
      await seedWaitingPulls(store, repo, {
        count: 1,
        firstId: 1000 + i * 100,
        createdAt: () => waitingSince,
      });
    }
    await store.close();
  }

  const env = {
    APP_ID: "1",
    PRIVATE_KEY: privateKey(),
    WEBHOOK_SECRET: SECRET,
    DATABASE_URL: "",
    GHE_HOST: "",
    GHE_PROTOCOL: "http",
    SWEEP_INTERVAL_SECONDS: "1",
    // Longer than a replica's batch takes (a few throttled comments per installation), so a live
    // replica never loses its lease; short enough that a dead one's work is taken over soon.
    ACTION_LEASE_SECONDS: "12",
  };

  /** One delivery per webhook PR, spread over the replicas that are still alive. */
  function burst(waitingSince: DateTime) {
    return installations.flatMap((i) =>
      WEBHOOK_PULLS.map((number) => ({
        id: `kill-${i}-${number}`,
        pullId: 1000 + i * 100 + number,
        payload: pullRequestPayload("opened", {
          installationId: i,
          repo: repoOf(i),
          number,
          id: 1000 + i * 100 + number,
          author: "dana",
          createdAt: waitingSince.toISO()!,
          reviewers: ["alice"],
        }),
      })),
    );
  }

  /** Delivers to `replica`; GitHub redelivers what a dead replica did not answer. */
  async function send(
    delivery: { id: string; payload: unknown },
    replica: Replica,
    fallback: Replica,
  ): Promise<void> {
    const attempt = (to: Replica) =>
      deliver(to.port, SECRET, { event: "pull_request", ...delivery }).then(
        (r) => r.status,
        () => 0,
      );
    let status = await attempt(replica);
    if (status !== 200) status = await attempt(fallback);
    expect(status).toBe(200);
  }

  it("posts every reminder exactly once and applies every delivery", async () => {
    const waitingSince = DateTime.utc().minus({ hours: WAITED_HOURS });
    await seed(waitingSince);
    const settings = { ...env, DATABASE_URL: url, GHE_HOST: github.host };
    // The first reminder comment GitHub receives is stored but never answered: its poster is
    // the replica killed below, mid-call. Only `doomed` runs until it has made that call.
    github.hangNext("POST", /\/issues\/\d+\/comments$/);
    const doomed = await startReplica("doomed", settings, dir);
    replicas.push(doomed);
    await waitFor(() => github.postedComments().length > 0, 30_000, "the first comment");
    const survivor = await startReplica("survivor", settings, dir);
    replicas.push(survivor);

    const deliveries = burst(waitingSince);
    const half = deliveries.length / 2;
    for (const [n, delivery] of deliveries.slice(0, half).entries())
      await send(delivery, n % 2 === 0 ? doomed : survivor, survivor);
    doomed.child.kill("SIGKILL");
    expect((await doomed.exit).signal).toBe("SIGKILL");
    for (const [n, delivery] of deliveries.slice(half).entries())
      await send(delivery, n % 2 === 0 ? doomed : survivor, survivor);

    const expected = installations.flatMap((i) =>
      [1, ...WEBHOOK_PULLS].map((n) => `/repos/octo/r${i}/issues/${n}/comments`),
    );
    const store = await createStore(url);
    const settled = async () => {
      const watched = (await store.outbox.list()).filter((a) => WATCHED.has(a.kind));
      const reminders = watched.filter((a) => a.kind === "reminder");
      return reminders.length === expected.length && watched.every((a) => a.status === "done");
    };
    // Settled: every delivery applied, every reminder enqueued and performed, the killed
    // replica's leases taken over.
    try {
      await waitFor(settled, 90_000, `${expected.length} reminders and every action done`);
    } finally {
      await store.close();
    }
    await stopReplica(survivor);

    const posted = github.postedComments().map((c) => c.path);
    expect(posted.sort()).toEqual(expected.sort());
    for (const body of github.postedComments().map((c) => (c.body as { body: string }).body))
      expect(body).toMatch(/^<!-- review-sla:reminder key=reminder:\d+\/\d+:c1:first_review -->/);

    const after = await createStore(url);
    try {
      const webhooks = await after.outbox.list({ kind: "webhook" });
      expect(webhooks.map((w) => w.key).sort()).toEqual(
        deliveries.map((d) => `webhook:${d.id}`).sort(),
      );
      expect(webhooks.filter((w) => w.status !== "done")).toEqual([]);
      for (const delivery of deliveries) {
        const pull = await after.pulls.get(delivery.pullId);
        expect(pull?.requests.map((r) => r.reviewer)).toEqual([{ type: "user", login: "alice" }]);
      }
      // The comment the killed replica was posting was found by its marker, not posted again.
      const reminders = await after.outbox.list({ kind: "reminder" });
      expect(reminders.filter((r) => r.status !== "done")).toEqual([]);
      expect(
        reminders.filter((r) => JSON.stringify(r.result).includes('"recovered":true')),
      ).toHaveLength(1);
    } finally {
      await after.close();
    }
  }, 150_000);
});
