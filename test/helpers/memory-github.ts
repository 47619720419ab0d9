// An in-memory InstallationGitHub for worker tests: comments kept per PR, failures scripted.
import type { InstallationGitHub } from "../../src/github/client.js";
import { noGitHub } from "./shell.js";

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly response: { headers: Record<string, string> } = { headers: {} },
  ) {
    super(`HTTP ${status}`);
  }
}

export function memoryGitHub() {
  const comments: { issue: string; body: string; id: number }[] = [];
  const failures: Error[] = [];
  const github: InstallationGitHub = {
    ...noGitHub,
    createComment(owner, repo, issue, body) {
      const failure = failures.shift();
      if (failure) return Promise.reject(failure);
      const id = comments.length + 1;
      comments.push({ issue: `${owner}/${repo}#${issue}`, body, id });
      return Promise.resolve({ id, url: `https://github.example/${owner}/${repo}/pull/${issue}` });
    },
    findComment(owner, repo, issue, needle) {
      const found = comments.find(
        (c) => c.issue === `${owner}/${repo}#${issue}` && c.body.includes(needle),
      );
      return Promise.resolve(found ? { id: found.id } : null);
    },
  };
  return { github, comments, failures };
}
