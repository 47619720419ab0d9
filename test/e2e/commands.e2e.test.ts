// End to end: `/review-sla` commands in PR comments, through the real app on SQLite and Postgres
// against the stand-in GitHub. Each command by a person allowed to give it and by one who is not;
// a redelivered command performed once; a snooze that holds a due reminder until it ends.
import { DateTime } from "luxon";
import { requestedPull } from "../github/assignment-fixtures.js";
import { E2E_TARGET, e2ePerTest, onEveryDatabase } from "../helpers/e2e.js";
import type { E2E } from "../helpers/e2e.js";
import { issueCommentPayload } from "../helpers/issue-comments.js";
import { pullRequestPayload } from "../helpers/webhooks.js";

const CONFIG = `
timezone: Europe/Berlin
clock: workdays
checklist: { enabled: false }
assignment:
  pool: [alice, gus, hal]
`;
const berlin = (iso: string) => DateTime.fromISO(iso, { zone: "Europe/Berlin" }).toUTC();
// Monday 23 November 2026, 09:00 in Berlin: dana opens PR #7 and asks alice to review.
const monday = berlin("2026-11-23T09:00:00");
const PR = { ...E2E_TARGET, number: 7, id: 7007, author: "dana", createdAt: monday.toISO()! };

onEveryDatabase("PR commands end to end", (database) => {
  const open = e2ePerTest(database);
  let e2e: E2E;
  let nextComment = 100;

  beforeEach(async () => {
    e2e = await open({ start: monday, config: CONFIG });
    e2e.github.addPull("octo/api", requestedPull(7, "alice", monday.toISO()!));
    e2e.github.commands.permissions.set("wes", "write");
    const opened = pullRequestPayload("opened", { ...PR, reviewers: ["alice"] });
    expect(await e2e.deliver("pull_request", opened)).toBe(200);
  });

  /** `login` comments `body` on PR #7 now; returns the comment's id. */
  async function say(login: string, body: string, deliveryId?: string): Promise<number> {
    const id = (nextComment += 1);
    const comment = { id, body, updatedAt: e2e.clock.now().toISO()! };
    const payload = issueCommentPayload("created", { ...PR, comment, commenter: { login } });
    expect(await e2e.deliver("issue_comment", payload, deliveryId)).toBe(200);
    return id;
  }
  const comments = () => (e2e.github.comments.get("octo/api#7") ?? []).map((c) => c.body);
  const reactions = (id: number) => e2e.github.commands.reactionsOn(id);
  const requested = () => e2e.github.assignment.reviewRequests().flatMap((r) => r.reviewers);
  const calls = (method: string, path: RegExp) =>
    e2e.github.apiCalls().filter((r) => r.method === method && path.test(r.path));

  it("answers status with one comment, updated in place by the next status", async () => {
    e2e.clock.set(berlin("2026-11-23T10:00:00"));
    const first = await say("dana", "/review-sla status");
    expect(reactions(first)).toEqual(["eyes", "+1"]);
    expect(comments()).toHaveLength(1);
    const body = comments()[0]!;
    expect(body).toContain(
      "**Whose turn:** the reviewers' since Mon 23 Nov 09:00 (Europe/Berlin): " +
        "Waiting on `alice` for a first review.",
    );
    expect(body).toContain("**Why:** a review was requested and no person has reviewed yet.");
    expect(body).toContain(
      "**First review** (24h, workdays clock): due Tue 24 Nov 09:00 (Europe/Berlin), " +
        "23 working hours left; reminder at Tue 24 Nov 09:00 (Europe/Berlin).",
    );
    expect(body).not.toContain("@alice");
    e2e.clock.set(berlin("2026-11-23T11:30:00"));
    await say("alice", "/Review-SLA STATUS");
    expect(comments()).toHaveLength(1);
    expect(comments()[0]).toContain("as of Mon 23 Nov 11:30");
  });

  it("refuses a stranger politely, asking GitHub about their access once", async () => {
    const first = await say("mallory", "/review-sla snooze 4h");
    expect(reactions(first)).toEqual(["eyes", "confused"]);
    expect(comments()).toEqual([expect.stringContaining("@mallory sorry, only the author")]);
    await say("mallory", "/review-sla pause");
    expect(calls("GET", /collaborators\/mallory\/permission$/)).toHaveLength(1);
    expect(calls("POST", /\/labels$/)).toEqual([]);
  });

  it("lets a pool member claim the review, and refuses the author", async () => {
    const own = await say("dana", "/review-sla claim");
    expect(reactions(own)).toEqual(["eyes", "confused"]);
    const claim = await say("gus", "/review-sla claim");
    expect(reactions(claim)).toEqual(["eyes", "+1"]);
    expect(requested()).toEqual(["gus"]);
    expect(comments()).toContainEqual(expect.stringContaining("`gus` claimed this review."));
  });

  it("passes the requested reviewer's request to the next best pool member", async () => {
    const refused = await say("gus", "/review-sla reassign");
    expect(reactions(refused)).toEqual(["eyes", "confused"]);
    expect(comments()[0]).toContain("only a requested reviewer");
    const passed = await say("alice", "/review-sla reassign");
    expect(reactions(passed)).toEqual(["eyes", "+1"]);
    const to = requested();
    expect(to).toHaveLength(1);
    expect(["gus", "hal"]).toContain(to[0]);
    expect(calls("DELETE", /requested_reviewers$/)).toHaveLength(1);
    expect(comments()[1]).toContain(`\`alice\` passed their review to @${to[0]} (next best in`);
  });

  it("pauses and resumes with the pause label, for a writer and the author only", async () => {
    const stranger = await say("mallory", "/review-sla pause");
    expect(reactions(stranger)).toEqual(["eyes", "confused"]);
    const pause = await say("wes", "/review-sla pause");
    expect(reactions(pause)).toEqual(["eyes", "+1"]);
    expect(calls("POST", /\/issues\/7\/labels$/).map((r) => r.body)).toEqual([
      { labels: ["on-hold"] },
    ]);
    // GitHub tells the app about the label it added.
    const updatedAt = berlin("2026-11-23T09:30:00").toISO()!;
    const labeled = pullRequestPayload("labeled", { ...PR, labels: ["on-hold"], updatedAt });
    await e2e.deliver("pull_request", { ...labeled, label: { name: "on-hold" } });
    const resume = await say("dana", "/review-sla resume");
    expect(reactions(resume)).toEqual(["eyes", "+1"]);
    expect(calls("DELETE", /\/issues\/7\/labels\/on-hold$/)).toHaveLength(1);
  });

  it("performs a redelivered command once", async () => {
    e2e.clock.set(berlin("2026-11-23T10:00:00"));
    const id = (nextComment += 1);
    const comment = { id, body: "/review-sla snooze 2h", updatedAt: e2e.clock.now().toISO()! };
    const payload = issueCommentPayload("created", {
      ...PR,
      comment,
      commenter: { login: "alice" },
    });
    await e2e.deliver("issue_comment", payload, "delivery-1");
    await e2e.deliver("issue_comment", payload, "delivery-1");
    await e2e.deliver("issue_comment", payload, "delivery-2");
    expect(comments()).toEqual([expect.stringContaining("`alice` snoozed reminders")]);
    expect(reactions(id)).toEqual(["eyes", "+1"]);
  });

  it("holds a due reminder during a snooze and reminds once it ends", async () => {
    e2e.clock.set(berlin("2026-11-23T10:00:00"));
    const tooLong = await say("alice", "/review-sla snooze until 2026-12-08");
    expect(reactions(tooLong)).toEqual(["eyes", "confused"]);
    expect(comments()[0]).toContain("commands.max\\_snooze");
    await say("alice", "/review-sla snooze 1d");
    expect(comments()[1]).toContain("until Tue 24 Nov 10:00 (Europe/Berlin)");
    // The reminder's deadline is Tuesday 09:00; the snooze holds it until 10:00.
    await e2e.runAt(berlin("2026-11-24T09:30:00"));
    expect(comments().filter((c) => c.includes("review-sla:reminder"))).toEqual([]);
    await e2e.runAt(berlin("2026-11-24T10:00:00"));
    expect(comments().filter((c) => c.includes("review-sla:reminder"))).toHaveLength(1);
  });

  it("holds a reminder comment queued before the snooze until the snooze ends", async () => {
    const reminders = () => comments().filter((c) => c.includes("review-sla:reminder"));
    // Tuesday 09:05: the sweep queues the reminder; GitHub fails it once, so it waits to retry.
    e2e.github.failNext("POST", /\/issues\/7\/comments$/, 502);
    await e2e.runAt(berlin("2026-11-24T09:05:00"));
    expect(reminders()).toEqual([]);
    e2e.clock.set(berlin("2026-11-24T09:05:10"));
    await say("alice", "/review-sla snooze 1d");
    // The worker retries the queued reminder during the snooze: it waits again, unposted.
    await e2e.runAt(berlin("2026-11-24T12:00:00"));
    await e2e.runAt(berlin("2026-11-25T09:00:00"));
    expect(reminders()).toEqual([]);
    await e2e.runAt(berlin("2026-11-25T09:06:00"));
    await e2e.runAt(berlin("2026-11-25T12:00:00"));
    expect(reminders()).toHaveLength(1);
  });
});
