// The throttle review-sla runs with in production: one installation's comments go out about a
// second apart (GitHub's advice), not Octokit's default three.
import { StandInGitHub } from "../../src/demo/stand-in-github.js";
import { NOTIFICATION_SPACING_MS, pacedOctokit } from "../../src/github/pace.js";

describe("posting pace", () => {
  const github = new StandInGitHub();

  beforeAll(async () => {
    await github.start();
    github.addRepo({ id: 1, owner: "octo", name: "api", files: {} });
  });
  afterAll(() => github.stop());

  it("spaces one installation's comments one second apart: 60 a minute, never 80", async () => {
    const Paced = pacedOctokit();
    const octokit = new Paced({
      auth: "token",
      baseUrl: `http://${github.host}/api/v3`,
      retry: { enabled: false },
      throttle: {
        id: "installation-1",
        onRateLimit: () => false,
        onSecondaryRateLimit: () => false,
      },
    });
    const postedAt: number[] = [];
    github.onRequest = (request) => {
      if (request.method === "POST") postedAt.push(performance.now());
    };
    for (let i = 0; i < 4; i += 1) {
      await octokit.rest.issues.createComment({
        owner: "octo",
        repo: "api",
        issue_number: 1,
        body: `c${i}`,
      });
    }
    const gaps = postedAt.slice(1).map((at, i) => at - (postedAt[i] ?? at));
    expect(gaps).toHaveLength(3);
    const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    expect(Math.abs(mean - NOTIFICATION_SPACING_MS)).toBeLessThan(250);
    for (const gap of gaps) {
      // Never faster than 80 a minute (GitHub's limit), whatever the scheduling jitter.
      expect(gap).toBeGreaterThanOrEqual(60_000 / 80);
      // Octokit's default (3 s) would be 60 000 / 3 000 = 20 a minute.
      expect(gap).toBeLessThan(2_000);
    }
  }, 15_000);
});
