// End to end: the first pull request of a repository the app has not seen yet. Its assignment
// waits for the import that loads the repository's configuration, and runs as soon as that import
// is done: the decision clock never moves, so no timer can be what released it.
import { DateTime } from "luxon";
import { E2E, E2E_TARGET } from "../helpers/e2e.js";
import { dropTestSchema, postgresTestUrl } from "../helpers/postgres.js";
import { pullRequestPayload } from "../helpers/webhooks.js";
import { fakePull } from "../github/assignment-fixtures.js";

const CONFIG = `
assignment:
  enabled: true
  pool: ["@octo/seniors"]
checklist:
  enabled: false
`;

const start = DateTime.fromISO("2026-11-23T09:00:00Z", { zone: "utc" });
const postgres = await postgresTestUrl();
const databases = [
  { name: "SQLite", url: async () => Promise.resolve(undefined) },
  ...(postgres ? [{ name: "Postgres", url: () => Promise.resolve(postgres) }] : []),
];

describe.each(databases)("the first pull request of an unseen repository on $name", (db) => {
  let e2e: E2E;
  let url: string | undefined;

  beforeEach(async () => {
    url = await db.url();
    e2e = await E2E.start({ start, config: CONFIG, ...(url ? { databaseUrl: url } : {}) });
    e2e.github.assignment.teams.set("octo/seniors", ["alice", "bob"]);
  });

  afterEach(async () => {
    await e2e.stop();
    if (url) await dropTestSchema(url);
  });

  it("gets its reviewer as soon as the import has loaded the configuration, without waiting on a timer", async () => {
    // Opened a minute before the app hears of it: an assignment due at once would run first.
    const openedAt = start.minus({ minutes: 1 }).toISO()!;
    e2e.github.addPull("octo/api", fakePull(1, { created_at: openedAt, updated_at: openedAt }));
    const payload = pullRequestPayload("opened", {
      ...E2E_TARGET,
      number: 1,
      id: 7001,
      author: "dana",
      createdAt: openedAt,
    });

    expect(await e2e.deliver("pull_request", payload)).toBe(200);

    expect(e2e.clock.now().toISO()).toBe(start.toISO());
    const requests = e2e.github.assignment.reviewRequests();
    expect(requests).toHaveLength(1);
    expect(requests[0]?.path).toBe("/repos/octo/api/pulls/1/requested_reviewers");
    const assign = await e2e.app.runtime.options.store.outbox.getByKey(
      `assign:${E2E_TARGET.repo.id}/1:ready@${openedAt.replace("+00:00", "Z")}`,
    );
    expect(assign).toMatchObject({ status: "done", attempts: 1 });
  });
});
