// A comment POST whose answer is lost (a timeout, a 502) may already have made the comment on
// GitHub. The production Octokit must not send it again by itself: the attempt fails, and the
// outbox's retry looks for the app's marked comment before posting (see faults.e2e.test.ts).
import { StandInGitHub } from "../../src/demo/stand-in-github.js";
import { octokitGitHub } from "../../src/github/client.js";
import { pacedOctokit } from "../../src/github/pace.js";
import { fetchWithTimeout } from "../../src/github/request-timeout.js";

const COMMENTS = /^\/repos\/octo\/api\/issues\/1\/comments$/;

describe("creating a comment with the production Octokit (retries on)", () => {
  const github = new StandInGitHub();

  beforeAll(async () => {
    await github.start();
    github.addRepo({ id: 1, owner: "octo", name: "api", files: {} });
  });
  afterAll(() => github.stop());

  function client() {
    const Paced = pacedOctokit();
    const octokit = new Paced({
      auth: "token",
      baseUrl: `http://${github.host}/api/v3`,
      request: { fetch: fetchWithTimeout(300) },
      throttle: {
        id: "installation-1",
        onRateLimit: () => false,
        onSecondaryRateLimit: () => false,
      },
    });
    const identity = () => Promise.resolve({ appId: 1, botLogin: "review-sla[bot]" });
    return octokitGitHub(octokit, identity);
  }

  const posts = () => github.postedComments().filter((r) => COMMENTS.test(r.path)).length;

  it("does not post again when the answer never comes (the comment was made)", async () => {
    const before = posts();
    github.hangNext("POST", COMMENTS);
    await expect(client().createComment("octo", "api", 1, "hello")).rejects.toThrow();
    expect(posts() - before).toBe(1);
  });

  it("does not post again after a 502", async () => {
    const before = posts();
    github.failNext("POST", COMMENTS, 502);
    await expect(client().createComment("octo", "api", 1, "hello")).rejects.toMatchObject({
      status: 502,
    });
    expect(posts() - before).toBe(1);
  });

  it("still retries reads: a 502 on a listing is tried again", async () => {
    github.failNext("GET", COMMENTS, 502);
    await expect(client().findComment("octo", "api", 1, "key=x -->")).resolves.toBeNull();
    expect(
      github.apiCalls().filter((r) => r.method === "GET" && COMMENTS.test(r.path)),
    ).toHaveLength(2);
  }, 15_000);
});
