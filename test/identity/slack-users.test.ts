// GitHub login → Slack user: the config first, then the public email through
// `users.lookupByEmail`, cached with misses; logins that map to nobody are never guessed.
import { validateConfig } from "../../src/config/validate.js";
import { IDENTITY_MISS_TTL, slackUserFor, slackUsersFor } from "../../src/identity/slack-users.js";
import type { IdentityDeps } from "../../src/identity/slack-users.js";
import { webApiGateway } from "../../src/slack/web-client.js";
import { silentLog } from "../helpers/app.js";
import { StandInSlack } from "../../src/demo/stand-in-slack.js";
import { testShell } from "../helpers/shell.js";

const config = validateConfig({ people: { Alice: { slack: "UALICE1" } } }).config;

let slack: StandInSlack;
beforeEach(async () => {
  slack = new StandInSlack();
  await slack.start();
  slack.users.set("dana@example.com", "UDANA01");
});
afterEach(() => slack.stop());

async function identityDeps(emails: Record<string, string | null>) {
  const shell = await testShell();
  const emailCalls: string[] = [];
  const deps: IdentityDeps = {
    store: shell.store,
    clock: shell.clock,
    slack: webApiGateway({ token: "xoxb-test", apiUrl: slack.apiUrl, log: silentLog }),
    github: {
      publicEmail: (login) => {
        emailCalls.push(login);
        return Promise.resolve(emails[login] ?? null);
      },
    },
  };
  return { deps, emailCalls, shell };
}

describe("slackUserFor", () => {
  it("uses people.<login>.slack without asking GitHub or Slack, whatever the login's case", async () => {
    const { deps, emailCalls } = await identityDeps({});
    expect(await slackUserFor(deps, config, "alice")).toBe("UALICE1");
    expect(emailCalls).toEqual([]);
    expect(slack.calls).toEqual([]);
  });

  it("looks a public email up in Slack once, then answers from the cache", async () => {
    const { deps, emailCalls } = await identityDeps({ dana: "dana@example.com" });
    expect(await slackUserFor(deps, config, "dana")).toBe("UDANA01");
    expect(await slackUserFor(deps, config, "Dana")).toBe("UDANA01");
    expect(emailCalls).toEqual(["dana"]);
    expect(slack.callsOf("users.lookupByEmail")).toHaveLength(1);
  });

  it("caches misses too, and asks again once they expire", async () => {
    const { deps, emailCalls, shell } = await identityDeps({ erin: "erin@example.com" });
    expect(await slackUserFor(deps, config, "erin")).toBeNull();
    expect(await slackUserFor(deps, config, "erin")).toBeNull();
    expect(slack.callsOf("users.lookupByEmail")).toHaveLength(1);
    shell.clock.advance({ hours: IDENTITY_MISS_TTL.as("hours") + 1 });
    expect(await slackUserFor(deps, config, "erin")).toBeNull();
    expect(emailCalls).toEqual(["erin", "erin"]);
  });

  it("never guesses: without a public email nobody is looked up in Slack", async () => {
    const { deps } = await identityDeps({});
    expect(await slackUserFor(deps, config, "frank")).toBeNull();
    expect(slack.calls).toEqual([]);
  });

  it("answers 'unknown' without Slack or GitHub (a preview), and caches nothing", async () => {
    const { deps } = await identityDeps({ dana: "dana@example.com" });
    expect(await slackUserFor({ ...deps, github: null }, config, "dana")).toBeUndefined();
    expect(await deps.store.digests.getSlackIdentity("dana")).toBeNull();
  });
});

describe("slackUsersFor", () => {
  it("maps who it can and lists the rest once, even when a lookup fails", async () => {
    const { deps } = await identityDeps({ dana: "dana@example.com", gina: "gina@example.com" });
    slack.failNext("users.lookupByEmail", 500, 1);
    const { slackUsers, unmapped } = await slackUsersFor({ ...deps, log: silentLog }, config, [
      "gina",
      "alice",
      "dana",
      "frank",
    ]);
    expect(Object.fromEntries(slackUsers)).toEqual({ alice: "UALICE1", dana: "UDANA01" });
    expect(unmapped).toEqual(["gina", "frank"]);
  });

  it("bounds the lookups of one digest", async () => {
    const { deps, emailCalls } = await identityDeps({ a: "a@x.io", b: "b@x.io", c: "c@x.io" });
    const { unmapped } = await slackUsersFor(
      { ...deps, log: silentLog },
      config,
      ["a", "b", "c"],
      2,
    );
    expect(emailCalls).toEqual(["a", "b"]);
    expect(unmapped).toEqual(["a", "b", "c"]);
  });
});
