import { renderDigestMarkdown } from "../../src/digest/markdown.js";
import { computeDigest } from "../../src/digest/metrics.js";
import { at, digestInput, mergedPullRequest, openRequest, pullRequest } from "./builders.js";

const stale = (overrides: Parameters<typeof pullRequest>[0]) =>
  pullRequest({ createdAt: at("2025-03-01T00:00:00Z"), ...overrides });

describe("renderDigestMarkdown", () => {
  it("renders each metric group as a table with this week, last week and the change", () => {
    const pullRequests = [
      mergedPullRequest("2025-03-04T10:00:00Z", 2, 10),
      mergedPullRequest("2025-02-25T10:00:00Z", 4, 30),
    ];
    const markdown = renderDigestMarkdown(computeDigest(digestInput({ pullRequests })));
    expect(markdown).toContain("# Review digest: acme\n\nMon 3 Mar – Sun 9 Mar 2025 (UTC)");
    expect(markdown).toContain("| First human review, median | 2h | 4h | ▼2h |");
    expect(markdown).toContain("| First-review SLA met | 100% (1 of 1) | 100% (1 of 1) | ±0 |");
  });

  it("escapes hostile titles and logins so they format, link and mention nothing", () => {
    const pr = stale({
      title: "<!channel> @here [click](https://evil) *bold* | pipe",
      author: "@everyone",
    });
    const input = digestInput({
      pullRequests: [pr],
      openRequests: [openRequest("<script>", pr, at("2025-03-02T00:00:00Z"))],
    });
    const markdown = renderDigestMarkdown(computeDigest(input));
    expect(markdown).toContain("\\<\\!channel\\>");
    expect(markdown).toContain("\\[click\\]\\(https://evil\\) \\*bold\\* \\| pipe");
    expect(markdown).not.toMatch(/@(here|everyone)/);
    expect(markdown).not.toContain("<script>");
    expect(markdown).toContain("[acme/api\\#");
  });

  it("links only http(s) URLs, with characters that would end the link encoded", () => {
    const pullRequests = [
      stale({ number: 1, url: "javascript:alert(1)" }),
      stale({ number: 2, url: "https://github.com/acme/api/pull/2?a=(b)" }),
    ];
    const markdown = renderDigestMarkdown(computeDigest(digestInput({ pullRequests })));
    expect(markdown).not.toContain("javascript:");
    expect(markdown).toContain("](https://github.com/acme/api/pull/2?a=%28b%29)");
  });

  it("lists at most breaches_limit PRs, then how many more", () => {
    const pullRequests = Array.from({ length: 7 }, (_, i) => stale({ number: i + 1 }));
    const limits = { topReviewers: 5, breaches: 3 };
    const markdown = renderDigestMarkdown(computeDigest(digestInput({ pullRequests, limits })));
    expect(markdown).toContain("## Breaching an SLA now (7, oldest first)");
    expect(markdown.match(/^- \[/gm)).toHaveLength(3);
    expect(markdown).toContain("- …and 4 more");
  });

  it("renders a quiet week with dashes, never NaN, undefined or null", () => {
    const markdown = renderDigestMarkdown(computeDigest(digestInput()));
    expect(markdown).not.toMatch(/NaN|undefined|null/);
    expect(markdown).toContain("| First human review, median | — | — |  |");
    expect(markdown).toContain("None: every open PR is within its SLAs.");
  });
});
