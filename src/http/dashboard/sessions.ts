// Dashboard sessions: the id travels in a signed, HttpOnly, SameSite=Lax cookie; the GitHub token
// stays on the server, in memory. A session ends `sessionHours` after sign-in, at sign-out, or
// when the process restarts (sign in again).
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { VisibleInstallation } from "./github-user.js";

export const SESSION_COOKIE = "review_sla_session";
export const STATE_COOKIE = "review_sla_oauth_state";
/** How long a sign-in may take between leaving for GitHub and coming back. */
export const STATE_TTL_SECONDS = 600;
/** What a user can see is asked of GitHub again after this long. */
export const ACCESS_TTL_MS = 60_000;
const MAX_SESSIONS = 10_000;

export interface Session {
  id: string;
  login: string;
  /** The user's GitHub token: never sent to the browser. */
  token: string;
  expiresAt: number;
  access: { at: number; installations: VisibleInstallation[] } | null;
}

export function readCookies(req: IncomingMessage): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0) cookies.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return cookies;
}

export class CookieSigner {
  constructor(private readonly secret: string) {}

  sign(value: string): string {
    return `${value}.${this.mac(value)}`;
  }

  /** The value when the signature is ours; null otherwise. */
  verify(signed: string | undefined): string | null {
    if (signed === undefined) return null;
    const dot = signed.lastIndexOf(".");
    if (dot <= 0) return null;
    const value = signed.slice(0, dot);
    const given = Buffer.from(signed.slice(dot + 1));
    const expected = Buffer.from(this.mac(value));
    return given.length === expected.length && timingSafeEqual(given, expected) ? value : null;
  }

  private mac(value: string): string {
    return createHmac("sha256", this.secret).update(value).digest("base64url");
  }
}

export function cookieHeader(
  name: string,
  value: string,
  options: { maxAgeSeconds: number; secure: boolean },
): string {
  const secure = options.secure ? "; Secure" : "";
  return `${name}=${value}; Path=/dashboard; HttpOnly; SameSite=Lax; Max-Age=${options.maxAgeSeconds}${secure}`;
}

export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly sessionMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  create(login: string, token: string): Session {
    this.prune();
    const session: Session = {
      id: randomBytes(24).toString("base64url"),
      login,
      token,
      expiresAt: this.now() + this.sessionMs,
      access: null,
    };
    this.sessions.set(session.id, session);
    return session;
  }

  get(id: string | null): Session | null {
    if (id === null) return null;
    const session = this.sessions.get(id);
    if (!session) return null;
    if (session.expiresAt <= this.now()) {
      this.sessions.delete(id);
      return null;
    }
    return session;
  }

  end(id: string | null): void {
    if (id !== null) this.sessions.delete(id);
  }

  private prune(): void {
    const now = this.now();
    for (const [id, s] of this.sessions) if (s.expiresAt <= now) this.sessions.delete(id);
    // Never unbounded: the oldest sessions go first.
    while (this.sessions.size >= MAX_SESSIONS) {
      const oldest = this.sessions.keys().next().value;
      if (oldest === undefined) break;
      this.sessions.delete(oldest);
    }
  }
}
