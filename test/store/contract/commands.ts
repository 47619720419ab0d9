// Contract: PR commands recorded once per key, counted per week, and the snooze of a pull request.
import { INSTALLATION, pullRequestFields, seedPullRequest } from "./builders.js";
import { at } from "./context.js";
import type { StoreContext } from "./context.js";

const performed = (key: string, command: string, hours: number) => ({
  key,
  installationId: INSTALLATION,
  pullRequestId: 9_000_000_001,
  command,
  login: "dana",
  detail: null,
  performedAt: at(hours),
});

export function describeCommands(ctx: () => StoreContext): void {
  it("records a command once per key", async () => {
    const { store } = ctx();
    expect(await store.commands.record(performed("command:comment:1", "snooze", 0))).toBe(true);
    expect(await store.commands.record(performed("command:comment:1", "snooze", 1))).toBe(false);
  });

  it("counts each kind performed in [from, to) by the installations asked for", async () => {
    const { store } = ctx();
    await store.commands.record(performed("a", "snooze", 0));
    await store.commands.record(performed("b", "snooze", 5));
    await store.commands.record(performed("c", "claim", 6));
    await store.commands.record(performed("d", "claim", 10));
    await store.commands.record({
      ...performed("e", "claim", 1),
      installationId: INSTALLATION + 1,
    });
    const counts = await store.commands.countBetween([INSTALLATION], at(0), at(10));
    expect(Object.fromEntries(counts)).toEqual({ snooze: 2, claim: 1 });
  });

  it("keeps a pull request's snooze across webhook updates, until it is lifted", async () => {
    const { store } = ctx();
    const id = await seedPullRequest(store);
    await store.pulls.setSnoozedUntil(id, at(30));
    await store.pulls.upsert(pullRequestFields({ title: "Renamed", updatedAt: at(1) }));
    expect((await store.pulls.get(id))?.snoozedUntil?.toISO()).toBe(at(30).toISO());
    await store.pulls.setSnoozedUntil(id, null);
    expect((await store.pulls.get(id))?.snoozedUntil).toBeNull();
  });

  it("finds the login an email lookup cached for a Slack user", async () => {
    const { store } = ctx();
    expect(await store.commands.loginForSlackUser("UDANA1")).toBeNull();
    await store.digests.saveSlackIdentity("dana", "UDANA1", at(0));
    expect(await store.commands.loginForSlackUser("UDANA1")).toBe("dana");
  });
}
