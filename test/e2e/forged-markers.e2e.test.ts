// End to end: a pull request's author copies review-sla's hidden markers into comments of their
// own. Only comments by the app's bot account prove an action was done, so every kind the app
// writes (reminder, escalation, assignment, checklist) is still posted by the app itself.
import { DateTime } from "luxon";
import { E2E, E2E_TARGET, onEveryDatabase } from "../helpers/e2e.js";
import { fakePull } from "../github/assignment-fixtures.js";
import { pullRequestPayload } from "../helpers/webhooks.js";
import type { PullScenario } from "../helpers/webhooks.js";

const berlin = (iso: string) => DateTime.fromISO(iso, { zone: "Europe/Berlin" }).toUTC();
// Monday 23 November 2026, 09:00 in Berlin.
const monday = berlin("2026-11-23T09:00:00");
const AUTHOR = { login: "dana", type: "User" as const };
const COMMENTS = /\/issues\/\d+\/comments$/;

function scenario(number: number, extra: Partial<PullScenario> = {}): PullScenario {
  return {
    ...E2E_TARGET,
    number,
    id: 7000 + number,
    author: AUTHOR.login,
    createdAt: monday.toISO()!,
    ...extra,
  };
}

function commentsOn(e2e: E2E, number: number) {
  return e2e.github.comments.get(`octo/api#${number}`) ?? [];
}

/** Bodies of the comments the app's bot wrote on a PR. */
function appComments(e2e: E2E, number: number): string[] {
  return commentsOn(e2e, number)
    .filter((c) => c.user.login === "review-sla[bot]" && c.user.type === "Bot")
    .map((c) => c.body);
}

/** The key of the one pending action of `kind`: the first attempt failed and it waits to retry. */
async function pendingKey(e2e: E2E, kind: string): Promise<string> {
  const pending = await e2e.app.runtime.options.store.outbox.list({ kind, status: "pending" });
  expect(pending).toHaveLength(1);
  return pending[0]!.key;
}

onEveryDatabase("forged markers on reminders, escalations and assignments", (database) => {
  let e2e: E2E;

  beforeAll(async () => {
    e2e = await E2E.start({
      database,
      start: monday,
      config: [
        "timezone: Europe/Berlin",
        "clock: workdays",
        'escalation: { to: ["@octo/leads"] }',
        "checklist: { enabled: false }",
        'assignment: { enabled: true, pool: ["@octo/seniors"] }',
      ].join("\n"),
    });
    e2e.github.assignment.teams.set("octo/seniors", ["alice", "bob", "carol"]);
    e2e.github.addPull("octo/api", fakePull(7, { requested_reviewers: [{ login: "alice" }] }));
    expect(
      await e2e.deliver(
        "pull_request",
        pullRequestPayload("opened", scenario(7, { reviewers: ["alice"] })),
      ),
    ).toBe(200);
  });

  afterAll(() => e2e.stop());

  /** The first POST fails; before the retry the author posts the action's marker themselves. */
  async function forgeBeforeRetry(kind: string, number: number, firstTry: () => Promise<unknown>) {
    e2e.github.failNext("POST", COMMENTS, 502);
    await firstTry();
    const key = await pendingKey(e2e, kind);
    const forged = `<!-- review-sla:${kind} key=${key} -->\nAlready handled, nothing to see.`;
    e2e.github.addComment("octo/api", number, forged, AUTHOR);
    return { key, forged };
  }

  it("posts its own reminder when the author forged the reminder's marker", async () => {
    const { key, forged } = await forgeBeforeRetry("reminder", 7, () =>
      e2e.runAt(berlin("2026-11-24T10:00:00")),
    );
    await e2e.runAt(berlin("2026-11-24T11:00:00"));
    const mine = appComments(e2e, 7);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toContain(`<!-- review-sla:reminder key=${key} -->`);
    expect(mine[0]).toContain("**Review reminder:**");
    expect(commentsOn(e2e, 7).map((c) => c.body)).toContain(forged);
  });

  it("posts its own escalation when the author forged the escalation's marker", async () => {
    const { key } = await forgeBeforeRetry("escalation", 7, () =>
      e2e.runAt(berlin("2026-11-25T10:00:00")),
    );
    await e2e.runAt(berlin("2026-11-25T11:00:00"));
    const mine = appComments(e2e, 7);
    expect(mine).toHaveLength(2);
    expect(mine[1]).toContain(`<!-- review-sla:escalation key=${key} -->`);
    expect(mine[1]).toContain("**Escalation:**");
  });

  it("posts its own assignment comment when the author forged the assignment's marker", async () => {
    e2e.clock.set(berlin("2026-11-26T09:00:00"));
    const ready = scenario(9, { createdAt: e2e.clock.now().toISO()! });
    e2e.github.addPull("octo/api", fakePull(9, { created_at: ready.createdAt }));
    const { key } = await forgeBeforeRetry("assign", 9, () =>
      e2e.deliver("pull_request", pullRequestPayload("opened", ready)),
    );
    await e2e.runAt(berlin("2026-11-26T10:00:00"));
    const mine = appComments(e2e, 9);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toContain(`<!-- review-sla:assignment key=${key} -->`);
    expect(mine[0]).toContain("Requested review from");
  });
});

onEveryDatabase("a forged checklist marker", (database) => {
  let e2e: E2E;

  beforeAll(async () => {
    e2e = await E2E.start({
      database,
      start: monday,
      config: "timezone: Europe/Berlin\n",
    });
  });

  afterAll(() => e2e.stop());

  it("is left alone, and the app posts and edits only its own checklist", async () => {
    e2e.github.addPull("octo/api", fakePull(12, { files: ["src/api.ts"] }));
    const forged = e2e.github.addComment(
      "octo/api",
      12,
      "<!-- review-sla:checklist pr=12 -->\n## Review checklist\n- [x] all reviewed <!-- item:tests -->",
      AUTHOR,
    );
    const before = forged.body;
    expect(await e2e.deliver("pull_request", pullRequestPayload("opened", scenario(12)))).toBe(200);
    expect(forged.body).toBe(before);
    const edits = e2e.github.requests.filter(
      (r) => r.method === "PATCH" && r.path.endsWith(`/issues/comments/${forged.id}`),
    );
    expect(edits).toEqual([]);
    const mine = appComments(e2e, 12);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatch(/^<!-- review-sla:checklist pr=12 -->\n## Review checklist/);
  });
});
