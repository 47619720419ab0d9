// The stand-in GitHub's repository endpoints (`/repos/{owner}/{repo}/…`): pull requests and their
// reviews, files, commits and events; issue comments; file contents; check runs.
import { stringOf } from "./http.js";
import type { Answer, JsonRecord } from "./http.js";
import type {
  StandInApp,
  StandInCheckRun,
  StandInComment,
  StandInInstallation,
  StandInPull,
  StandInRepo,
  StandInUser,
} from "./github-types.js";

/** What the routes read and change; the stand-in GitHub owns it. */
export interface RepositoryState {
  readonly pulls: Map<string, StandInPull[]>;
  readonly comments: Map<string, StandInComment[]>;
  readonly checkRuns: StandInCheckRun[];
  readonly installations: StandInInstallation[];
  /** The app whose bot account writes every comment created through the API. */
  readonly app: StandInApp;
  comment(id: number): StandInComment | undefined;
  newId(): number;
}

export interface RepositoryRequest {
  method: string;
  repo: StandInRepo;
  /** The path after `/repos/{owner}/{repo}`. */
  rest: string;
  query: URLSearchParams;
  body: JsonRecord | null;
}

const ok = (body: unknown): Answer => ({ status: 200, body });

export function repoJson(repo: StandInRepo): JsonRecord {
  return {
    id: repo.id,
    name: repo.name,
    full_name: `${repo.owner}/${repo.name}`,
    owner: { login: repo.owner, type: "Organization" },
    default_branch: repo.defaultBranch ?? "main",
    private: false,
  };
}

function pullRoute(state: RepositoryState, req: RepositoryRequest): Answer {
  const { method, repo, rest } = req;
  const pulls = state.pulls.get(`${repo.owner}/${repo.name}`) ?? [];
  if (method === "GET" && rest === "/pulls") {
    const wanted = req.query.get("state") ?? "open";
    return ok(pulls.filter((p) => wanted === "all" || p.state === wanted));
  }
  const m = /^\/(pulls|issues)\/(\d+)(\/[a-z]+)?$/.exec(rest);
  if (method !== "GET" || !m) return null;
  const pull = pulls.find((p) => p.number === Number(m[2]));
  // Lists for a pull request the stand-in does not hold are empty: a test arranges only what it reads.
  switch (`${m[1]}${m[3] ?? ""}`) {
    case "pulls":
      return pull ? ok(pull) : null;
    case "pulls/reviews":
      return ok(pull?.reviews ?? []);
    case "pulls/files":
      return ok((pull?.files ?? []).map((filename) => ({ filename, status: "modified" })));
    case "pulls/commits":
      return ok((pull?.commits ?? []).map((c) => ({ sha: c.sha, commit: { message: c.message } })));
    case "issues/events":
      return ok(pull?.events ?? []);
    default:
      return null;
  }
}

/** The bot account GitHub shows as the author of an app's comments: `<slug>[bot]`. */
export function botUser(app: StandInApp): StandInUser {
  return { login: `${app.slug}[bot]`, type: "Bot" };
}

/** A comment as GitHub stores it; `author` null means the app's own bot wrote it. */
export function newComment(
  state: RepositoryState,
  fullName: string,
  issue: number,
  body: string,
  author: StandInUser | null,
): StandInComment {
  const id = state.newId();
  return {
    id,
    body,
    user: author ?? botUser(state.app),
    performed_via_github_app: author === null ? { ...state.app } : null,
    html_url: `https://github.example/${fullName}/pull/${issue}#issuecomment-${id}`,
  };
}

function commentRoute(state: RepositoryState, req: RepositoryRequest): Answer {
  const { method, repo, rest, body } = req;
  let m: RegExpExecArray | null;
  if ((m = /^\/issues\/comments\/(\d+)$/.exec(rest))) {
    const comment = state.comment(Number(m[1]));
    if (!comment) return null;
    const text = stringOf(body?.body);
    if (method === "PATCH" && text !== undefined) comment.body = text;
    return method === "GET" || method === "PATCH" ? ok(comment) : null;
  }
  if (!(m = /^\/issues\/(\d+)\/comments$/.exec(rest))) return null;
  const fullName = `${repo.owner}/${repo.name}`;
  const key = `${fullName}#${m[1]}`;
  const list = state.comments.get(key) ?? [];
  if (method === "GET") return ok(list);
  if (method !== "POST") return null;
  // As on GitHub, a comment created with an installation token is authored by the app's bot.
  const comment = newComment(state, fullName, Number(m[1]), stringOf(body?.body) ?? "", null);
  state.comments.set(key, [...list, comment]);
  return { status: 201, body: comment };
}

function checkRunRoute(state: RepositoryState, req: RepositoryRequest): Answer {
  const { method, repo, rest, body } = req;
  const fullName = `${repo.owner}/${repo.name}`;
  if (method === "POST" && rest === "/check-runs") {
    const run = { ...body, id: state.newId() };
    state.checkRuns.push({ repo: fullName, body: run });
    return { status: 201, body: run };
  }
  const m = /^\/check-runs\/(\d+)$/.exec(rest);
  if (method !== "PATCH" || !m) return null;
  const run = state.checkRuns.find((r) => r.repo === fullName && r.body.id === Number(m[1]));
  if (!run) return null;
  Object.assign(run.body, body);
  return ok(run.body);
}

function installationOf(state: RepositoryState, repo: StandInRepo): JsonRecord {
  const first = state.installations[0];
  return {
    id: first?.id ?? 1,
    account: first?.account ?? { login: repo.owner, type: "Organization" },
  };
}

/** Answers one request under `/repos/{owner}/{repo}`; null when the stand-in has no such route. */
export function routeRepository(state: RepositoryState, req: RepositoryRequest): Answer {
  const { method, repo, rest } = req;
  if (method === "GET" && rest === "") return ok(repoJson(repo));
  if (method === "GET" && rest === "/installation") return ok(installationOf(state, repo));
  const m = /^\/contents\/(.+)$/.exec(rest);
  if (method === "GET" && m) {
    const text = repo.files?.[decodeURIComponent(m[1] ?? "")];
    return text === undefined ? null : { status: 200, body: text };
  }
  return pullRoute(state, req) ?? commentRoute(state, req) ?? checkRunRoute(state, req);
}
