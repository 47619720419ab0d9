// Gathering a digest's input from a real store: the week's boundaries in the team's zone (here
// across the spring DST change), the scope, and which actions, requests and reviews count.
import { DateTime } from "luxon";
import { computeDigest } from "../../src/digest/metrics.js";
import type { InstallationGitHub } from "../../src/github/client.js";
import { digestScopes } from "../../src/scheduler/digest-scope.js";
import { gatherDigestInput } from "../../src/scheduler/digest-gather.js";
import type { GatherDeps } from "../../src/scheduler/digest-gather.js";
import { ConfigCache } from "../../src/sla/config-cache.js";
import type { Store } from "../../src/store/store.js";
import { silentLog } from "../helpers/app.js";
import { INSTALLATION, seedInstallation, seedPull } from "../helpers/digest-store.js";
import { testShell } from "../helpers/shell.js";

const berlin = (iso: string) => DateTime.fromISO(iso, { zone: "Europe/Berlin" }).toUTC();
// Clocks go forward on Sunday 29 March 2026: the week from Monday 23 March lasts 167 hours.
const NOW = berlin("2026-03-30T09:00:00");
const CONFIG = {
  timezone: "Europe/Berlin",
  clock: "calendar",
  people: { alice: { slack: "UALICE1" } },
};

async function gather(store: Store, github: GatherDeps["github"] = null) {
  const configs = new ConfigCache();
  const installation = await store.repos.getInstallation(INSTALLATION);
  const scopes = digestScopes(installation!, await store.repos.list(INSTALLATION), configs);
  const deps: GatherDeps = {
    store,
    clock: { now: () => NOW },
    configs,
    log: silentLog,
    slack: null,
    github,
    githubWebUrl: "https://github.example",
  };
  return gatherDigestInput(deps, scopes[0]!, NOW);
}

async function seedWeek(store: Store, config: unknown = CONFIG) {
  await seedInstallation(
    store,
    [
      { id: 501, name: "api", config },
      { id: 502, name: "web", config },
    ],
    NOW,
  );
  const ids = {
    sundayNight: await seedPull(store, {
      repositoryId: 501,
      number: 1,
      createdAt: berlin("2026-03-29T23:30:00"),
      reviewers: ["alice"],
      reviews: [{ by: "alice", at: berlin("2026-03-29T23:50:00") }],
    }),
    mondayAfter: await seedPull(store, {
      repositoryId: 501,
      number: 2,
      createdAt: berlin("2026-03-30T00:30:00"),
    }),
    mondayFirst: await seedPull(store, {
      repositoryId: 502,
      repo: "web",
      number: 3,
      author: "erin",
      createdAt: berlin("2026-03-23T00:30:00"),
      reviewers: ["bob"],
    }),
    sundayBefore: await seedPull(store, {
      repositoryId: 501,
      number: 4,
      createdAt: berlin("2026-03-22T23:30:00"),
    }),
    closedLongAgo: await seedPull(store, {
      repositoryId: 501,
      number: 5,
      createdAt: berlin("2026-03-02T10:00:00"),
      closedAt: berlin("2026-03-10T10:00:00"),
    }),
  };
  return ids;
}

async function performed(
  store: Store,
  key: string,
  pullRequestId: number,
  at: DateTime,
  result: unknown,
  payload: unknown = {},
) {
  await store.outbox.enqueue({
    key,
    installationId: INSTALLATION,
    pullRequestId,
    kind: key.split(":")[0]!,
    payload,
    dueAt: at,
    priority: 0,
  });
  const [claimed] = await store.outbox.claim({ owner: "t", now: at, leaseMs: 60_000, limit: 1 });
  await store.outbox.complete(claimed!.id, "t", { at, result });
}

