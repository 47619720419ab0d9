// GitHub's content-creation limits: ≤ 80 comments a minute and ≤ 500 an hour per installation,
// most overdue first, the rest deferred, never dropped; other installations are not held up.
import fc from "fast-check";
import { DateTime } from "luxon";
import { executorsFor } from "../../src/executors.js";
import { ActionWorker } from "../../src/outbox/worker.js";
import { sweep } from "../../src/scheduler/sweep.js";
import { nextContentSlot } from "../../src/store/limits.js";
import type { Store } from "../../src/store/store.js";
import { silentLog } from "../helpers/app.js";
import { memoryGitHub } from "../helpers/memory-github.js";
import { seedRepository, seedWaitingPulls } from "../helpers/seed.js";
import { testShell } from "../helpers/shell.js";

const t0 = DateTime.fromISO("2026-11-23T09:00:00Z", { zone: "utc" });

async function trackOverdue(
  store: Store,
  installationId: number,
  count: number,
  firstId: number,
): Promise<void> {
  const repo = {
    installationId,
    repositoryId: installationId * 1000,
    owner: `org${installationId}`,
  };
  await seedRepository(store, repo, t0);
  // Older PRs first in number order, so "most overdue first" is checkable by number.
  const createdAt = (i: number) => t0.minus({ hours: 30 }).minus({ minutes: count - i });
  await seedWaitingPulls(store, repo, { count, firstId, createdAt });
}

function maxInWindow(times: number[], windowMs: number): number {
  let max = 0;
  for (let i = 0, j = 0; i < times.length; i += 1) {
    while ((times[i] ?? 0) - (times[j] ?? 0) >= windowMs) j += 1;
    max = Math.max(max, i - j + 1);
  }
  return max;
}

describe("content-creation budget", () => {
  it("posts 800 overdue reminders within 80 a minute and 500 an hour, most overdue first, without holding up another installation", async () => {
    const memory = memoryGitHub();
    const { deps, store, clock } = await testShell({ now: t0.toISO()!, github: memory.github });
    const postedAt: { issue: string; at: number }[] = [];
    const create = memory.github.createComment.bind(memory.github);
    memory.github.createComment = async (owner, repo, issue, body) => {
      postedAt.push({ issue: `${owner}/${repo}#${issue}`, at: clock.now().toMillis() });
      return create(owner, repo, issue, body);
    };
    await trackOverdue(store, 1, 800, 1);
    await trackOverdue(store, 2, 5, 100_000);
    const report = await sweep(deps, { at: t0 });
    expect(report.actions).toHaveLength(805);
    const worker = new ActionWorker({
      store,
      clock,
      log: silentLog,
      executors: executorsFor(deps),
      batchSize: 50,
    });
    for (let minute = 0; minute < 24 * 60 && postedAt.length < 805; minute += 1) {
      for (let second = 0; second < 60; second += 15) {
        clock.set(t0.plus({ minutes: minute, seconds: second }));
        await worker.drain();
      }
    }
    const big = postedAt.filter((p) => p.issue.startsWith("org1/"));
    const other = postedAt.filter((p) => p.issue.startsWith("org2/"));
    expect(big).toHaveLength(800);
    expect(other).toHaveLength(5);
    expect(Math.max(...other.map((p) => p.at))).toBe(t0.toMillis());
    const times = big.map((p) => p.at);
    expect(maxInWindow(times, 60_000)).toBeLessThanOrEqual(80);
    expect(maxInWindow(times, 3_600_000)).toBeLessThanOrEqual(500);
    const order = big.map((p) => Number(p.issue.split("#")[1]));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(new Set(memory.comments.map((c) => c.issue)).size).toBe(805);
    console.log(
      `budget: 800 reminders posted over ${Math.round((Math.max(...times) - t0.toMillis()) / 60_000)} simulated minutes; ` +
        `busiest minute ${maxInWindow(times, 60_000)}, busiest hour ${maxInWindow(times, 3_600_000)}`,
    );
    await store.close();
  }, 120_000);

  it("never grants more writes than the limits allow in any window (property)", () => {
    const limits = [
      { windowMs: 1_000, max: 3 },
      { windowMs: 10_000, max: 10 },
    ];
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 2_000 }), { minLength: 1, maxLength: 200 }),
        (gaps) => {
          const granted: DateTime[] = [];
          let now = t0;
          for (const gap of gaps) {
            now = now.plus({ milliseconds: gap });
            const slot = nextContentSlot(granted, now, limits);
            if (slot === null) granted.push(now);
            else expect(slot > now).toBe(true);
          }
          const ms = granted.map((g) => g.toMillis());
          return limits.every((l) => maxInWindow(ms, l.windowMs) <= l.max);
        },
      ),
      { numRuns: 200 },
    );
  });
});
