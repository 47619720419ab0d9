// End to end: the buttons on an author nudge DM, on SQLite and Postgres against the stand-in
// GitHub and Slack. The author cannot claim or pass on their own PR and is told so, only them;
// Snooze works from the nudge and the DM keeps its words with the outcome added.
import { DateTime } from "luxon";
import { requestedPull } from "../github/assignment-fixtures.js";
import { E2E_TARGET, e2ePerTest, onEveryDatabase } from "../helpers/e2e.js";
import type { E2E } from "../helpers/e2e.js";
import { clickBody, postClick } from "../helpers/slack-clicks.js";
import { example, pullRequestPayload } from "../helpers/webhooks.js";

const SECRET = "test-signing-secret";
const CONFIG = `
timezone: Europe/Berlin
clock: workdays
checklist: { enabled: false }
people:
  dana: { slack: UDANA1 }
`;
const berlin = (iso: string) => DateTime.fromISO(iso, { zone: "Europe/Berlin" }).toUTC();
const monday = berlin("2026-11-23T09:00:00");
const PR = { ...E2E_TARGET, number: 7, id: 7007, author: "dana", createdAt: monday.toISO()! };

/** alice requests changes on PR #7 at `at`. */
function changesRequested(at: DateTime) {
  const base = pullRequestPayload("opened", { ...PR, reviewers: ["alice"] });
  const payload = example("pull_request_review", "submitted");
  Object.assign(payload, { installation: base.installation, repository: base.repository });
  payload.pull_request = base.pull_request;
  const sha = base.pull_request.head.sha;
  Object.assign(payload.review, { id: 2, state: "changes_requested", commit_id: sha });
  payload.review.submitted_at = at.toISO();
  payload.review.user = { ...payload.review.user, login: "alice", type: "User" };
  return payload;
}

onEveryDatabase("buttons on an author nudge DM", (database) => {
  const open = e2ePerTest(database);
  let e2e: E2E;

  /** Tuesday 11:00 alice requests changes; Wednesday 11:30 dana's nudge DM, with its buttons. */
  beforeEach(async () => {
    e2e = await open({
      start: monday,
      config: CONFIG,
      slack: true,
      env: { SLACK_SIGNING_SECRET: SECRET },
    });
    e2e.github.addPull("octo/api", requestedPull(7, "alice", monday.toISO()!));
    await e2e.deliver(
      "pull_request",
      pullRequestPayload("opened", { ...PR, reviewers: ["alice"] }),
    );
    e2e.clock.set(berlin("2026-11-24T11:00:00"));
    await e2e.deliver("pull_request_review", changesRequested(e2e.clock.now()));
    await e2e.runAt(berlin("2026-11-25T11:30:00"));
    expect(e2e.slack!.messagesIn("DUDANA1")).toHaveLength(1);
  });

  async function click(actionId: string, value: string): Promise<number> {
    const slack = e2e.slack!;
    const body = clickBody(slack, slack.messagesIn("DUDANA1")[0]!, "UDANA1", actionId, value);
    const status = await postClick(e2e.app.port, body, SECRET, e2e.clock.now().toSeconds());
    await e2e.app.runtime.actionWorker.drain();
    return status;
  }
  const ephemeral = () => e2e.slack!.callsOf("response_url").map((c) => String(c.body.text));

  it("tells the author, ephemerally, that they cannot claim or pass on their own PR", async () => {
    expect(await click("review-sla:claim", "7007")).toBe(200);
    expect(await click("review-sla:reassign", "7007")).toBe(200);
    expect(ephemeral()).toEqual([
      "Sorry: you cannot claim the review of your own pull request.",
      expect.stringContaining("you are this pull request's author"),
    ]);
    expect(e2e.slack!.callsOf("chat.update")).toEqual([]);
  });

  it("snoozes from the nudge, keeping the nudge's words", async () => {
    expect(await click("review-sla:snooze", "snooze-2h:7007")).toBe(200);
    const updates = e2e.slack!.callsOf("chat.update");
    expect(updates).toHaveLength(1);
    const blocks = JSON.stringify(updates[0]?.body.blocks);
    expect(blocks).toContain("*Your turn*");
    expect(blocks).toContain("dana snoozed this at 11:30 until Wed 25 Nov 13:30 (Europe/Berlin)");
    expect(blocks).not.toContain("review-sla:claim");
    const comments = (e2e.github.comments.get("octo/api#7") ?? []).map((c) => c.body);
    expect(comments).toContainEqual(expect.stringContaining("`dana` snoozed reminders"));
  });
});
