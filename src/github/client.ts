// The GitHub calls review-sla makes, behind one small interface so the shell can be tested
// against a stand-in and every call is counted.
import type { ProbotOctokit } from "probot";
import { mergeConfigs } from "../config/merge.js";
import { checklistCalls } from "./checklist-client.js";
import type { ChecklistGitHub } from "./checklist-client.js";
import { assignmentCalls } from "./assignment-calls.js";
import type { AssignmentGitHub } from "./assignment-calls.js";
import { userCalls } from "./user-calls.js";
import { commandCalls } from "./command-calls.js";
import type { CommandGitHub } from "./command-calls.js";
import type { UserGitHub } from "./user-calls.js";
import { identityFrom, writtenByApp } from "./app-identity.js";
import { cleanTextBeforeWrites } from "./outgoing-text.js";
import { configSizeProblem, utf8Bytes } from "../config/limits.js";
import type { AppIdentitySource } from "./app-identity.js";

export interface PullSummary {
  id: number;
  number: number;
  title: string;
  user: { login: string; type: string } | null;
  draft?: boolean | undefined;
  state: string;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  merged_at: string | null;
  labels: { name?: string | undefined }[];
  head: { sha: string };
  body?: string | null | undefined;
  requested_reviewers?: ({ login: string } | null)[] | null | undefined;
  requested_teams?: ({ slug: string } | null)[] | null | undefined;
}

export interface IssueEvent {
  event: string;
  created_at: string;
  requested_reviewer?: { login: string } | null | undefined;
  requested_team?: { slug: string } | null | undefined;
}

export interface ReviewSummary {
  id: number;
  user: { login: string } | null;
  state: string;
  submitted_at?: string | null | undefined;
}

export interface ConfigFetch {
  /** The merged configuration object (repo, org `.github`, `_extends`), or null when none exists. */
  json: Record<string, unknown> | null;
  /** A problem reading it (YAML syntax, recursion…), or null. */
  error: string | null;
}

export interface InstallationGitHub
  extends ChecklistGitHub, AssignmentGitHub, UserGitHub, CommandGitHub {
  createComment(
    owner: string,
    repo: string,
    issue: number,
    body: string,
  ): Promise<{ id: number; url: string }>;
  /**
   * Finds the app's comment carrying `needle` (a marker) on an issue or PR; comments by anyone
   * but the app's bot account are ignored, so a copied marker proves nothing.
   */
  findComment(
    owner: string,
    repo: string,
    issue: number,
    needle: string,
  ): Promise<{ id: number } | null>;
  listOpenPulls(owner: string, repo: string): Promise<PullSummary[]>;
  getPull(
    owner: string,
    repo: string,
    number: number,
  ): Promise<PullSummary & { additions?: number; deletions?: number; changed_files?: number }>;
  listReviews(owner: string, repo: string, number: number): Promise<ReviewSummary[]>;
  listIssueEvents(owner: string, repo: string, number: number): Promise<IssueEvent[]>;
  listPullFiles(owner: string, repo: string, number: number): Promise<string[]>;
  getFileText(owner: string, repo: string, path: string, ref: string): Promise<string | null>;
  loadConfig(owner: string, repo: string, path: string): Promise<ConfigFetch>;
  createCheckRun(input: CheckRunInput): Promise<void>;
  listInstallationRepos(): Promise<
    { id: number; owner: string; name: string; defaultBranch: string }[]
  >;
  /** A GraphQL query (one request, whatever it reads). */
  graphql<T>(query: string, variables: Record<string, unknown>): Promise<T>;
  /**
   * Whether the repository's open-PR list changed since `etag` (a conditional request: an
   * unchanged answer, 304, costs no rate limit), with the new ETag.
   */
  openPullsChanged(
    owner: string,
    repo: string,
    etag: string | null,
  ): Promise<{ changed: boolean; etag: string | null }>;
}

export interface CheckRunInput {
  owner: string;
  repo: string;
  headSha: string;
  name: string;
  conclusion: "success" | "failure" | "neutral";
  title: string;
  summary: string;
}

function httpStatus(error: unknown): number | undefined {
  return typeof error === "object" &&
    error !== null &&
    "status" in error &&
    typeof error.status === "number"
    ? error.status
    : undefined;
}

/** A config file GitHub returned that is over the size cap: a config error, not a failure. */
class ConfigTooLarge extends Error {
  override name = "ConfigTooLarge";
}

const CONFIG_FILE = /\.(?:ya?ml|json)$/i;

/**
 * Refuses config files (YAML or JSON read raw from `/contents/`, as the config plugin reads the
 * repository's, the organisation's and `_extends` files) over the cap, before they are parsed.
 */
function capConfigFiles(octokit: ProbotOctokit): void {
  octokit.hook.after("request", (response, options) => {
    const file = typeof options.path === "string" ? options.path : "";
    const contents = typeof options.url === "string" && options.url.includes("/contents/");
    if (typeof response.data !== "string" || !contents || !CONFIG_FILE.test(file)) return;
    const problem = configSizeProblem(file, utf8Bytes(response.data));
    if (problem) throw new ConfigTooLarge(problem);
  });
}

