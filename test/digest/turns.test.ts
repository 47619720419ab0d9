// The digest tells people from machines and authors from reviewers: author nudges counted per week,
// AI-assisted PRs against the rest with the number of PRs behind each median, and the open PRs
// waiting on their authors or on reviewers when the week ended.
import { renderDigestBlocks } from "../../src/digest/blocks.js";
import type { DigestAction } from "../../src/digest/input.js";
import { renderDigestMarkdown } from "../../src/digest/markdown.js";
import { computeDigest } from "../../src/digest/metrics.js";
import { at, digestInput, mergedPullRequest, pullRequest } from "./builders.js";

const nudges: DigestAction[] = [
  { kind: "nudge", performedAt: at("2025-03-04T09:00:00Z") },
  { kind: "nudge", performedAt: at("2025-03-05T09:00:00Z") },
  { kind: "reminder", performedAt: at("2025-03-05T09:00:00Z") },
  { kind: "nudge", performedAt: at("2025-02-26T09:00:00Z") },
  { kind: "nudge", performedAt: at("2025-03-10T00:00:00Z") },
];

const waiting = [
  { ...pullRequest({ number: 1 }), turnAtPeriodEnd: "author" as const },
  { ...pullRequest({ number: 2 }), turnAtPeriodEnd: "merge" as const },
  { ...pullRequest({ number: 3 }), turnAtPeriodEnd: "reviewers" as const },
  { ...pullRequest({ number: 4 }), turnAtPeriodEnd: "nobody" as const },
  pullRequest({ number: 5 }),
];

const speed = [
  mergedPullRequest("2025-03-04T10:00:00Z", 2, 10, { number: 11 }),
  mergedPullRequest("2025-03-04T10:00:00Z", 4, 20, { number: 12 }),
  mergedPullRequest("2025-03-04T10:00:00Z", 6, 30, { number: 13, aiAssisted: true }),
];

describe("digest: authors and machines", () => {
  it("counts the nudges sent to authors in each half-open week, apart from reminders", () => {
    const { current, previous } = computeDigest(digestInput({ actions: nudges }));
    expect([current.authorNudges, current.reminders]).toEqual([2, 1]);
    expect(previous.authorNudges).toBe(1);
  });

  it("counts open PRs waiting on authors (changes or merge) against those waiting on reviewers", () => {
    const report = computeDigest(digestInput({ pullRequests: waiting }));
    expect(report.waiting).toEqual({ onAuthors: 2, onReviewers: 1 });
  });

  it("gives the number of PRs behind each AI-assisted and other median", () => {
    const { current } = computeDigest(digestInput({ pullRequests: speed }));
    expect([current.aiAssisted.firstReviewed, current.aiAssisted.merged]).toEqual([1, 1]);
    expect([current.rest.firstReviewed, current.rest.merged]).toEqual([2, 2]);
    expect(current.aiAssisted.firstReviewMedian?.as("hours")).toBe(6);
    expect(current.rest.cycleTimeMedian?.as("hours")).toBe(10);
  });

  it("shows nudges, counts and turns in the Markdown preview", () => {
    const input = digestInput({ pullRequests: [...waiting, ...speed], actions: nudges });
    const markdown = renderDigestMarkdown(computeDigest(input));
    expect(markdown).toContain("| Author nudges sent | 2 | 1 | ▲1 |");
    expect(markdown).toContain("| First human review, median: AI-assisted | 6h (1 PR) | — |");
    expect(markdown).toContain("| Cycle time, median: the rest | 10h (2 PRs) | — |");
    expect(markdown).toContain(
      "At the end of the week, 2 open PRs waited on their authors and 1 on reviewers.",
    );
  });

  it("shows them in the Slack message too", () => {
    const input = digestInput({ pullRequests: [...waiting, ...speed], actions: nudges });
    const message = renderDigestBlocks(computeDigest(input));
    const texts = message.blocks.flatMap((block) =>
      block.type === "section" ? [block.text.text, ...(block.fields ?? []).map((f) => f.text)] : [],
    );
    expect(texts).toContain("*Author nudges sent*\n2   ▲1");
    expect(texts).toContain("*First human review, median: AI-assisted*\n6h (1 PR)");
    expect(texts).toContain(
      "At the end of the week, 2 open PRs waited on their authors and 1 on reviewers.",
    );
    expect(message.blocks.length).toBeLessThanOrEqual(50);
  });
});
