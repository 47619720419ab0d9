// Dashboard sessions in the store: shared by replicas, kept across restarts, ended by expiry,
// sign-out or a new SESSION_SECRET; the database holds neither the session id nor the token.
import { SessionStore, sessionIdHash, TokenSealer } from "../../src/http/dashboard/sessions.js";
import { onEveryStore } from "../store/contract/targets.js";
import { T0, useStoreContext } from "../store/contract/context.js";
import type { StoreTarget } from "../store/contract/context.js";
import type { KyselyStore } from "../../src/store/kysely-store.js";

const SECRET = "a-test-session-secret-of-at-least-32-chars";
const HOUR = 3_600_000;
const TOKEN = "ghu_secretUserToken123";

function sessionsOn(store: KyselyStore, secret = SECRET, now = () => T0.toMillis()) {
  return new SessionStore(store.dashboardSessions, secret, 8 * HOUR, now);
}

function sessionSuite(target: StoreTarget): void {
  const ctx = useStoreContext(target);

  it("serves a session signed in on one replica to another, and after a restart", async () => {
    const { store, openAnother } = ctx();
    const created = await sessionsOn(store).create("alice", TOKEN);
    const replica = await openAnother();
    expect(await sessionsOn(replica).get(created.id)).toMatchObject({
      login: "alice",
      token: TOKEN,
    });
    await store.close();
    const restarted = await openAnother();
    expect((await sessionsOn(restarted).get(created.id))?.login).toBe("alice");
  });

  it("keeps only a hash of the id and the token encrypted", async () => {
    const { store } = ctx();
    const created = await sessionsOn(store).create("alice", TOKEN);
    const row = await store.dashboardSessions.get(sessionIdHash(created.id), T0);
    expect(row).not.toBeNull();
    expect(row?.idHash).not.toBe(created.id);
    expect(row?.sealedToken).not.toContain(TOKEN);
    expect(row?.sealedToken).not.toContain(Buffer.from(TOKEN).toString("base64url"));
    expect(await store.dashboardSessions.get(created.id, T0)).toBeNull();
  });

  it("ends a session after its hours, at sign-out, and for a new SESSION_SECRET", async () => {
    const { store } = ctx();
    let now = T0.toMillis();
    const sessions = sessionsOn(store, SECRET, () => now);
    const expiring = await sessions.create("alice", TOKEN);
    const signingOut = await sessions.create("bob", TOKEN);
    now += 8 * HOUR - 1;
    expect(await sessions.get(expiring.id)).not.toBeNull();
    expect(
      await sessionsOn(store, "another-secret-of-at-least-32-characters").get(expiring.id),
    ).toBeNull();
    await sessions.end(signingOut.id);
    expect(await sessions.get(signingOut.id)).toBeNull();
    now += 1;
    expect(await sessions.get(expiring.id)).toBeNull();
  });

  it("deletes expired sessions at the next sign-in", async () => {
    const { store } = ctx();
    let now = T0.toMillis();
    const sessions = sessionsOn(store, SECRET, () => now);
    const old = await sessions.create("alice", TOKEN);
    now += 9 * HOUR;
    await sessions.create("bob", TOKEN);
    const later = T0.minus({ days: 1 });
    expect(await store.dashboardSessions.get(sessionIdHash(old.id), later)).toBeNull();
  });
}

describe("token sealing", () => {
  it("opens only under the same secret and for the same row", () => {
    const sealed = new TokenSealer(SECRET).seal(TOKEN, "row-1");
    expect(new TokenSealer(SECRET).open(sealed, "row-1")).toBe(TOKEN);
    expect(new TokenSealer(SECRET).open(sealed, "row-2")).toBeNull();
    expect(
      new TokenSealer("another-secret-of-at-least-32-characters").open(sealed, "row-1"),
    ).toBeNull();
    expect(new TokenSealer(SECRET).open("not.a.sealed-token", "row-1")).toBeNull();
  });
});

onEveryStore("dashboard sessions", sessionSuite);
