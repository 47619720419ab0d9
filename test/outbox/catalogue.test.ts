// The action catalogue: keys come out as they always were (so no action is performed twice
// across an upgrade), payloads keep only their own fields, and the worker refuses for good a row
// whose kind is unknown or whose payload does not parse, saying why.
import { DateTime } from "luxon";
import { executorsFor } from "../../src/executors.js";
import { actionFor } from "../../src/outbox/catalogue.js";
import type { Executors } from "../../src/outbox/catalogue.js";
import { ActionWorker } from "../../src/outbox/worker.js";
import { silentLog } from "../helpers/app.js";
import { testShell } from "../helpers/shell.js";

const dueAt = DateTime.fromISO("2026-11-24T10:00:00Z", { zone: "utc" });
const target = { installationId: 1, pullRequestId: 7, dueAt };

describe("actionFor", () => {
  it("builds the keys the outbox has always used", () => {
    const keys = [
      actionFor(
        "config-check",
        { owner: "o", repo: "r", number: 5, headSha: "abc", repositoryId: 10 },
        target,
      ),
      actionFor("refresh-config", { repositoryId: 10, commit: "def" }, target),
      actionFor("sync-installation", { installationId: 1, reason: "d-1" }, target),
      actionFor("reconcile-repository", { repositoryId: 10, round: "r1" }, target),
      actionFor(
        "checklist",
        { number: 5, event: "opened", repositoryId: 10, headSha: "abc", updatedAt: "T" },
        target,
      ),
      actionFor("checklist-check", { commentId: 99, version: "deleted" }, target),
      actionFor(
        "assign",
        { owner: "o", repo: "r", number: 5, trigger: "ready", repositoryId: 10, reason: "ready@T" },
        target,
      ),
      actionFor("reminder-dm", { reminderKey: "rem", login: "Alice" }, target),
      actionFor("escalation-slack", { escalationKey: "esc", channel: "#eng" }, target),
      actionFor("digest", { scopeKey: "installation:1", periodStart: "P", periodEnd: "E" }, target),
      actionFor("webhook", { event: "push", deliveryId: "d-2", payload: {} }, target),
    ].map((action) => action.key);
    expect(keys).toEqual([
      "config-check:10/5@abc",
      "refresh-config:10@def",
      "sync-installation:1:d-1",
      "reconcile:10:r1",
      "checklist:10/5@abc:opened:T",
      "checklist-check:99@deleted",
      "assign:10/5:ready@T",
      "rem:dm:alice",
      "esc:slack",
      "digest:installation:1:P",
      "webhook:d-2",
    ]);
  });

  it("names import pages after their run, and stores only the payload's fields", () => {
    const first = actionFor("import-repository", { repositoryId: 10, run: "import:10:d" }, target);
    const next = actionFor(
      "import-repository",
      { repositoryId: 10, tag: "import:10:d", page: 2, seen: [1], run: "import:10:d" },
      target,
    );
    expect([first.key, next.key]).toEqual(["import:10:d", "import:10:d:p2"]);
    expect(first.payload).toEqual({ repositoryId: 10 });
    expect(next.payload).toEqual({ repositoryId: 10, tag: "import:10:d", page: 2, seen: [1] });
  });

  it("is checked by the compiler: a wrong payload or a missing executor does not build", () => {
    const build = () =>
      // @ts-expect-error -- `repositoryId` must be a number
      actionFor("refresh-config", { repositoryId: "10", commit: "x" }, target);
    expect(build).toThrow();
    // @ts-expect-error -- every kind needs its executor
    const partial: Executors = { webhook: () => Promise.resolve(null) };
    expect(partial).toBeDefined();
  });
});

describe("the worker with the catalogue", () => {
  async function performRow(kind: string, payload: unknown) {
    const shell = await testShell({ now: "2026-11-24T10:00:00Z" });
    await shell.store.outbox.enqueue({
      key: "bad:1",
      installationId: 1,
      pullRequestId: null,
      kind,
      payload,
      dueAt: shell.clock.now(),
      priority: 0,
    });
    const worker = new ActionWorker({
      store: shell.store,
      clock: shell.clock,
      log: silentLog,
      executors: executorsFor(shell.deps),
    });
    await worker.drain();
    const row = await shell.store.outbox.getByKey("bad:1");
    await shell.store.close();
    return row;
  }

  it("fails an invalid payload for good, naming the field", async () => {
    const row = await performRow("refresh-config", { repositoryId: "ten" });
    expect(row?.status).toBe("failed");
    expect(row?.attempts).toBe(1);
    expect(row?.lastError).toContain("refresh-config payload is invalid (repositoryId:");
  });

  it("fails an unknown kind for good", async () => {
    const row = await performRow("remindr", {});
    expect(row?.status).toBe("failed");
    expect(row?.lastError).toContain('unknown action kind "remindr"');
  });
});