describe("gatherDigestInput", () => {
  it("cuts the week at Monday 00:00 in the team's zone, across a DST change", async () => {
    const { store } = await testShell();
    await seedWeek(store);
    const { input } = await gather(store);
    expect(input.period.start.toISO()).toBe("2026-03-22T23:00:00.000Z");
    expect(input.period.end.toISO()).toBe("2026-03-29T22:00:00.000Z");
    expect(input.previousPeriod.start.toISO()).toBe("2026-03-15T23:00:00.000Z");
    const report = computeDigest(input);
    // Sunday 23:30 and Monday 00:30 of the week count; Monday 00:30 after it and Sunday before do not.
    expect(report.current.opened).toBe(2);
    expect(report.previous.opened).toBe(1);
    expect(input.pullRequests.map((pr) => pr.number).sort()).toEqual([1, 2, 3, 4]);
    expect(input.pullRequests.find((pr) => pr.number === 3)?.url).toBe(
      "https://github.example/octo/web/pull/3",
    );
  });

  it("takes first reviews, reviews with their request, and open requests at that time", async () => {
    const { store } = await testShell();
    await seedWeek(store);
    const { input } = await gather(store);
    const first = input.pullRequests.find((pr) => pr.number === 1);
    expect(first?.firstReviewAt?.toISO()).toBe(berlin("2026-03-29T23:50:00").toISO());
    expect(input.reviews).toEqual([
      expect.objectContaining({ login: "alice", requestedAt: berlin("2026-03-29T23:30:00") }),
    ]);
    expect(input.openRequests.map((r) => [r.login, r.pr.number])).toEqual([["bob", 3]]);
    expect(Object.fromEntries(input.slackUsers)).toEqual({});
    expect(input.unmappedLogins).toEqual(["bob"]);
  });

  it("counts reminders and escalations that spoke, not skipped or superseded ones", async () => {
    const { store } = await testShell();
    const ids = await seedWeek(store);
    const inWeek = berlin("2026-03-25T10:00:00");
    await performed(store, "reminder:a", ids.mondayFirst, inWeek, { commentId: 1 });
    await performed(store, "escalation:b", ids.mondayFirst, inWeek, { commentId: 2 });
    await performed(store, "reminder:c", ids.mondayFirst, inWeek, {
      skipped: "pull request closed",
    });
    await performed(store, "reminder:d", ids.mondayFirst, inWeek, null, { superseded: true });
    const { input } = await gather(store);
    expect(input.actions.map((a) => a.kind)).toEqual(["reminder", "escalation"]);
  });

  it("limits a named scope to its repositories and its teams' authors", async () => {
    const { store } = await testShell();
    const scoped = {
      ...CONFIG,
      digest: { scope: { name: "Web team", repos: ["web"], teams: ["core"] } },
    };
    await seedWeek(store, scoped);
    const github = {
      listTeamMembers: (org: string, slug: string) =>
        Promise.resolve(org === "octo" && slug === "core" ? ["Dana"] : null),
      publicEmail: () => Promise.resolve(null),
    } satisfies Pick<InstallationGitHub, "listTeamMembers" | "publicEmail">;
    const { input, notes } = await gather(store, github);
    expect(input.scopeName).toBe("Web team");
    // web#3 by its repository; api#1, #2 and #4 by dana, a member of octo/core.
    expect(input.pullRequests.map((pr) => pr.number).sort()).toEqual([1, 2, 3, 4]);
    expect(notes).toEqual([]);
    const offline = await gather(store, null);
    expect(offline.input.pullRequests.map((pr) => pr.number)).toEqual([3]);
    expect(offline.notes).toEqual(["team octo/core could not be read"]);
  });

  it("skips ignored reviewers for the first human review and tells whose turn it was at week's end", async () => {
    const { store } = await testShell();
    const config = { ...CONFIG, sla: { ignore_reviewers: ["coderabbitai"] } };
    await seedWeek(store, config);
    const changes = await seedPull(store, {
      repositoryId: 501,
      number: 6,
      author: "erin",
      createdAt: berlin("2026-03-24T10:00:00"),
      reviewers: ["alice"],
      reviews: [
        { by: "coderabbitai", at: berlin("2026-03-24T10:05:00"), state: "commented" },
        { by: "alice", at: berlin("2026-03-25T10:00:00"), state: "changes_requested" },
        // After the week ended: whose turn it was then does not see it.
        { by: "alice", at: berlin("2026-03-30T08:00:00"), state: "approved" },
      ],
    });
    await performed(store, "nudge:a", changes, berlin("2026-03-27T10:00:00"), { commentId: 3 });
    const { input } = await gather(store);
    const pr = input.pullRequests.find((p) => p.number === 6);
    expect(pr?.firstReviewAt?.toISO()).toBe(berlin("2026-03-25T10:00:00").toISO());
    expect(pr?.turnAtPeriodEnd).toBe("author");
    // web#3 waits on bob, requested and silent.
    expect(input.pullRequests.find((p) => p.number === 3)?.turnAtPeriodEnd).toBe("reviewers");
    // api#1, approved on Sunday night, waits on its author to merge; #2 was opened after the week.
    expect(input.pullRequests.find((p) => p.number === 1)?.turnAtPeriodEnd).toBe("merge");
    expect(input.pullRequests.find((p) => p.number === 2)?.turnAtPeriodEnd).toBeUndefined();
    const report = computeDigest(input);
    expect(report.current.authorNudges).toBe(1);
    expect(report.waiting).toEqual({ onAuthors: 2, onReviewers: 1 });
  });
});
