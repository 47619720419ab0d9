// The inbox's writers: deliveries of busy repositories commit side by side even when their
// repository ids fall on the same writer under a fixed mapping, and one repository's deliveries
// are still written in the order they arrived.
import { DateTime } from "luxon";
import { InboxWriter, inboxLaneOf } from "../../src/github/inbox.js";
import type { RecordDeliveries } from "../../src/github/inbox-ingest.js";
import { ManualClock } from "../../src/runtime-clock.js";
import { pullRequestPayload } from "../helpers/webhooks.js";

const WRITERS = 4;

function payload(repo: number, number: number) {
  return pullRequestPayload("synchronize", {
    installationId: 1,
    repo: { id: repo, owner: "octo", name: `repo${repo}` },
    number,
    id: repo * 1_000 + number,
    author: "dana",
    createdAt: "2026-11-23T09:00:00Z",
  });
}

/** A store stand-in whose transactions stay open until the test lets them commit. */
function heldWrites() {
  const writes: { ids: string[]; commit: () => void }[] = [];
  let open = 0;
  let mostOpen = 0;
  const write: RecordDeliveries = (deliveries) =>
    new Promise((resolve) => {
      open += 1;
      mostOpen = Math.max(mostOpen, open);
      writes.push({
        ids: deliveries.map((d) => d.entry.deliveryId),
        commit: () => {
          open -= 1;
          resolve(new Set(deliveries.map((d) => d.action.key)));
        },
      });
    });
  return { writes, write, mostOpen: () => mostOpen };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

async function settle(turns = 5): Promise<void> {
  for (let i = 0; i < turns; i += 1) await turn();
}

describe("inbox writers", () => {
  const clock = new ManualClock(DateTime.fromISO("2026-11-23T10:00:00Z", { zone: "utc" }));

  it("commits two busy repositories side by side even when their ids share a writer by modulo", async () => {
    // Repositories 10 and 30 are lanes 10 and 14: both writer 2 of 4 under `lane % writers`.
    expect(Math.abs(inboxLaneOf(payload(10, 1))) % WRITERS).toBe(
      Math.abs(inboxLaneOf(payload(30, 1))) % WRITERS,
    );
    const held = heldWrites();
    const inbox = new InboxWriter({ clock }, held.write, { writers: WRITERS });
    const done = [
      inbox.record({ event: "pull_request", deliveryId: "a1", payload: payload(10, 1) }),
      inbox.record({ event: "pull_request", deliveryId: "b1", payload: payload(30, 1) }),
    ];
    await settle();
    expect(held.writes.map((w) => w.ids)).toEqual([["a1"], ["b1"]]);
    expect(held.mostOpen()).toBe(2);
    for (const w of held.writes) w.commit();
    await expect(Promise.all(done)).resolves.toEqual([true, true]);
  });

  it("writes a repository's later deliveries after its earlier ones, never beside them", async () => {
    const held = heldWrites();
    const inbox = new InboxWriter({ clock }, held.write, { writers: WRITERS });
    const record = (id: string, repo: number) =>
      inbox.record({ event: "pull_request", deliveryId: id, payload: payload(repo, 1) });
    const first = record("a1", 10);
    await settle();
    // a1 is being written; a2 and a3 arrive meanwhile, with other writers idle.
    const later = [record("a2", 10), record("b1", 20), record("a3", 10)];
    await settle();
    expect(held.writes.map((w) => w.ids)).toEqual([["a1"], ["b1"]]);
    held.writes[0]?.commit();
    await first;
    await settle();
    // a2 and a3 share the writer that had a1, in arrival order.
    expect(held.writes.map((w) => w.ids)).toEqual([["a1"], ["b1"], ["a2", "a3"]]);
    held.writes[1]?.commit();
    held.writes[2]?.commit();
    await expect(Promise.all(later)).resolves.toEqual([true, true, true]);
  });

  it("sends an idle repository to the writer with the least to do", async () => {
    const held = heldWrites();
    const inbox = new InboxWriter({ clock }, held.write, { writers: 2 });
    const record = (id: string, repo: number) =>
      inbox.record({ event: "pull_request", deliveryId: id, payload: payload(repo, 1) });
    const busy = [record("a1", 10), record("b1", 11)];
    await settle();
    // Both writers hold one; a2 joins its own lane's writer, which now has more to do.
    const a2 = record("a2", 10);
    // A new repository goes to b's writer (one delivery) rather than a's (two).
    const c1 = record("c1", 12);
    await settle();
    held.writes[0]?.commit();
    held.writes[1]?.commit();
    await Promise.all(busy);
    await settle();
    expect(held.writes.slice(2).map((w) => w.ids)).toEqual([["a2"], ["c1"]]);
    for (const w of held.writes.slice(2)) w.commit();
    await expect(Promise.all([a2, c1])).resolves.toEqual([true, true]);
  });
});
