// A stand-in for GitHub's REST and GraphQL API on 127.0.0.1: enough endpoints for review-sla,
// with state a scenario can arrange and every request recorded, so the demo and the tests can
// show (and prove) what the app asked of GitHub.
import { createHash } from "node:crypto";
import { createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { StandInAssignmentApi } from "./stand-in/github-assignment.js";
import { StandInCommandApi } from "./stand-in/github-commands.js";
import { StandInGraphqlApi } from "./stand-in/github-graphql.js";
import { StandInOAuthApi } from "./stand-in/github-oauth.js";
import { newComment, repoJson, routeRepository } from "./stand-in/github-repository.js";
import type { RepositoryState } from "./stand-in/github-repository.js";
import type {
  RecordedRequest,
  StandInApp,
  StandInCheckRun,
  StandInComment,
  StandInInstallation,
  StandInPull,
  StandInRepo,
  StandInUser,
} from "./stand-in/github-types.js";
import { closeServer, isRecord, listenLocally, readBody } from "./stand-in/http.js";
import type { Answer, JsonRecord } from "./stand-in/http.js";

export type * from "./stand-in/github-types.js";

interface Failure {
  method: string;
  path: RegExp;
  status: number;
  headers: Record<string, string>;
  times: number;
}

interface Hang {
  method: string;
  path: RegExp;
  times: number;
}

export class StandInGitHub implements RepositoryState {
  readonly requests: RecordedRequest[] = [];
  readonly repos = new Map<string, StandInRepo>();
  readonly pulls = new Map<string, StandInPull[]>();
  readonly comments = new Map<string, StandInComment[]>();
  readonly checkRuns: StandInCheckRun[] = [];
  /** Review requests, teams and user status (reviewer assignment). */
  readonly assignment = new StandInAssignmentApi(this.pulls, this.requests);
  /** Reactions, permissions and labels (PR commands). */
  readonly commands = new StandInCommandApi(this.pulls);
  /** GraphQL imports of open pull requests. */
  readonly imports = new StandInGraphqlApi(this.pulls);
  installations: StandInInstallation[] = [];
  /** Web sign-in (OAuth) and the user-to-server endpoints (the dashboard). */
  readonly oauth = new StandInOAuthApi({
    repoJson: (fullName) => {
      const repo = this.repos.get(fullName);
      return repo ? repoJson(repo) : null;
    },
    installationJson: (id) => {
      const found = this.installations.find((i) => i.id === id);
      return found ? { ...found, app_id: this.app.id } : null;
    },
  });
  /** The app being served (its id matches the app's APP_ID in the local app and tests). */
  readonly app: StandInApp = { id: 1, slug: "review-sla" };
  /** Awaited before a recorded request takes effect: holds it in flight (a slow GitHub). */
  onRequest: ((request: RecordedRequest) => Promise<void> | void) | null = null;
  private readonly failures: Failure[] = [];
  private readonly hangs: Hang[] = [];
  private nextId = 9000;
  private server: Server | null = null;
  port = 0;

  get host(): string {
    return `127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.port = await listenLocally(this.server);
  }

  async stop(): Promise<void> {
    await closeServer(this.server);
  }

  addRepo(repo: StandInRepo): void {
    const fullName = `${repo.owner}/${repo.name}`;
    this.repos.set(fullName, repo);
    if (!this.pulls.has(fullName)) this.pulls.set(fullName, []);
  }

  addPull(fullName: string, pull: StandInPull): void {
    this.pulls.get(fullName)?.push(pull);
  }

  /** The next `times` requests matching fail with `status` (and headers, e.g. retry-after). */
  failNext(
    method: string,
    path: RegExp,
    status: number,
    times = 1,
    headers: Record<string, string> = {},
  ): void {
    this.failures.push({ method, path, status, headers, times });
  }

  /** The next `times` matching requests take effect but are never answered (a crash mid-call). */
  hangNext(method: string, path: RegExp, times = 1): void {
    this.hangs.push({ method, path, times });
  }

  /** Requests other than authentication, e.g. to assert "no GitHub call". */
  apiCalls(): RecordedRequest[] {
    return this.requests.filter((r) => !r.path.includes("/access_tokens"));
  }

  /** A comment by id, wherever it is: e.g. to read what the app wrote. */
  comment(id: number): StandInComment | undefined {
    for (const list of this.comments.values()) {
      const found = list.find((c) => c.id === id);
      if (found) return found;
    }
    return undefined;
  }

  /** Someone other than the app comments on an issue or PR (not a recorded request). */
  addComment(fullName: string, issue: number, body: string, author: StandInUser): StandInComment {
    const key = `${fullName}#${issue}`;
    const comment = newComment(this, fullName, issue, body, author);
    this.comments.set(key, [...(this.comments.get(key) ?? []), comment]);
    return comment;
  }

  /** A person edits (or, with null, deletes) a comment on GitHub; not a recorded request. */
  changeComment(id: number, body: string | null): void {
    for (const [key, list] of this.comments) {
      if (body === null)
        this.comments.set(
          key,
          list.filter((c) => c.id !== id),
        );
      else for (const c of list) if (c.id === id) c.body = body;
    }
  }

  postedComments(): RecordedRequest[] {
    return this.requests.filter(
      (r) => r.method === "POST" && /\/issues\/\d+\/comments$/.test(r.path),
    );
  }

  newId(): number {
    return (this.nextId += 1);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const body: unknown = raw ? JSON.parse(raw) : null;
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const path = url.pathname.replace(/^\/api\/v3/, "");
    const method = req.method ?? "GET";
    if (method === "GET" && path === "/login/oauth/authorize") {
      const approved = this.oauth.authorize(url.searchParams);
      if ("redirect" in approved) res.writeHead(302, { location: approved.redirect }).end();
      else res.writeHead(approved.status, { "content-type": "text/plain" }).end(approved.body);
      return;
    }
    this.requests.push({ method, path, body });
    await this.onRequest?.({ method, path, body });
    const failure = this.failures.find(
      (f) => f.method === method && f.path.test(path) && f.times > 0,
    );
    if (failure) {
      failure.times -= 1;
      const message = { message: `injected ${failure.status}` };
      return this.send(res, failure.status, message, failure.headers);
    }
    const answer =
      this.oauth.route(
        method,
        path,
        isRecord(body) ? body : null,
        req.headers.authorization ?? "",
      ) ?? this.route(method, path, url.searchParams, isRecord(body) ? body : null);
    if (!answer) return this.send(res, 404, { message: "Not Found" });
    const hang = this.hangs.find((h) => h.method === method && h.path.test(path) && h.times > 0);
    if (hang) {
      // The request took effect on "GitHub", but its answer never comes back.
      hang.times -= 1;
      return;
    }
    if (typeof answer.body === "string") {
      res.writeHead(answer.status, { "content-type": "text/plain; charset=utf-8" });
      res.end(answer.body);
      return;
    }
    if (method === "GET" && answer.status === 200)
      return this.sendConditional(req, res, answer.body);
    this.send(res, answer.status, answer.body);
  }

  /** Conditional requests, as GitHub answers them: 304 when the ETag still matches. */
  private sendConditional(req: IncomingMessage, res: ServerResponse, body: unknown): void {
    const etag = `"${createHash("sha1").update(JSON.stringify(body)).digest("hex")}"`;
    if (req.headers["if-none-match"] === etag) {
      res.writeHead(304, { etag });
      res.end();
      return;
    }
    this.send(res, 200, body, { etag });
  }

  private send(
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ): void {
    res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
    res.end(JSON.stringify(body));
  }

  private route(
    method: string,
    path: string,
    query: URLSearchParams,
    body: JsonRecord | null,
  ): Answer {
    const token = /^\/app\/installations\/(\d+)\/access_tokens$/.exec(path);
    if (method === "POST" && token) {
      const expires = new Date(Date.now() + 3_600_000).toISOString();
      const grant = { token: `ghs_fake_${token[1]}`, expires_at: expires, permissions: {} };
      return { status: 201, body: { ...grant, repository_selection: "all" } };
    }
    if (method === "GET" && path === "/app")
      return { status: 200, body: { ...this.app, name: this.app.slug, owner: null } };
    if (method === "GET" && path === "/app/installations")
      return { status: 200, body: this.installations };
    if (method === "GET" && path === "/installation/repositories") {
      const repositories = [...this.repos.values()].map(repoJson);
      return { status: 200, body: { total_count: repositories.length, repositories } };
    }
    const answer =
      this.imports.route(method, path, body) ??
      this.assignment.route(method, path, body) ??
      this.commands.route(method, path, body);
    if (answer) return answer;
    const m = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(path);
    const repo = m ? this.repos.get(`${m[1]}/${m[2]}`) : undefined;
    if (!m || !repo) return null;
    return routeRepository(this, { method, repo, rest: m[3] ?? "", query, body });
  }
}
