// A stand-in for GitHub's REST API on 127.0.0.1: enough endpoints for review-sla, with state a
// test can arrange and every request recorded so a test can prove what was (not) called.
import { createHash } from "node:crypto";
import { createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { FakeAssignmentApi } from "./fake-assignment.js";
import { FakeImportApi } from "./fake-import.js";

export interface RecordedRequest {
  method: string;
  path: string;
  body: unknown;
}

export interface FakeRepo {
  id: number;
  owner: string;
  name: string;
  defaultBranch?: string;
  /** Files on the default branch (path -> text), e.g. ".github/review-sla.yml". */
  files?: Record<string, string>;
}

export interface FakePull {
  id: number;
  number: number;
  title: string;
  user: { login: string; type: string };
  draft: boolean;
  state: "open" | "closed";
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  merged_at: string | null;
  labels: { name: string }[];
  head: { sha: string; ref: string };
  additions: number;
  deletions: number;
  changed_files: number;
  requested_reviewers: { login: string }[];
  requested_teams: { slug: string }[];
  files?: string[];
  body?: string | null;
  commits?: { sha: string; message: string }[];
  reviews?: { id: number; user: { login: string }; state: string; submitted_at: string }[];
  events?: {
    event: string;
    created_at: string;
    requested_reviewer?: { login: string };
    requested_team?: { slug: string };
  }[];
}

interface Failure {
  method: string;
  path: RegExp;
  status: number;
  headers: Record<string, string>;
  times: number;
}

export class FakeGitHub {
  readonly requests: RecordedRequest[] = [];
  readonly repos = new Map<string, FakeRepo>();
  readonly pulls = new Map<string, FakePull[]>();
  readonly comments = new Map<string, { id: number; body: string; user: { login: string } }[]>();
  readonly checkRuns: { repo: string; body: Record<string, unknown> }[] = [];
  /** Review requests, teams and user status (reviewer assignment). */
  readonly assignment = new FakeAssignmentApi(this.pulls, this.requests);
  /** GraphQL imports of open pull requests. */
  readonly imports = new FakeImportApi(this.pulls);
  installations: {
    id: number;
    account: { login: string; type: string };
    suspended_at: string | null;
  }[] = [];
  private readonly failures: Failure[] = [];
  private readonly hangs: { method: string; path: RegExp; times: number }[] = [];
  private nextId = 9000;
  private server: Server | null = null;
  port = 0;

  get host(): string {
    return `127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  addRepo(repo: FakeRepo): void {
    this.repos.set(`${repo.owner}/${repo.name}`, repo);
    if (!this.pulls.has(`${repo.owner}/${repo.name}`))
      this.pulls.set(`${repo.owner}/${repo.name}`, []);
  }

  addPull(fullName: string, pull: FakePull): void {
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
  comment(id: number): { id: number; body: string } | undefined {
    for (const list of this.comments.values()) {
      const found = list.find((c) => c.id === id);
      if (found) return found;
    }
    return undefined;
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

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const body: unknown = raw ? JSON.parse(raw) : null;
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const path = url.pathname.replace(/^\/api\/v3/, "");
    const method = req.method ?? "GET";
    this.requests.push({ method, path, body });
    const failure = this.failures.find(
      (f) => f.method === method && f.path.test(path) && f.times > 0,
    );
    if (failure) {
      failure.times -= 1;
      return this.send(
        res,
        failure.status,
        { message: `injected ${failure.status}` },
        failure.headers,
      );
    }
    const answer = this.route(
      method,
      path,
      url.searchParams,
      body as Record<string, unknown> | null,
    );
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
    if (method === "GET" && answer.status === 200) {
      // Conditional requests, as GitHub answers them: 304 when the ETag still matches.
      const etag = `"${createHash("sha1").update(JSON.stringify(answer.body)).digest("hex")}"`;
      if (req.headers["if-none-match"] === etag) {
        res.writeHead(304, { etag });
        res.end();
        return;
      }
      return this.send(res, 200, answer.body, { etag });
    }
    this.send(res, answer.status, answer.body);
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

  private repoJson(repo: FakeRepo) {
    return {
      id: repo.id,
      name: repo.name,
      full_name: `${repo.owner}/${repo.name}`,
      owner: { login: repo.owner, type: "Organization" },
      default_branch: repo.defaultBranch ?? "main",
      private: false,
    };
  }

  private route(
    method: string,
    path: string,
    query: URLSearchParams,
    body: Record<string, unknown> | null,
  ): { status: number; body: unknown } | null {
    let m: RegExpExecArray | null;
    if (method === "POST" && (m = /^\/app\/installations\/(\d+)\/access_tokens$/.exec(path))) {
      return {
        status: 201,
        body: {
          token: `ghs_fake_${m[1]}`,
          expires_at: new Date(Date.now() + 3_600_000).toISOString(),
          permissions: {},
          repository_selection: "all",
        },
      };
    }
    if (method === "GET" && path === "/app/installations")
      return { status: 200, body: this.installations };
    if (method === "GET" && path === "/installation/repositories") {
      const repositories = [...this.repos.values()].map((r) => this.repoJson(r));
      return { status: 200, body: { total_count: repositories.length, repositories } };
    }
    const imported = this.imports.route(method, path, body);
    if (imported) return imported;
    const assigned = this.assignment.route(method, path, body);
    if (assigned) return assigned;
    if (!(m = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(path))) return null;
    const fullName = `${m[1]}/${m[2]}`;
    const repo = this.repos.get(fullName);
    if (!repo) return null;
    return this.repoRoute(method, repo, m[3] ?? "", query, body);
  }

  private repoRoute(
    method: string,
    repo: FakeRepo,
    rest: string,
    query: URLSearchParams,
    body: Record<string, unknown> | null,
  ): { status: number; body: unknown } | null {
    const fullName = `${repo.owner}/${repo.name}`;
    const pulls = this.pulls.get(fullName) ?? [];
    const pull = (n: string | undefined) => pulls.find((p) => p.number === Number(n));
    let m: RegExpExecArray | null;
    if (method === "GET" && rest === "") return { status: 200, body: this.repoJson(repo) };
    if (method === "GET" && rest === "/installation")
      return {
        status: 200,
        body: {
          id: this.installations[0]?.id ?? 1,
          account: this.installations[0]?.account ?? { login: repo.owner, type: "Organization" },
        },
      };
    if (method === "GET" && rest === "/pulls") {
      const state = query.get("state") ?? "open";
      return { status: 200, body: pulls.filter((p) => state === "all" || p.state === state) };
    }
    if (method === "GET" && (m = /^\/pulls\/(\d+)$/.exec(rest)))
      return pull(m[1]) ? { status: 200, body: pull(m[1]) } : null;
    if (method === "GET" && (m = /^\/pulls\/(\d+)\/reviews$/.exec(rest)))
      return { status: 200, body: pull(m[1])?.reviews ?? [] };
    if (method === "GET" && (m = /^\/pulls\/(\d+)\/files$/.exec(rest))) {
      return {
        status: 200,
        body: (pull(m[1])?.files ?? []).map((filename) => ({ filename, status: "modified" })),
      };
    }
    if (method === "GET" && (m = /^\/pulls\/(\d+)\/commits$/.exec(rest))) {
      const commits = pull(m[1])?.commits ?? [];
      return {
        status: 200,
        body: commits.map((c) => ({ sha: c.sha, commit: { message: c.message } })),
      };
    }
    if ((m = /^\/issues\/comments\/(\d+)$/.exec(rest))) {
      const comment = this.comment(Number(m[1]));
      if (!comment) return null;
      if (method === "PATCH" && typeof body?.body === "string") comment.body = body.body;
      return method === "GET" || method === "PATCH" ? { status: 200, body: comment } : null;
    }
    if (method === "GET" && (m = /^\/issues\/(\d+)\/events$/.exec(rest)))
      return { status: 200, body: pull(m[1])?.events ?? [] };
    if ((m = /^\/issues\/(\d+)\/comments$/.exec(rest))) {
      const key = `${fullName}#${m[1]}`;
      const list = this.comments.get(key) ?? [];
      if (method === "GET") return { status: 200, body: list };
      if (method === "POST") {
        const comment = {
          id: (this.nextId += 1),
          body: typeof body?.body === "string" ? body.body : "",
          user: { login: "review-sla[bot]" },
          html_url: `https://github.example/${fullName}/pull/${m[1]}#issuecomment-${this.nextId}`,
        };
        this.comments.set(key, [...list, comment]);
        return { status: 201, body: comment };
      }
    }
    if (method === "GET" && (m = /^\/contents\/(.+)$/.exec(rest))) {
      const text = repo.files?.[decodeURIComponent(m[1] ?? "")];
      return text === undefined ? null : { status: 200, body: text };
    }
    if (method === "POST" && rest === "/check-runs") {
      const run = { ...body, id: (this.nextId += 1) };
      this.checkRuns.push({ repo: fullName, body: run });
      return { status: 201, body: run };
    }
    if (method === "PATCH" && (m = /^\/check-runs\/(\d+)$/.exec(rest))) {
      const run = this.checkRuns.find((r) => r.repo === fullName && r.body.id === Number(m?.[1]));
      if (!run) return null;
      Object.assign(run.body, body);
      return { status: 200, body: run.body };
    }
    return null;
  }
}
