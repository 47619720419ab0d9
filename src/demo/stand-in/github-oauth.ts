// The stand-in GitHub's web sign-in (OAuth web flow) and the user-to-server endpoints the
// dashboard asks: who the user is, which installations and repositories their token can see.
import { randomBytes } from "node:crypto";
import type { Answer, JsonRecord } from "./http.js";
import { stringOf } from "./http.js";

/** A person who can sign in, and what GitHub would let their token see. */
export interface StandInOAuthUser {
  login: string;
  id: number;
  /** Installation id → full names ("owner/name") of the repositories visible to this user. */
  access: Record<number, string[]>;
}

interface Grant {
  login: string;
  clientId: string;
  redirectUri: string;
}

export interface OAuthRepoLookup {
  repoJson(fullName: string): JsonRecord | null;
  installationJson(id: number): JsonRecord | null;
}

export class StandInOAuthApi {
  readonly users = new Map<string, StandInOAuthUser>();
  /** Who approves the next authorization (GitHub's signed-in browser user). */
  signedInAs: string | null = null;
  /** The App's OAuth credentials; the token exchange checks them. */
  clientId = "Iv1.standin";
  clientSecret = "standin-client-secret";
  private readonly codes = new Map<string, Grant>();
  private readonly tokens = new Map<string, string>();

  constructor(private readonly lookup: OAuthRepoLookup) {}

  addUser(user: StandInOAuthUser): void {
    this.users.set(user.login.toLowerCase(), user);
    this.signedInAs ??= user.login;
  }

  /** `GET /login/oauth/authorize`: the user approves at once and is sent back with a code. */
  authorize(query: URLSearchParams): { redirect: string } | { status: number; body: string } {
    const clientId = query.get("client_id") ?? "";
    const redirectUri = query.get("redirect_uri") ?? "";
    const user =
      this.signedInAs === null ? undefined : this.users.get(this.signedInAs.toLowerCase());
    if (clientId !== this.clientId) return { status: 404, body: "unknown client_id" };
    if (!/^http:\/\/127\.0\.0\.1:\d+\//.test(redirectUri))
      return { status: 400, body: "redirect_uri must be on 127.0.0.1" };
    if (!user) return { status: 403, body: "nobody is signed in to the stand-in GitHub" };
    const code = randomBytes(10).toString("hex");
    this.codes.set(code, { login: user.login, clientId, redirectUri });
    const back = new URL(redirectUri);
    back.searchParams.set("code", code);
    back.searchParams.set("state", query.get("state") ?? "");
    return { redirect: back.toString() };
  }

  /** `POST /login/oauth/access_token` and the `/user*` endpoints; null for other routes. */
  route(method: string, path: string, body: JsonRecord | null, authorization: string): Answer {
    if (method === "POST" && path === "/login/oauth/access_token") return this.exchange(body);
    if (method !== "GET" || !path.startsWith("/user")) return null;
    const login = this.tokens.get(authorization.replace(/^(token|bearer) /i, ""));
    const user = login === undefined ? undefined : this.users.get(login.toLowerCase());
    if (!user) return { status: 401, body: { message: "Bad credentials" } };
    if (path === "/user") return { status: 200, body: { login: user.login, id: user.id } };
    if (path === "/user/installations") {
      const installations = Object.keys(user.access)
        .map((id) => this.lookup.installationJson(Number(id)))
        .filter((i) => i !== null);
      return { status: 200, body: { total_count: installations.length, installations } };
    }
    const repos = /^\/user\/installations\/(\d+)\/repositories$/.exec(path);
    if (!repos) return null;
    const names = user.access[Number(repos[1])];
    if (names === undefined) return { status: 404, body: { message: "Not Found" } };
    const repositories = names.map((n) => this.lookup.repoJson(n)).filter((r) => r !== null);
    return { status: 200, body: { total_count: repositories.length, repositories } };
  }

  private exchange(body: JsonRecord | null): Answer {
    const code = stringOf(body?.code) ?? "";
    const grant = this.codes.get(code);
    this.codes.delete(code);
    const wrongClient =
      stringOf(body?.client_id) !== this.clientId ||
      stringOf(body?.client_secret) !== this.clientSecret;
    if (!grant || wrongClient || stringOf(body?.redirect_uri) !== grant.redirectUri) {
      return { status: 200, body: { error: "bad_verification_code" } };
    }
    const token = `ghu_standin_${randomBytes(12).toString("hex")}`;
    this.tokens.set(token, grant.login);
    return { status: 200, body: { access_token: token, token_type: "bearer", scope: "" } };
  }
}
