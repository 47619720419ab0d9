// An in-memory GitHub for checklist tests: one pull request, its comments and check runs, with
// every call recorded; a call the test did not provide fails loudly.
import type { CheckRunState } from "../../src/github/checklist-client.js";
import type { InstallationGitHub, PullSummary } from "../../src/github/client.js";

export interface PullState {
  number: number;
  author: string;
  draft: boolean;
  open: boolean;
  labels: string[];
  body: string | null;
  headSha: string;
  files: string[];
  commitMessages: string[];
}

export interface CheckRunRecord {
  id: number;
  headSha: string;
  name: string;
  state: CheckRunState;
}

function summary(pull: PullState): PullSummary {
  return {
    id: 1,
    number: pull.number,
    title: "Change",
    user: { login: pull.author, type: pull.author.endsWith("[bot]") ? "Bot" : "User" },
    draft: pull.draft,
    state: pull.open ? "open" : "closed",
    created_at: "2026-11-23T09:00:00Z",
    updated_at: "2026-11-23T09:00:00Z",
    closed_at: null,
    merged_at: null,
    labels: pull.labels.map((name) => ({ name })),
    head: { sha: pull.headSha },
    body: pull.body,
  };
}

export function checklistGitHub(pull: PullState) {
  const calls: string[] = [];
  const comments: { id: number; body: string }[] = [];
  const checkRuns: CheckRunRecord[] = [];
  let nextId = 100;
  const impl: Partial<InstallationGitHub> = {
    getPull: () => Promise.resolve(summary(pull)),
    listPullFiles: () => Promise.resolve([...pull.files]),
    listPullCommitMessages: () => Promise.resolve([...pull.commitMessages]),
    getComment: (_o, _r, id) => Promise.resolve(comments.find((c) => c.id === id) ?? null),
    findMarkedComment: (_o, _r, _n, marker) =>
      Promise.resolve(comments.find((c) => c.body.startsWith(marker)) ?? null),
    createComment(_o, _r, _n, body) {
      const comment = { id: (nextId += 1), body };
      comments.push(comment);
      return Promise.resolve({ id: comment.id, url: `https://github.example/c/${comment.id}` });
    },
    updateComment(_o, _r, id, body) {
      const comment = comments.find((c) => c.id === id);
      if (comment) comment.body = body;
      return Promise.resolve(comment !== undefined);
    },
    startCheckRun(target, state) {
      const run = { id: (nextId += 1), headSha: target.headSha, name: target.name, state };
      checkRuns.push(run);
      return Promise.resolve({ id: run.id });
    },
    updateCheckRun(_o, _r, id, state) {
      const run = checkRuns.find((r) => r.id === id);
      if (!run) return Promise.reject(new Error(`no check run ${id}`));
      run.state = state;
      return Promise.resolve();
    },
  };
  const github = new Proxy(impl as InstallationGitHub, {
    get(target, name) {
      // Not a thenable: `Promise.resolve(github)` must hand back the client itself.
      if (name === "then" || typeof name === "symbol") return undefined;
      const method: unknown = Reflect.get(target, name);
      if (typeof method !== "function") {
        return () => Promise.reject(new Error(`unexpected GitHub call: ${String(name)}`));
      }
      return (...args: unknown[]): unknown => {
        calls.push(String(name));
        return Reflect.apply(method, target, args);
      };
    },
  });
  return { github, pull, calls, comments, checkRuns };
}
