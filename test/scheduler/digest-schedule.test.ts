// When digests are enqueued, for which scopes, and that each scope's week is enqueued once.
import { DateTime } from "luxon";
import { digestScopes } from "../../src/scheduler/digest-scope.js";
import { enqueueDueDigests } from "../../src/scheduler/digest.js";
import { ConfigCache } from "../../src/sla/config-cache.js";
import type { Store } from "../../src/store/store.js";
import { silentLog } from "../helpers/app.js";
import { INSTALLATION, seedInstallation } from "../helpers/digest-store.js";
import { testShell } from "../helpers/shell.js";

const berlin = (iso: string) => DateTime.fromISO(iso, { zone: "Europe/Berlin" }).toUTC();
const CONFIG = { timezone: "Europe/Berlin", digest: { slack_channel: "#reviews" } };

async function scopesOf(store: Store) {
  const installation = await store.repos.getInstallation(INSTALLATION);
  const repositories = await store.repos.list(INSTALLATION);
  return digestScopes(installation!, repositories, new ConfigCache());
}

describe("enqueueDueDigests", () => {
  async function scheduled() {
    const { store } = await testShell();
    await seedInstallation(
      store,
      [{ id: 501, name: "api", config: CONFIG }],
      berlin("2026-11-23T09:00"),
    );
    const deps = { store, configs: new ConfigCache(), log: silentLog, requireChannel: true };
    return { store, run: (iso: string) => enqueueDueDigests(deps, berlin(iso)) };
  }

  it("enqueues the last week's digest at Monday 09:00 in the team's zone, once", async () => {
    const { store, run } = await scheduled();
    // Sent the week before, so the first due digest is the one of 23 to 30 November.
    await store.digests.recordSentDigest({
      scopeKey: "installation:42",
      period: { start: berlin("2026-11-16T00:00"), end: berlin("2026-11-23T00:00") },
      installationId: INSTALLATION,
      scopeName: "octo",
      channel: "C1",
      messageTs: "1.1",
      sentAt: berlin("2026-11-23T09:00"),
    });
    expect(await run("2026-11-30T08:59")).toEqual([]);
    expect(await run("2026-11-30T09:00")).toEqual(["installation:42"]);
    expect(await run("2026-11-30T09:05")).toEqual([]);
    const [action] = await store.outbox.list({ kind: "digest" });
    expect(action?.key).toBe("digest:installation:42:2026-11-22T23:00:00.000Z");
    expect(action?.dueAt.toISO()).toBe("2026-11-30T08:00:00.000Z");
  });

  it("does not enqueue a week already sent, and enqueues the next one", async () => {
    const { store, run } = await scheduled();
    await store.digests.recordSentDigest({
      scopeKey: "installation:42",
      period: { start: berlin("2026-11-23T00:00"), end: berlin("2026-11-30T00:00") },
      installationId: INSTALLATION,
      scopeName: "octo",
      channel: "C1",
      messageTs: "1.2",
      sentAt: berlin("2026-11-30T09:00"),
    });
    expect(await run("2026-11-30T10:00")).toEqual([]);
    expect(await run("2026-12-07T09:00")).toEqual(["installation:42"]);
  });

  it("skips scopes without a channel when a bot token needs one", async () => {
    const { store } = await testShell();
    await seedInstallation(
      store,
      [{ id: 501, name: "api", config: {} }],
      berlin("2026-11-23T09:00"),
    );
    const deps = { store, configs: new ConfigCache(), log: silentLog };
    expect(
      await enqueueDueDigests({ ...deps, requireChannel: true }, berlin("2026-11-30T10:30")),
    ).toEqual([]);
    expect(await enqueueDueDigests(deps, berlin("2026-11-30T10:30"))).toEqual(["installation:42"]);
  });
});

describe("digestScopes", () => {
  it("follows the org's .github repository config when it is tracked", async () => {
    const { store } = await testShell();
    await seedInstallation(
      store,
      [
        { id: 501, name: "api", config: { digest: { enabled: false } } },
        { id: 502, name: ".github", config: { timezone: "Asia/Tokyo", digest: { top_n: 3 } } },
      ],
      berlin("2026-11-23T09:00"),
    );
    const scopes = await scopesOf(store);
    expect(scopes.map((s) => [s.key, s.name, s.config.timezone, s.config.digest.top_n])).toEqual([
      ["installation:42", "octo", "Asia/Tokyo", 3],
    ]);
    expect([...scopes[0]!.repositoryIds].sort()).toEqual([501, 502]);
  });

  it("falls back to each repository's config: one digest per scope, the first repository decides", async () => {
    const { store } = await testShell();
    const web = { digest: { scope: { name: "Web", repos: ["octo/web"] }, slack_channel: "web" } };
    await seedInstallation(
      store,
      [
        { id: 501, name: "api", config: { digest: { slack_channel: "#all" } } },
        { id: 502, name: "web", config: web },
        { id: 503, name: "zeta", config: { digest: { slack_channel: "#ignored" } } },
      ],
      berlin("2026-11-23T09:00"),
    );
    const scopes = await scopesOf(store);
    expect(scopes.map((s) => [s.key, s.config.digest.slack_channel, [...s.repositoryIds]])).toEqual(
      [
        ["installation:42", "#all", [501, 502, 503]],
        ["installation:42:web", "web", [502]],
      ],
    );
  });

  it("leaves out a scope whose deciding config disables the digest", async () => {
    const { store } = await testShell();
    await seedInstallation(
      store,
      [
        { id: 501, name: "api", config: { digest: { enabled: false } } },
        { id: 502, name: "web" },
      ],
      berlin("2026-11-23T09:00"),
    );
    expect(await scopesOf(store)).toEqual([]);
  });
});
