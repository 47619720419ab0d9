// The Slack executors re-check before they post: a reviewed PR gets no DM, a retry that lands
// after the reviewer's hours waits for the next window, and without Slack nothing is sent.
import { DateTime } from "luxon";
import { sweep } from "../../src/scheduler/sweep.js";
import { executorsFor } from "../../src/executors.js";
import { performAction } from "../../src/outbox/perform.js";
import { slackFollowUps } from "../../src/slack/follow-ups.js";
import { SlackCallError } from "../../src/slack/gateway.js";
import { webApiGateway } from "../../src/slack/web-client.js";
import { silentLog } from "../helpers/app.js";
import { seedInstallation, seedPull } from "../helpers/digest-store.js";
import { StandInSlack } from "../../src/demo/stand-in-slack.js";
import { testShell } from "../helpers/shell.js";

const la = (iso: string) => DateTime.fromISO(iso, { zone: "America/Los_Angeles" }).toUTC();
const CONFIG = {
  timezone: "America/Los_Angeles",
  clock: "calendar",
  quiet_hours: false,
  people: { alice: { slack: "UALICE1" } },
};

let slack: StandInSlack;
beforeEach(async () => {
  slack = new StandInSlack();
  await slack.start();
});
afterEach(() => slack.stop());

/** A PR waiting on alice, swept when its reminder is due: returns the DM action and the shell. */
async function pendingDm() {
  const shell = await testShell();
  const { store, deps, clock } = shell;
  await seedInstallation(store, [{ id: 501, name: "api", config: CONFIG }], la("2026-11-23T10:00"));
  const prId = await seedPull(store, {
    repositoryId: 501,
    number: 7,
    createdAt: la("2026-11-23T10:00"),
    reviewers: ["alice"],
  });
  const setup = {
    githubWebUrl: "https://github.com",
    gateway: webApiGateway({ token: "xoxb-test", apiUrl: slack.apiUrl, log: silentLog }),
  };
  await sweep(
    { store, configs: deps.configs, log: silentLog, followUps: slackFollowUps(setup) },
    { at: la("2026-11-24T10:00") },
  );
  const [dm] = await store.outbox.list({ kind: "reminder-dm" });
  const run = (at: string) => {
    clock.set(la(at));
    return performAction(executorsFor(deps, setup), dm!, silentLog);
  };
  return { ...shell, prId, dm: dm!, run };
}

describe("the reminder-dm executor", () => {
  it("sends the DM while the reminder still stands", async () => {
    const { run } = await pendingDm();
    expect(await run("2026-11-24T10:05")).toMatchObject({ slackUser: "UALICE1" });
    expect(slack.messagesIn("DUALICE1")).toHaveLength(1);
  });

  it("skips the DM when the reviewer has reviewed meanwhile", async () => {
    const { run, store, prId } = await pendingDm();
    await store.reviews.record(prId, {
      id: 1,
      reviewer: "alice",
      state: "approved",
      submittedAt: la("2026-11-24T10:02"),
    });
    expect(await run("2026-11-24T10:05")).toEqual({
      skipped: "no longer due (reviewed, paused, skipped or draft)",
    });
    expect(slack.calls).toEqual([]);
  });

  it("waits for the reviewer's next working window when a retry lands after hours", async () => {
    const { run } = await pendingDm();
    const error: unknown = await run("2026-11-24T19:00").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SlackCallError);
    // From 19:00 to 09:00 the next morning.
    expect((error as SlackCallError).response.headers["retry-after"]).toBe(String(14 * 3600));
    expect(slack.calls).toEqual([]);
  });

  it("records a skip instead of failing when Slack is not configured", async () => {
    const { deps, dm } = await pendingDm();
    expect(await performAction(executorsFor(deps, null), dm, silentLog)).toEqual({
      skipped: "Slack not configured",
    });
  });
});
