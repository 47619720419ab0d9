// Who owns the paths a pull request changes: CODEOWNERS from the default branch (where GitHub
// reads it), matched against the PR's files, with teams expanded through the team cache.
import { ownersOf, parseCodeowners } from "../../assignment/codeowners.js";
import type { InstallationGitHub } from "../client.js";
import { teamMembers } from "../teams.js";
import type { TeamDeps } from "../teams.js";

/** GitHub's lookup order: the first file found is the one that counts. */
export const CODEOWNERS_PATHS = [".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"];

export interface CodeownersTarget {
  installationId: number;
  owner: string;
  repo: string;
  number: number;
  defaultBranch: string;
}

async function readCodeowners(
  github: InstallationGitHub,
  target: CodeownersTarget,
): Promise<string | null> {
  for (const path of CODEOWNERS_PATHS) {
    const text = await github.getFileText(target.owner, target.repo, path, target.defaultBranch);
    if (text !== null) return text;
  }
  return null;
}

/** Lowercase logins owning at least one changed file; empty when there is no CODEOWNERS. */
export async function codeownerLogins(
  deps: TeamDeps,
  github: InstallationGitHub,
  target: CodeownersTarget,
): Promise<Set<string>> {
  const text = await readCodeowners(github, target);
  if (text === null) return new Set();
  const rules = parseCodeowners(text);
  const files = await github.listPullFiles(target.owner, target.repo, target.number);
  const owners = [...ownersOf(rules, files)].filter((owner) => owner.startsWith("@"));
  const teams = owners.filter((owner) => owner.includes("/"));
  const members = await teamMembers(deps, github, target.installationId, teams);
  const logins = new Set(owners.filter((o) => !o.includes("/")).map((o) => o.slice(1)));
  for (const list of members.values()) for (const login of list) logins.add(login);
  return logins;
}
