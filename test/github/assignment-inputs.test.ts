// Data gathering for reviewer assignment against the stand-in GitHub over HTTP and a SQLite
// store: teams (cached), loads across the installation, co-authors, away, busy, working hours
// and CODEOWNERS.
import { pickReviewers } from "../../src/assignment/pick.js";
import { gatherPickInput } from "../../src/github/assignment/inputs.js";
import type { AssignmentTarget } from "../../src/github/assignment/inputs.js";
import { teamMembers } from "../../src/github/teams.js";
import type { StandInGitHub } from "../../src/demo/stand-in-github.js";
import {
  INSTALLATION,
  assignmentShell,
  fakePull,
  pullFields,
  seedPull,
  seedRepository,
  startFake,
} from "./assignment-fixtures.js";

const POOL = { enabled: true, pool: ["@octo/seniors"] };

async function targetFor(
  shell: Awaited<ReturnType<typeof assignmentShell>>,
  id: number,
): Promise<AssignmentTarget> {
  const pr = (await shell.store.pulls.get(id))!;
  const repository = (await shell.store.repos.get(pr.repositoryId))!;
  return { pr, repository, config: shell.deps.configs.resolve(repository.configJson).config };
}

async function pickFor(shell: Awaited<ReturnType<typeof assignmentShell>>, id: number) {
  const input = await gatherPickInput(
    shell.deps,
    await shell.deps.github(INSTALLATION),
    await targetFor(shell, id),
    {
      trigger: "ready",
      missedSla: [],
      now: shell.clock.now(),
    },
  );
  return { input, result: pickReviewers(input) };
}

const excluded = (result: ReturnType<typeof pickReviewers>) =>
  Object.fromEntries(result.ranking.map((c) => [c.login, c.excluded]));

