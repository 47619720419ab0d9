// The GitHub calls the review checklist adds to the installation client: commit messages, one
// comment read or rewritten in place, and a check run that is created once and then updated.
import type { ProbotOctokit } from "probot";
import { statusOf } from "../outbox/failures.js";
import { writtenByApp } from "./app-identity.js";
import type { AppIdentitySource } from "./app-identity.js";

/** What a check run shows; `conclusion: null` keeps it in progress. */
export interface CheckRunState {
  title: string;
  summary: string;
  conclusion: "success" | "neutral" | null;
}

export interface CheckRunTarget {
  owner: string;
  repo: string;
  headSha: string;
  name: string;
}

export interface ChecklistGitHub {
  /** Commit messages of a pull request, oldest first, at most `limit` (GitHub lists 250). */
  listPullCommitMessages(
    owner: string,
    repo: string,
    number: number,
    limit?: number,
  ): Promise<string[]>;
  /** One issue or PR comment, or null when it no longer exists. */
  getComment(owner: string, repo: string, id: number): Promise<{ id: number; body: string } | null>;
  /** Replaces a comment's body; false when the comment no longer exists. */
  updateComment(owner: string, repo: string, id: number, body: string): Promise<boolean>;
  /** The first comment by the app's bot account on an issue or PR whose body starts with `marker`. */
  findMarkedComment(
    owner: string,
    repo: string,
    issue: number,
    marker: string,
  ): Promise<{ id: number; body: string } | null>;
  /** Creates a check run on a commit, in progress or completed as `state` says. */
  startCheckRun(target: CheckRunTarget, state: CheckRunState): Promise<{ id: number }>;
  updateCheckRun(owner: string, repo: string, id: number, state: CheckRunState): Promise<void>;
}

export const MAX_COMMIT_MESSAGES = 250;

function checkRunFields(state: CheckRunState) {
  const output = { title: state.title, summary: state.summary };
  return state.conclusion === null
    ? { status: "in_progress" as const, output }
    : { status: "completed" as const, conclusion: state.conclusion, output };
}

async function orNullWhenGone<T>(call: () => Promise<T>): Promise<T | null> {
  try {
    return await call();
  } catch (error) {
    if (statusOf(error) === 404 || statusOf(error) === 410) return null;
    throw error;
  }
}

export function checklistCalls(
  octokit: ProbotOctokit,
  identity: AppIdentitySource,
): ChecklistGitHub {
  return {
    async listPullCommitMessages(owner, repo, number, limit = MAX_COMMIT_MESSAGES) {
      const messages: string[] = [];
      const pages = octokit.paginate.iterator(octokit.rest.pulls.listCommits, {
        owner,
        repo,
        pull_number: number,
        per_page: 100,
      });
      for await (const { data } of pages) {
        messages.push(...data.map((c) => c.commit.message));
        if (messages.length >= limit) break;
      }
      return messages.slice(0, limit);
    },
    async getComment(owner, repo, id) {
      const found = await orNullWhenGone(() =>
        octokit.rest.issues.getComment({ owner, repo, comment_id: id }),
      );
      return found === null ? null : { id: found.data.id, body: found.data.body ?? "" };
    },
    async updateComment(owner, repo, id, body) {
      const updated = await orNullWhenGone(() =>
        octokit.rest.issues.updateComment({ owner, repo, comment_id: id, body }),
      );
      return updated !== null;
    },
    async findMarkedComment(owner, repo, issue, marker) {
      const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, {
        owner,
        repo,
        issue_number: issue,
        per_page: 100,
      });
      const app = await identity();
      for await (const { data } of pages) {
        const found = data.find(
          (c) => writtenByApp(c, app) && (c.body ?? "").trimStart().startsWith(marker),
        );
        if (found) return { id: found.id, body: found.body ?? "" };
      }
      return null;
    },
    async startCheckRun(target, state) {
      const { data } = await octokit.rest.checks.create({
        owner: target.owner,
        repo: target.repo,
        head_sha: target.headSha,
        name: target.name,
        ...checkRunFields(state),
      });
      return { id: data.id };
    },
    async updateCheckRun(owner, repo, id, state) {
      await octokit.rest.checks.update({ owner, repo, check_run_id: id, ...checkRunFields(state) });
    },
  };
}
