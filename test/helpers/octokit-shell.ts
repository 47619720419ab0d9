// A unit-test shell whose GitHub client is a real Octokit talking to a stand-in GitHub.
import { octokitGitHub } from "../../src/github/client.js";
import { TestOctokit } from "./app.js";
import type { StandInGitHub } from "../../src/demo/stand-in-github.js";
import { testShell } from "./shell.js";

export async function octokitShell(github: StandInGitHub, now?: string) {
  const octokit = new TestOctokit({ auth: "ghs_test", baseUrl: `http://${github.host}/api/v3` });
  return testShell({ now, github: octokitGitHub(octokit) });
}
