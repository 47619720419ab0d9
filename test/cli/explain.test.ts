// `review-sla explain`: whose turn, since when, the deadlines and why, from the store alone.
import { DateTime } from "luxon";
import { explainTurnLines } from "../../src/cli/explain.js";
import { CliError } from "../../src/cli/context.js";
import { onPullRequest, onPullRequestReview } from "../../src/github/handlers/pull-request.js";
import { ConfigCache } from "../../src/sla/config-cache.js";
import { testShell } from "../helpers/shell.js";
import { example, pullRequestPayload } from "../helpers/webhooks.js";

const scenario = {
  installationId: 7,
  repo: { id: 70, owner: "octo", name: "api" },
  number: 3,
  id: 703,
  author: "dana",
  createdAt: "2026-11-23T08:30:00Z",
  reviewers: ["gus"],
};
const at = (iso: string) => DateTime.fromISO(iso, { zone: "utc" });

async function tracked() {
  const s = await testShell({ now: scenario.createdAt });
  await onPullRequest(s.deps, "d-open", pullRequestPayload("opened", scenario) as never);
  await s.store.repos.setConfig(70, {
    json: {
      timezone: "Europe/Berlin",
      working_hours: "09:00-19:00",
      clock: "working-hours",
      sla: { first_review: "9h" },
    },
    errors: [],
    fetchedAt: s.deps.clock.now(),
  });
  return s;
}

describe("review-sla explain", () => {
  it("prints whose turn it is, since when, the deadlines and why", async () => {
    const { store } = await tracked();
    const pull = { owner: "octo", repo: "api", number: 3 };
    const lines = await explainTurnLines(
      store,
      new ConfigCache(),
      pull,
      at("2026-11-23T12:30:00Z"),
    );
    expect(lines).toContain("Turn: reviewers since Mon 23 Nov 09:30 (Europe/Berlin)");
    expect(lines).toContain("  Waiting on @gus for a first review");
    expect(lines).toContain("Why: a review was requested and no person has reviewed yet.");
    expect(lines.join("\n")).toMatch(
      /first_review \(9h\): due Mon 23 Nov 18:30 \(Europe\/Berlin\), 5 working hours left/,
    );
    expect(lines.at(-1)).toBe("(Nothing was performed.)");
    const outbox = (await store.outbox.list()).length;
    await explainTurnLines(store, new ConfigCache(), pull, at("2026-11-24T12:30:00Z"));
    expect((await store.outbox.list()).length).toBe(outbox);
    await store.close();
  });

  it("tells the author it is their turn after changes requested", async () => {
    const { deps, store } = await tracked();
    const review = example("pull_request_review", "submitted");
    const opened = pullRequestPayload("opened", scenario);
    Object.assign(review, { installation: opened.installation, repository: opened.repository });
    review.pull_request = { ...opened.pull_request, updated_at: "2026-11-23T10:00:00Z" };
    Object.assign(review.review, {
      id: 1,
      state: "changes_requested",
      submitted_at: "2026-11-23T10:00:00Z",
    });
    review.review.user = { ...review.review.user, login: "gus", type: "User" };
    await onPullRequestReview(deps, "d-review", review as never);
    const pull = { owner: "octo", repo: "api", number: 3 };
    const lines = await explainTurnLines(
      store,
      new ConfigCache(),
      pull,
      at("2026-11-23T12:00:00Z"),
    );
    expect(lines).toContain("Turn: author since Mon 23 Nov 11:00 (Europe/Berlin)");
    expect(lines.join("\n")).toContain("author_response (24h)");
    await store.close();
  });

  it("names an unknown pull request and how to track it", async () => {
    const { store } = await tracked();
    const unknown = explainTurnLines(
      store,
      new ConfigCache(),
      { owner: "octo", repo: "api", number: 99 },
      at("2026-11-23T12:00:00Z"),
    );
    await expect(unknown).rejects.toThrow(CliError);
    await expect(unknown).rejects.toThrow(
      "octo/api#99 is not tracked yet: run `review-sla backfill octo/api` first.",
    );
    await store.close();
  });
});
