// Every text the app writes to GitHub loses bidi controls and NUL at the client's edge.
import { octokitGitHub } from "../../src/github/client.js";
import type { InstallationGitHub } from "../../src/github/client.js";
import { escapeMarkdown, inlineCode } from "../../src/comments/escape.js";
import { TestOctokit } from "../helpers/app.js";
import { StandInGitHub } from "../../src/demo/stand-in-github.js";
import { recordOf } from "../../src/demo/stand-in/http.js";

const HOSTILE =
  "a\u202Eb\u2066c\u2069d\u200Ee\u200Ff\u0000g\u202Ah\u202Bi\u202Cj\u202Dk\u2067l\u2068m";
const CLEAN = "abcdefghijklm";

describe("text written to GitHub", () => {
  let fake: StandInGitHub;
  let github: InstallationGitHub;

  beforeEach(async () => {
    fake = new StandInGitHub();
    await fake.start();
    fake.addRepo({ id: 501, owner: "octo", name: "api" });
    github = octokitGitHub(
      new TestOctokit({ auth: "ghs_test", baseUrl: `http://${fake.host}/api/v3` }),
    );
  });

  afterEach(() => fake.stop());

  it("drops bidi controls and NUL from new and edited comments", async () => {
    const posted = await github.createComment("octo", "api", 7, `title: ${HOSTILE}`);
    expect(fake.comment(posted.id)?.body).toBe(`title: ${CLEAN}`);
    await github.updateComment("octo", "api", posted.id, `edited ${HOSTILE}`);
    expect(fake.comment(posted.id)?.body).toBe(`edited ${CLEAN}`);
  });

  it("drops them from check-run titles and summaries, created and updated", async () => {
    const target = { owner: "octo", repo: "api", headSha: "abc", name: "Review checklist" };
    const run = await github.startCheckRun(target, {
      title: HOSTILE,
      summary: HOSTILE,
      conclusion: null,
    });
    await github.updateCheckRun("octo", "api", run.id, {
      title: `done ${HOSTILE}`,
      summary: `all ${HOSTILE}`,
      conclusion: "success",
    });
    await github.createCheckRun({
      ...target,
      conclusion: "failure",
      title: HOSTILE,
      summary: HOSTILE,
    });
    const outputs = fake.checkRuns.map((r) => recordOf(r.body.output));
    expect(outputs).toEqual([
      { title: `done ${CLEAN}`, summary: `all ${CLEAN}` },
      { title: CLEAN, summary: CLEAN },
    ]);
  });
});

describe("escaping for comments", () => {
  it("drops bidi controls and NUL from escaped text and code spans", () => {
    expect(escapeMarkdown(HOSTILE)).toBe(CLEAN);
    expect(inlineCode(HOSTILE)).toBe(`\`${CLEAN}\``);
  });
});
