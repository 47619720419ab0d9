// GET /dashboard and its pages, sign-in with GitHub (OAuth web flow), sign-out, CSV downloads and
// static assets. Every page and CSV checks, per request, that the signed-in user's own GitHub
// token can see the installation and repositories it shows (asked of GitHub, cached a minute per
// session on each replica). Sessions themselves live in the store, shared by every replica.
import { randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";
import { tableCsv } from "../../dashboard/csv.js";
import {
  indexPage,
  installationPage,
  notFoundPage,
  offPage,
  signInPage,
} from "../../dashboard/html.js";
import { isTableId } from "../../dashboard/tables.js";
import type { Clock } from "../../runtime-clock.js";
import type { DashboardSettings } from "../../settings.js";
import type { ConfigCache } from "../../sla/config-cache.js";
import type { Store } from "../../store/store.js";
import { dashboardAsset } from "./assets.js";
import { FiguresCache } from "./figures.js";
import { GitHubSignInError, GitHubUserClient, githubHosts } from "./github-user.js";
import type { GitHubHosts, VisibleInstallation } from "./github-user.js";
import { pageScope, teamSlug } from "./teams.js";
import type { TeamDeps } from "./teams.js";
import {
  ACCESS_TTL_MS,
  CookieSigner,
  cookieHeader,
  readCookies,
  SESSION_COOKIE,
  SessionStore,
  STATE_COOKIE,
  STATE_TTL_SECONDS,
} from "./sessions.js";
import type { Session } from "./sessions.js";

export interface DashboardDeps {
  settings: DashboardSettings;
  production: boolean;
  /** The app's GitHub API base (undefined: github.com). */
  githubBaseUrl: string | undefined;
  store: Store;
  configs: ConfigCache;
  /** Decision time: what is breaching "now" (the demo's simulated clock). */
  clock: Clock;
  log: Logger;
  fetch?: typeof fetch;
  /** Installation clients, to refresh a team's members when the store's cache is stale. */
  github?: TeamDeps["github"];
}

/** Per-replica memory of what each session's token can see; bounded. */
const MAX_ACCESS_ENTRIES = 10_000;

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

function securityHeaders(hosts: GitHubHosts): Record<string, string> {
  return {
    "content-security-policy":
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
      `connect-src 'self'; form-action 'self' ${hosts.web}; base-uri 'none'; frame-ancestors 'none'`,
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
  };
}

function send(
  res: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string | string[]>,
): void {
  res.writeHead(status, { "cache-control": "no-store", ...headers });
  res.end(body);
}

async function serveAsset(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
  const asset = dashboardAsset(name);
  if (!asset) return send(res, 404, "Not Found", { "content-type": "text/plain" });
  const { type, body, gzipped } = await asset;
  const gzip = /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
  res.writeHead(200, {
    "content-type": type,
    "cache-control": "public, max-age=3600",
    "x-content-type-options": "nosniff",
    vary: "accept-encoding",
    ...(gzip ? { "content-encoding": "gzip" } : {}),
  });
  res.end(gzip ? gzipped : body);
}

/** The handler for every /dashboard path; answers false for any other path. */
export function dashboardHandler(deps: DashboardDeps): Handler {
  const hosts = githubHosts(deps.githubBaseUrl);
  const headers = { "content-type": "text/html; charset=utf-8", ...securityHeaders(hosts) };
  const oauth = deps.settings.oauth;
  const secret = deps.settings.sessionSecret ?? randomBytes(32).toString("hex");
  const signer = new CookieSigner(secret);
  const sessions = new SessionStore(
    deps.store.dashboardSessions,
    secret,
    deps.settings.sessionHours * 3_600_000,
  );
  const access = new Map<string, { at: number; installations: VisibleInstallation[] }>();
  const github = oauth ? new GitHubUserClient(hosts, oauth, deps.fetch) : null;
  const figures = new FiguresCache({
    store: deps.store,
    configs: deps.configs,
    githubWebUrl: hosts.web,
  });
  const secure = deps.production;
  const teamDeps = {
    configs: deps.configs,
    store: deps.store,
    clock: deps.clock,
    log: deps.log,
    ...(deps.github ? { github: deps.github } : {}),
  };
  const log = deps.log.child({ name: "dashboard" });

  const redirect = (res: ServerResponse, to: string, cookies: string[] = []) =>
    send(res, 302, "", { ...headers, location: to, "set-cookie": cookies });
  const callbackUrl = (req: IncomingMessage) =>
    `${deps.settings.publicUrl ?? `http://${req.headers.host ?? "localhost"}`}/dashboard/callback`;

  const sessionOf = (req: IncomingMessage): Promise<Session | null> =>
    sessions.get(signer.verify(readCookies(req).get(SESSION_COOKIE)));

  async function visible(session: Session) {
    if (!github) return [];
    const now = Date.now();
    const known = access.get(session.idHash);
    if (known && now - known.at <= ACCESS_TTL_MS) return known.installations;
    const installations = await github.visibleInstallations(session.token);
    if (access.size >= MAX_ACCESS_ENTRIES) access.clear();
    access.set(session.idHash, { at: now, installations });
    return installations;
  }

  /** The installation's tracked repositories this user can see; null when it is not theirs. */
  async function repositoriesFor(session: Session, installationId: number) {
    const theirs = (await visible(session)).find((i) => i.id === installationId);
    if (!theirs) return null;
    const installation = await deps.store.repos.getInstallation(installationId);
    if (!installation || installation.deletedAt !== null) return null;
    const ids = new Set(theirs.repositoryIds);
    const tracked = await deps.store.repos.list(installationId);
    const repositories = tracked
      .filter((r) => ids.has(r.id))
      .sort((a, b) => `${a.owner}/${a.name}`.localeCompare(`${b.owner}/${b.name}`));
    return { installation, account: installation.accountLogin, tracked, repositories };
  }

  function login(req: IncomingMessage, res: ServerResponse) {
    if (!github) return send(res, 404, offPage(), headers);
    const state = randomBytes(18).toString("base64url");
    const cookie = cookieHeader(STATE_COOKIE, signer.sign(state), {
      maxAgeSeconds: STATE_TTL_SECONDS,
      secure,
    });
    redirect(res, github.authorizeUrl(callbackUrl(req), state), [cookie]);
  }

  async function callback(req: IncomingMessage, res: ServerResponse, url: URL) {
    if (!github) return send(res, 404, offPage(), headers);
    const expected = signer.verify(readCookies(req).get(STATE_COOKIE));
    const given = url.searchParams.get("state") ?? "";
    const clearState = cookieHeader(STATE_COOKIE, "", { maxAgeSeconds: 0, secure });
    const matches =
      expected !== null &&
      expected.length === given.length &&
      timingSafeEqual(Buffer.from(expected), Buffer.from(given));
    const code = url.searchParams.get("code");
    if (!matches || !code) {
      log.warn({ reason: matches ? "no code" : "state mismatch" }, "dashboard.sign_in_refused");
      return send(
        res,
        400,
        signInPage("That sign-in link was not started here or has expired. Please sign in again."),
        {
          ...headers,
          "set-cookie": [clearState],
        },
      );
    }
    try {
      const token = await github.exchangeCode(code, callbackUrl(req));
      const session = await sessions.create(await github.login(token), token);
      log.info({ login: session.login }, "dashboard.signed_in");
      const cookie = cookieHeader(SESSION_COOKIE, signer.sign(session.id), {
        maxAgeSeconds: deps.settings.sessionHours * 3600,
        secure,
      });
      redirect(res, "/dashboard", [cookie, clearState]);
    } catch (error) {
      if (!(error instanceof GitHubSignInError)) throw error;
      log.warn({ reason: error.message }, "dashboard.sign_in_failed");
      send(res, 400, signInPage(`${error.message}. Please sign in again.`), {
        ...headers,
        "set-cookie": [clearState],
      });
    }
  }

  async function pages(req: IncomingMessage, res: ServerResponse, url: URL, session: Session) {
    const path = url.pathname.replace(/\/+$/, "");
    if (path === "/dashboard") {
      const links = [];
      for (const i of await visible(session)) {
        const found = await repositoriesFor(session, i.id);
        if (found && found.repositories.length > 0)
          links.push({ id: i.id, account: found.account, repositories: found.repositories.length });
      }
      return send(res, 200, indexPage(session.login, links), headers);
    }
    const match = /^\/dashboard\/(\d+)(?:\/([a-z-]+)\.csv)?$/.exec(path);
    const notFound = () => send(res, 404, notFoundPage(), headers);
    if (!match) return notFound();
    const installationId = Number(match[1]);
    const found = await repositoriesFor(session, installationId);
    if (!found) return notFound();
    const installation = { row: found.installation, tracked: found.tracked };
    const scope = await pageScope(teamDeps, installation, found.repositories, url.searchParams);
    if (!scope) return notFound();
    const page = await figures.get(scope.figures, deps.clock.now());
    const csvHref = (table: string) => `/dashboard/${installationId}/${table}.csv${scope.query}`;
    const tableId = match[2];
    if (tableId !== undefined) {
      const table = isTableId(tableId) ? page.tables.find((t) => t.id === tableId) : undefined;
      if (!table) return notFound();
      return send(res, 200, tableCsv(table), {
        ...securityHeaders(hosts),
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="review-sla-${installationId}-${table.id}.csv"`,
      });
    }
    const html = installationPage(
      {
        viewer: session.login,
        installationId,
        account: found.account,
        repositories: scope.offered.map((r) => `${r.owner}/${r.name}`),
        repository: scope.repository && `${scope.repository.owner}/${scope.repository.name}`,
        teams: scope.teams.map((t) => ({ slug: teamSlug(t), name: t.name })),
        team: scope.team && { slug: teamSlug(scope.team), name: scope.team.name },
        zone: page.zone,
        clockMode: page.clockMode,
        asOf: page.asOf.toUTC().toISO() ?? "",
        tables: page.tables,
      },
      csvHref,
    );
    send(res, 200, html, headers);
  }

  return async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname !== "/dashboard" && !url.pathname.startsWith("/dashboard/")) return false;
    const asset = /^\/dashboard\/assets\/([A-Za-z.]+)$/.exec(url.pathname);
    try {
      if (asset && req.method === "GET") await serveAsset(req, res, asset[1] ?? "");
      else if (!oauth) send(res, 200, offPage(), headers);
      else if (url.pathname === "/dashboard/logout" && req.method === "POST") {
        const cookies = readCookies(req);
        await sessions.end(signer.verify(cookies.get(SESSION_COOKIE)));
        redirect(res, "/dashboard/sign-in", [
          cookieHeader(SESSION_COOKIE, "", { maxAgeSeconds: 0, secure }),
        ]);
      } else if (req.method !== "GET" && req.method !== "HEAD") {
        send(res, 405, "Method Not Allowed", {
          ...headers,
          "content-type": "text/plain",
          allow: "GET",
        });
      } else if (url.pathname === "/dashboard/sign-in") send(res, 200, signInPage(null), headers);
      else if (url.pathname === "/dashboard/login") login(req, res);
      else if (url.pathname === "/dashboard/callback") await callback(req, res, url);
      else {
        const session = await sessionOf(req);
        if (!session) redirect(res, "/dashboard/sign-in");
        else await pages(req, res, url, session);
      }
    } catch (error) {
      if (error instanceof GitHubSignInError) {
        await sessions.end(signer.verify(readCookies(req).get(SESSION_COOKIE)));
        redirect(res, "/dashboard/sign-in", [
          cookieHeader(SESSION_COOKIE, "", { maxAgeSeconds: 0, secure }),
        ]);
        return true;
      }
      log.error({ err: error, path: url.pathname }, "dashboard.failed");
      if (!res.headersSent)
        send(res, 500, "The dashboard failed; see the app's log.", {
          "content-type": "text/plain",
        });
    }
    return true;
  };
}
