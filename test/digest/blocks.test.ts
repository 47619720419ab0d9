import { renderDigestBlocks } from "../../src/digest/blocks.js";
import { computeDigest } from "../../src/digest/metrics.js";
import {
  at,
  digestInput,
  hours,
  mergedPullRequest,
  openRequest,
  pullRequest,
  review,
} from "./builders.js";
import { allTexts, limitViolations } from "./slack-limits.js";

const HOSTILE_TITLES = ["<!channel>", "<@U123>", "@here", "<https://evil|click>", "*bold*"];
const longHostile = "<!everyone>&".repeat(1000);

function crowdedInput(breaches: number, limit: number) {
  const pullRequests = Array.from({ length: breaches }, (_, i) =>
    pullRequest({
      number: i + 1,
      owner: i % 2 === 0 ? "acme" : longHostile,
      repo: i % 3 === 0 ? "api" : longHostile,
      title: i % 2 === 0 ? (HOSTILE_TITLES[i % 5] ?? "") : longHostile,
      author: i % 7 === 0 ? longHostile : "alice",
      url:
        i % 5 === 0
          ? `https://github.com/acme/api/pull/${i}?x=${"|>".repeat(2000)}`
          : `https://github.com/acme/api/pull/${i + 1}`,
      createdAt: at("2025-03-01T00:00:00Z").plus({ minutes: i }),
    }),
  );
  const reviewers = Array.from({ length: 200 }, (_, i) =>
    i % 9 === 0 ? `${longHostile}${i}` : `reviewer-${i}`,
  );
  const first = pullRequests[0]!;
  return digestInput({
    pullRequests,
    openRequests: reviewers.flatMap((login, i) =>
      Array.from({ length: 1 + (i % 4) }, () =>
        openRequest(login, first, at("2025-03-01T00:00:00Z")),
      ),
    ),
    reviews: reviewers.map((login) =>
      review(login, at("2025-03-05T12:00:00Z"), at("2025-03-05T09:00:00Z")),
    ),
    unmappedLogins: reviewers,
    limits: { topReviewers: 50, breaches: limit },
  });
}

describe("renderDigestBlocks within Slack's limits", () => {
  it("fits 1,000 breaching PRs and 200 reviewers at the largest configurable limits", () => {
    const message = renderDigestBlocks(computeDigest(crowdedInput(1000, 50)));
    expect(limitViolations(message)).toEqual([]);
    expect(allTexts(message).join("\n")).toMatch(/…and \d+ more\b/);
    expect(allTexts(message).join("\n")).toMatch(/…and \d+ more reviewers/);
  });

  it("stays within the limits even when every breaching PR is handed to it", () => {
    const report = computeDigest(crowdedInput(1000, 1000));
    const message = renderDigestBlocks(report);
    expect(report.breaching.items).toHaveLength(1000);
    expect(limitViolations(message)).toEqual([]);
    const more = /…and (\d+) more\n?/.exec(allTexts(message).join("\n"));
    expect(Number(more?.[1])).toBeGreaterThan(0);
  });

  it("lists at most breaches_limit PRs and says how many more there are", () => {
    const message = renderDigestBlocks(computeDigest(crowdedInput(12, 10)));
    const texts = allTexts(message).join("\n");
    expect(texts).toContain("*Breaching an SLA now* (12, oldest first)");
    expect(texts).toContain("…and 2 more");
    expect(texts.match(/^• .* no first review after/gm)).toHaveLength(10);
  });

  it("keeps a scope name that is too long for the header within 150 characters", () => {
    const message = renderDigestBlocks(computeDigest(digestInput({ scopeName: "x".repeat(400) })));
    expect(limitViolations(message)).toEqual([]);
    expect(message.blocks[0]).toMatchObject({ type: "header" });
  });
});

describe("renderDigestBlocks with hostile text", () => {
  it("pings nobody and links nowhere but GitHub and mapped reviewers", () => {
    const pullRequests = HOSTILE_TITLES.map((title, i) =>
      pullRequest({ number: i + 1, title, author: "@here", createdAt: at("2025-03-01T00:00:00Z") }),
    );
    const requests = [openRequest("<!channel>", pullRequests[0]!, at("2025-03-02T00:00:00Z"))];
    requests.push(openRequest("bob", pullRequests[0]!, at("2025-03-02T00:00:00Z")));
    const input = digestInput({
      scopeName: "<!here> @channel",
      pullRequests,
      openRequests: requests,
      slackUsers: new Map([["bob", "U0BOB1234"]]),
      unmappedLogins: ["@everyone"],
    });
    const texts = allTexts(renderDigestBlocks(computeDigest(input))).join("\n");
    for (const opening of texts.match(/<(?!\u200b)[^|>]*/g) ?? []) {
      expect(opening).toMatch(/^<(https:\/\/github\.com\/acme\/api\/pull\/\d+|@U0BOB1234)$/);
    }
    expect(texts).not.toMatch(/@(here|channel|everyone)/);
    expect(texts).toContain("*bold*");
  });
});

describe("renderDigestBlocks content", () => {
  const history = [
    mergedPullRequest("2025-03-04T10:00:00Z", 2, 10),
    mergedPullRequest("2025-03-05T10:00:00Z", 6, 20),
    mergedPullRequest("2025-02-25T10:00:00Z", 4, 30),
  ];

  it("shows each metric with its change against the previous week", () => {
    const message = renderDigestBlocks(computeDigest(digestInput({ pullRequests: history })));
    const texts = allTexts(message);
    expect(texts).toContain("*Opened*\n2   ▲1");
    expect(texts).toContain("*Merged*\n2   ▲1");
    expect(texts).toContain("*First human review, median*\n2h   ▼2h");
    expect(texts).toContain("*Cycle time (ready → merged), median*\n10h   ▼20h");
    expect(texts).toContain("*First-review SLA met*\n100% (2 of 2)   ±0");
  });

  it("has a fallback text that summarises the week", () => {
    const message = renderDigestBlocks(computeDigest(digestInput({ pullRequests: history })));
    expect(message.text).toBe(
      "Review digest for acme, Mon 3 Mar – Sun 9 Mar 2025: 2 opened, 2 merged, 0 breaching an SLA now.",
    );
  });

  it("renders a quiet week with dashes, never NaN, undefined or null", () => {
    const message = renderDigestBlocks(computeDigest(digestInput()));
    const texts = allTexts(message).join("\n");
    expect(texts).not.toMatch(/NaN|undefined|null/);
    expect(texts).toContain("*First human review, median*\n—");
    expect(texts).toContain("None: every open PR is within its SLAs.");
    expect(texts).toContain("No open requests and no reviews this week.");
    expect(limitViolations(message)).toEqual([]);
  });

  it("lists logins without a Slack user once, in the footer", () => {
    const pr = pullRequest({ createdAt: at("2025-03-01T00:00:00Z"), firstReviewSla: hours(1) });
    const input = digestInput({
      pullRequests: [pr],
      openRequests: [openRequest("carol", pr, at("2025-03-02T00:00:00Z"))],
      unmappedLogins: ["carol", "dave"],
    });
    const texts = allTexts(renderDigestBlocks(computeDigest(input)));
    const footer = texts.filter((text) => text.startsWith("For admins"));
    expect(footer).toEqual([
      "For admins: no Slack user for carol, dave. Add `people.&lt;login&gt;.slack` to the config.",
    ]);
  });
});