describe("assignment data gathering", () => {
  let fake: StandInGitHub;
  beforeEach(async () => {
    fake = await startFake();
  });
  afterEach(async () => {
    await fake.stop();
  });

  it("resolves a pool team through the teams API once an hour, from the store cache in between", async () => {
    const shell = await assignmentShell(fake, { assignment: POOL });
    const github = await shell.deps.github(INSTALLATION);
    const teamCalls = () => fake.requests.filter((r) => r.path.includes("/teams/")).length;
    expect(await teamMembers(shell.deps, github, INSTALLATION, ["octo/seniors"])).toEqual(
      new Map([["octo/seniors", ["alice", "bob", "carol"]]]),
    );
    fake.assignment.teams.set("octo/seniors", ["alice", "erin"]);
    shell.clock.advance({ minutes: 59 });
    await teamMembers(shell.deps, github, INSTALLATION, ["@Octo/Seniors"]);
    expect(teamCalls()).toBe(1);
    shell.clock.advance({ minutes: 2 });
    expect(
      (await teamMembers(shell.deps, github, INSTALLATION, ["octo/seniors"])).get("octo/seniors"),
    ).toEqual(["alice", "erin"]);
    expect(teamCalls()).toBe(2);
    await shell.store.close();
  });

  it("treats a team it cannot read as empty, and caches that too", async () => {
    const shell = await assignmentShell(fake, {
      assignment: { ...POOL, pool: ["octo/ghosts", "dave"] },
    });
    const id = await seedPull(shell.store, 1);
    const { result } = await pickFor(shell, id);
    expect(result.chosen.map((c) => c.login)).toEqual(["dave"]);
    await pickFor(shell, id);
    expect(fake.requests.filter((r) => r.path === "/orgs/octo/teams/ghosts/members")).toHaveLength(
      1,
    );
    await shell.store.close();
  });

  it("counts open requests and recent reviews across every repository of the installation", async () => {
    const shell = await assignmentShell(fake, { assignment: POOL });
    await seedRepository(shell.store, { id: 502, owner: "octo", name: "web" }, {});
    await shell.store.pulls.upsert(pullFields(2, { id: 8002, repositoryId: 502, repo: "web" }));
    await shell.store.reviews.addRequest(8002, { type: "user", login: "alice" }, shell.clock.now());
    await seedPull(shell.store, 3, { reviewers: ["bob"] });
    await shell.store.reviews.record(7003, {
      id: 1,
      reviewer: "bob",
      state: "approved",
      submittedAt: shell.clock.now(),
    });
    const id = await seedPull(shell.store, 1);
    const { input, result } = await pickFor(shell, id);
    expect(input.loads.get("alice")?.openReviews).toBe(1);
    expect(input.loads.get("bob")?.recentReviews).toBe(1);
    expect(result.chosen.map((c) => c.login)).toEqual(["carol"]);
    await shell.store.close();
  });

  it("never picks the author or a co-author named in a commit trailer", async () => {
    const shell = await assignmentShell(fake, { assignment: POOL });
    fake.addPull("octo/api", {
      ...fakePull(1, {
        commits: [
          {
            sha: "c1",
            message:
              "Fix\n\nCo-authored-by: Bob B <1234+bob@users.noreply.github.com>\nCo-authored-by: X <x@example.com>",
          },
        ],
      }),
    });
    const id = await seedPull(shell.store, 1, { fields: { author: "alice" } });
    const { result } = await pickFor(shell, id);
    expect(excluded(result)).toEqual({ alice: "author", bob: "co-author", carol: null });
    await shell.store.close();
  });

  it("skips people away (assignment.away and people.<login>.away) and people whose status is busy", async () => {
    const shell = await assignmentShell(fake, {
      assignment: {
        ...POOL,
        pool: ["@octo/seniors", "dave", "erin"],
        away: { alice: [{ from: "2026-11-20", to: "2026-11-23" }] },
      },
      people: { bob: { away: [{ from: "2026-11-23", to: "2026-11-23" }] } },
    });
    fake.assignment.busy.add("carol");
    const id = await seedPull(shell.store, 1, { fields: { author: "zed" } });
    const { result } = await pickFor(shell, id);
    expect(excluded(result)).toMatchObject({ alice: "away", bob: "away", carol: "busy" });
    const graphql = fake.requests.filter((r) => r.path.endsWith("/graphql"));
    expect(graphql).toHaveLength(1);
    // Only the people who could still be picked are asked about.
    expect(Object.values((graphql[0]!.body as { variables: object }).variables)).toEqual([
      "carol",
      "dave",
      "erin",
    ]);
    await shell.store.close();
  });

  it("reads an unanswered status query as nobody busy", async () => {
    const shell = await assignmentShell(fake, { assignment: POOL });
    fake.failNext("POST", /graphql$/, 502);
    fake.assignment.busy.add("alice");
    const id = await seedPull(shell.store, 1, { fields: { author: "zed" } });
    const { result } = await pickFor(shell, id);
    expect(result.ranking.every((c) => c.excluded === null)).toBe(true);
    await shell.store.close();
  });

  it("with only_working_hours, prefers people in their working hours (own time zone)", async () => {
    const shell = await assignmentShell(fake, {
      assignment: { ...POOL, only_working_hours: true },
      people: { alice: { timezone: "America/Los_Angeles" }, bob: { working_hours: "12:00-20:00" } },
    });
    const id = await seedPull(shell.store, 1);
    const { result } = await pickFor(shell, id);
    expect(excluded(result)).toEqual({
      alice: "outside working hours",
      bob: "outside working hours",
      carol: null,
    });
    await shell.store.close();
  });

  it("prefers code owners of the changed files, with CODEOWNERS teams expanded", async () => {
    fake.repos.get("octo/api")!.files = {
      ".github/CODEOWNERS": "*  @octo/seniors\n/src/billing/ @octo/billing @carol\n",
    };
    fake.assignment.teams.set("octo/billing", ["bob"]);
    fake.addPull("octo/api", fakePull(1, { files: ["src/billing/invoice.ts"] }));
    const shell = await assignmentShell(fake, { assignment: { ...POOL, prefer_codeowners: true } });
    await seedPull(shell.store, 2, { reviewers: ["bob"] });
    const id = await seedPull(shell.store, 1);
    const { input, result } = await pickFor(shell, id);
    expect([...input.codeowners].sort()).toEqual(["bob", "carol"]);
    // alice and carol are equally light; carol owns the changed path and gets the bonus.
    expect(result.chosen[0]?.login).toBe("carol");
    expect(result.chosen[0]?.reason).toContain("code owner");
    await shell.store.close();
  });
});
