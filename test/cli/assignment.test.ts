// `review-sla assignment explain`: argument errors, and the ranking it prints for a tracked PR
// (read from the stand-in GitHub and the store) without requesting or posting anything.
import { assignmentCommand, explainLines, parsePullTarget } from "../../src/cli/assignment.js";
import type { CommandContext } from "../../src/cli/context.js";
import { silentLog } from "../helpers/app.js";
import type { StandInGitHub } from "../../src/demo/stand-in-github.js";
import { assignmentShell, fakePull, seedPull, startFake } from "../github/assignment-fixtures.js";

describe("review-sla assignment explain", () => {
  it("reads OWNER/REPO#N and explains what it expected otherwise", () => {
    expect(parsePullTarget("octo/api#7")).toEqual({ owner: "octo", repo: "api", number: 7 });
    expect(() => parsePullTarget("octo/api/7")).toThrow(
      'expected a pull request like octo/api#7, found "octo/api/7"',
    );
    expect(() => parsePullTarget("octo/api#0")).toThrow("expected a pull request");
  });

  it("prints its usage for a missing or unknown subcommand, before touching anything", async () => {
    const ctx = { settings: {}, log: silentLog, out: () => undefined } as unknown as CommandContext;
    await expect(assignmentCommand(ctx, ["explain"], undefined)).rejects.toThrow(
      "usage: review-sla assignment explain OWNER/REPO#N [--at ISO]",
    );
    await expect(assignmentCommand(ctx, ["pick", "octo/api#7"], undefined)).rejects.toThrow(
      "usage",
    );
    await expect(assignmentCommand(ctx, ["explain", "octo/api#7"], "soon")).rejects.toThrow(
      "--at expects an ISO 8601 time",
    );
  });

  let fake: StandInGitHub | undefined;
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    await fake?.stop();
  });

  it("prints the ranking with loads and exclusions, and acts on nothing", async () => {
    fake = await startFake();
    const shell = await assignmentShell(fake, {
      assignment: {
        enabled: true,
        pool: ["@octo/seniors"],
        away: { bob: [{ from: "2026-11-23", to: "2026-11-23" }] },
      },
    });
    close = () => shell.store.close();
    await seedPull(shell.store, 1, { reviewers: ["alice"] });
    fake.addPull("octo/api", fakePull(7));
    await seedPull(shell.store, 7);
    const lines = await explainLines(shell.deps, parsePullTarget("octo/api#7"), shell.clock.now());
    expect(lines.join("\n")).toBe(
      [
        "octo/api#7 by dana, as of 2026-11-23T09:00:00.000Z",
        "No specific reviewer is requested: the app would request the first available candidate.",
        "",
        "#  reviewer  load  score  status",
        "1  carol     0.00  0.00   available",
        "2  alice     1.07  1.07   available",
        "3  bob       0.00  0.00   away",
        "",
        "Summary: picked carol (0 open reviews, lightest) from @octo/seniors; skipped bob (away)",
        "(Nothing was requested or posted.)",
      ].join("\n"),
    );
    expect(
      fake.apiCalls().filter((r) => r.method !== "GET" && !r.path.endsWith("graphql")),
    ).toEqual([]);
    await expect(
      explainLines(shell.deps, parsePullTarget("octo/api#99"), shell.clock.now()),
    ).rejects.toThrow("octo/api#99 is not tracked yet: run `review-sla backfill octo/api` first.");
  });
});
