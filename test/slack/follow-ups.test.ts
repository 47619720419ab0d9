// The sweep's Slack follow-ups: a DM per requested user with each reminder, timed to the
// reviewer's own working hours, and an alert in escalation.slack_channel with each escalation.
import { DateTime } from "luxon";
import { sweep } from "../../src/scheduler/sweep.js";
import { ConfigCache } from "../../src/sla/config-cache.js";
import { slackFollowUps } from "../../src/slack/follow-ups.js";
import type { SlackSetup } from "../../src/slack/setup.js";
import { silentLog } from "../helpers/app.js";
import { seedInstallation, seedPull } from "../helpers/digest-store.js";
import { testShell } from "../helpers/shell.js";

const berlin = (iso: string) => DateTime.fromISO(iso, { zone: "Europe/Berlin" }).toUTC();
const CONFIG = {
  timezone: "Europe/Berlin",
  clock: "workdays",
  people: { alice: { timezone: "America/Los_Angeles", slack: "UALICE1" } },
  escalation: { to: ["octo/leads"], slack_channel: "#escalations" },
};

function setup(canDirectMessage: boolean): SlackSetup {
  const unused = () => Promise.reject(new Error("no Slack call expected while sweeping"));
  return {
    githubWebUrl: "https://github.com",
    gateway: {
      kind: canDirectMessage ? "bot" : "webhook",
      canDirectMessage,
      postMessage: unused,
      postDirectMessage: unused,
      lookupUserByEmail: unused,
      updateMessage: unused,
      respondEphemeral: unused,
    },
  };
}

async function sweptAt(iso: string, slack: SlackSetup | null, config: object = CONFIG) {
  const { store } = await testShell();
  await seedInstallation(store, [{ id: 501, name: "api", config }], berlin(iso));
  await seedPull(store, {
    repositoryId: 501,
    number: 7,
    createdAt: berlin("2026-11-23T12:00:00"),
    reviewers: ["alice", "bob"],
  });
  const deps = { store, configs: new ConfigCache(), log: silentLog };
  await sweep({ ...deps, followUps: slackFollowUps(slack) }, { at: berlin(iso) });
  const actions = await store.outbox.list();
  return Object.fromEntries(actions.map((a) => [a.key, { kind: a.kind, dueAt: a.dueAt.toISO() }]));
}

describe("Slack follow-ups of the sweep", () => {
  it("DMs each requested user with the reminder, inside that reviewer's own working hours", async () => {
    const actions = await sweptAt("2026-11-24T12:00:00", setup(true));
    const reminder = "reminder:501/7:c1:first_review";
    expect(actions[reminder]?.dueAt).toBe("2026-11-24T11:00:00.000Z");
    // 03:00 in Los Angeles: alice's DM waits for her 09:00.
    expect(actions[`${reminder}:dm:alice`]).toEqual({
      kind: "reminder-dm",
      dueAt: DateTime.fromISO("2026-11-24T09:00:00", { zone: "America/Los_Angeles" })
        .toUTC()
        .toISO(),
    });
    // bob has no `people` entry: the team's calendar, where 12:00 is working time.
    expect(actions[`${reminder}:dm:bob`]?.dueAt).toBe("2026-11-24T11:00:00.000Z");
  });

  it("sends no DM to a reviewer who is away that day", async () => {
    const away = {
      ...CONFIG,
      assignment: { away: { bob: [{ from: "2026-11-23", to: "2026-11-27" }] } },
    };
    const actions = await sweptAt("2026-11-24T12:00:00", setup(true), away);
    const reminder = "reminder:501/7:c1:first_review";
    expect(actions[`${reminder}:dm:alice`]).toBeDefined();
    expect(actions[`${reminder}:dm:bob`]).toBeUndefined();
  });

  it("posts an escalation alert when escalation.slack_channel is set", async () => {
    const actions = await sweptAt("2026-11-25T12:00:00", setup(true));
    expect(actions["escalation:501/7:c1:resolution:slack"]).toEqual({
      kind: "escalation-slack",
      dueAt: "2026-11-25T11:00:00.000Z",
    });
    // The reminder was overtaken by the escalation: no comment, and no DM either.
    expect(Object.keys(actions).filter((key) => key.includes(":dm:"))).toEqual([]);
  });

  it("sends no DMs through an incoming webhook, but still the escalation alert", async () => {
    const reminded = await sweptAt("2026-11-24T12:00:00", setup(false));
    expect(Object.values(reminded).map((a) => a.kind)).toEqual(["reminder"]);
    const escalated = await sweptAt("2026-11-25T12:00:00", setup(false));
    expect(Object.values(escalated).map((a) => a.kind)).toContain("escalation-slack");
  });

  it("adds nothing when Slack is not configured", async () => {
    const actions = await sweptAt("2026-11-25T12:00:00", null);
    expect(
      Object.values(actions)
        .map((a) => a.kind)
        .sort(),
    ).toEqual(["escalation", "reminder"]);
  });
});