/**
 * Request options for a write that creates content: Octokit's own retry (on a 5xx, a timeout, a
 * reset connection) is off for it. GitHub may have made the comment before the answer was lost,
 * and a blind second POST would make it twice; the action fails instead, and the outbox's retry
 * first looks for the app's marked comment (`findComment`) before posting again.
 */
const CREATES_CONTENT = { request: { retries: 0 } } as const;

/**
 * The installation client. `identity` tells the app's own comments from others'; by default it
 * is asked of GitHub (`GET /app`) through the same client, once.
 */
export function octokitGitHub(
  octokit: ProbotOctokit,
  identity: AppIdentitySource = identityFrom(octokit),
): InstallationGitHub {
  cleanTextBeforeWrites(octokit);
  capConfigFiles(octokit);
  return {
    ...checklistCalls(octokit, identity),
    ...assignmentCalls(octokit),
    ...userCalls(octokit),
    ...commandCalls(octokit),
    async createComment(owner, repo, issue, body) {
      const { data } = await octokit.rest.issues.createComment({
        owner,
        repo,
        issue_number: issue,
        body,
        ...CREATES_CONTENT,
      });
      return { id: data.id, url: data.html_url };
    },
    async findComment(owner, repo, issue, needle) {
      const comments = await octokit.paginate(octokit.rest.issues.listComments, {
        owner,
        repo,
        issue_number: issue,
        per_page: 100,
      });
      const app = await identity();
      const found = comments.find((c) => writtenByApp(c, app) && (c.body ?? "").includes(needle));
      return found ? { id: found.id } : null;
    },
    async listOpenPulls(owner, repo) {
      return octokit.paginate(octokit.rest.pulls.list, {
        owner,
        repo,
        state: "open",
        per_page: 100,
      });
    },
    async getPull(owner, repo, number) {
      const { data } = await octokit.rest.pulls.get({ owner, repo, pull_number: number });
      return data;
    },
    async listReviews(owner, repo, number) {
      return octokit.paginate(octokit.rest.pulls.listReviews, {
        owner,
        repo,
        pull_number: number,
        per_page: 100,
      });
    },
    async listIssueEvents(owner, repo, number) {
      const events = await octokit.paginate(octokit.rest.issues.listEvents, {
        owner,
        repo,
        issue_number: number,
        per_page: 100,
      });
      return events.map((e) => ({
        event: e.event,
        created_at: e.created_at,
        requested_reviewer: "requested_reviewer" in e ? (e.requested_reviewer ?? null) : null,
        requested_team:
          "requested_team" in e && e.requested_team ? { slug: e.requested_team.slug } : null,
      }));
    },
    async listPullFiles(owner, repo, number) {
      const files = await octokit.paginate(octokit.rest.pulls.listFiles, {
        owner,
        repo,
        pull_number: number,
        per_page: 100,
      });
      return files.map((f) => f.filename);
    },
    async getFileText(owner, repo, path, ref) {
      try {
        const response = await octokit.request("GET /repos/{owner}/{repo}/contents/{path}", {
          owner,
          repo,
          path,
          ref,
          mediaType: { format: "raw" },
        });
        return typeof response.data === "string" ? response.data : null;
      } catch (error) {
        if (httpStatus(error) === 404) return null;
        throw error;
      }
    },
    async loadConfig(owner, repo, path) {
      try {
        const { config, files } = await octokit.config.get({
          owner,
          repo,
          path,
          defaults: (layers) => mergeConfigs(layers),
        });
        return { json: files.some((f) => f.config !== null) ? config : null, error: null };
      } catch (error) {
        if (error instanceof ConfigTooLarge) return { json: null, error: error.message };
        const status = httpStatus(error);
        if (status !== undefined && status >= 500) throw error;
        return {
          json: null,
          error: (error as Error).message.replace("[@probot/octokit-plugin-config] ", ""),
        };
      }
    },
    async createCheckRun(input) {
      await octokit.rest.checks.create({
        owner: input.owner,
        repo: input.repo,
        head_sha: input.headSha,
        name: input.name,
        status: "completed",
        conclusion: input.conclusion,
        output: { title: input.title, summary: input.summary },
      });
    },
    async listInstallationRepos() {
      const repos = await octokit.paginate(octokit.rest.apps.listReposAccessibleToInstallation, {
        per_page: 100,
      });
      return repos.map((r) => ({
        id: r.id,
        owner: r.owner.login,
        name: r.name,
        defaultBranch: r.default_branch,
      }));
    },
    graphql<T>(query: string, variables: Record<string, unknown>) {
      return octokit.graphql<T>(query, variables);
    },
    async openPullsChanged(owner, repo, etag) {
      try {
        const response = await octokit.request("GET /repos/{owner}/{repo}/pulls", {
          owner,
          repo,
          state: "open",
          sort: "updated",
          direction: "desc",
          per_page: 100,
          headers: etag ? { "if-none-match": etag } : {},
        });
        return { changed: true, etag: response.headers.etag ?? null };
      } catch (error) {
        if (httpStatus(error) === 304) return { changed: false, etag };
        throw error;
      }
    },
  };
}
