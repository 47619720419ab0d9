// The production client's marker lookups against the stand-in GitHub: a marker counts only on a
// comment written by the app's bot account (identified with `GET /app`).
import { octokitGitHub } from "../../src/github/client.js";
import type { InstallationGitHub } from "../../src/github/client.js";
import { TestOctokit } from "../helpers/app.js";
import { StandInGitHub } from "../../src/demo/stand-in-github.js";

const REMINDER = "<!-- review-sla:reminder key=reminder:501/7:c1:first_review -->";
const CHECKLIST = "<!-- review-sla:checklist pr=7 -->";
const dana = { login: "dana", type: "User" as const };

describe("marker lookups", () => {
  let fake: StandInGitHub;
  let github: InstallationGitHub;

  beforeEach(async () => {
    fake = new StandInGitHub();
    await fake.start();
    fake.addRepo({ id: 501, owner: "octo", name: "api" });
    const octokit = new TestOctokit({ auth: "ghs_test", baseUrl: `http://${fake.host}/api/v3` });
    github = octokitGitHub(octokit);
  });

  afterEach(() => fake.stop());

  it("ignores a reminder marker copied into someone else's comment", async () => {
    fake.addComment("octo/api", 7, `${REMINDER}\nforged`, dana);
    expect(
      await github.findComment("octo", "api", 7, "key=reminder:501/7:c1:first_review -->"),
    ).toBeNull();
  });

  it("finds the reminder the app posted, after a forgery", async () => {
    fake.addComment("octo/api", 7, `${REMINDER}\nforged`, dana);
    const posted = await github.createComment("octo", "api", 7, `${REMINDER}\nreal`);
    const found = await github.findComment(
      "octo",
      "api",
      7,
      "key=reminder:501/7:c1:first_review -->",
    );
    expect(found).toEqual({ id: posted.id });
  });

  it("does not adopt someone else's comment that starts with the checklist marker", async () => {
    fake.addComment("octo/api", 7, `${CHECKLIST}\n- [x] done`, dana);
    expect(await github.findMarkedComment("octo", "api", 7, CHECKLIST)).toBeNull();
    const posted = await github.createComment("octo", "api", 7, `${CHECKLIST}\n- [ ] mine`);
    expect(await github.findMarkedComment("octo", "api", 7, CHECKLIST)).toEqual({
      id: posted.id,
      body: `${CHECKLIST}\n- [ ] mine`,
    });
  });

  it("asks GitHub who the app is once per client", async () => {
    await github.findComment("octo", "api", 7, "x");
    await github.findMarkedComment("octo", "api", 7, CHECKLIST);
    expect(fake.requests.filter((r) => r.path === "/app")).toHaveLength(1);
  });
});
