// Dashboard sessions: the id travels in a signed, HttpOnly, SameSite=Lax cookie; the database keeps
// only a hash of it, the login and the GitHub token sealed with AES-256-GCM under a key derived from
// SESSION_SECRET, so every replica (and the next process) reads the same sessions. A session ends
// `sessionHours` after sign-in or at sign-out; a new SESSION_SECRET ends them all.
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from "node:crypto";
import type { IncomingMessage } from "node:http";
import { DateTime } from "luxon";
import type { DashboardSessionStore } from "../../store/store.js";

export const SESSION_COOKIE = "review_sla_session";
export const STATE_COOKIE = "review_sla_oauth_state";
/** How long a sign-in may take between leaving for GitHub and coming back. */
export const STATE_TTL_SECONDS = 600;
/** What a user can see is asked of GitHub again after this long. */
export const ACCESS_TTL_MS = 60_000;
/** Expired rows deleted at each sign-in: more than one, so they never pile up. */
const PRUNE_BATCH = 100;

export interface Session {
  /** The random id the cookie carries (signed). */
  id: string;
  /** What the database keys the session by. */
  idHash: string;
  login: string;
  /** The user's GitHub token: never sent to the browser, never logged. */
  token: string;
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

/** SHA-256 of the session id: a stolen database row cannot be replayed as a cookie. */
export function sessionIdHash(id: string): string {
  return createHash("sha256").update(id).digest("base64url");
}

/** Seals and opens GitHub tokens with AES-256-GCM; the key is derived from SESSION_SECRET. */
export class TokenSealer {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = Buffer.from(
      hkdfSync("sha256", secret, "review-sla dashboard", "session token v1", 32),
    );
  }

  /** `iv.tag.ciphertext` (base64url), bound to `context` (the row's id hash). */
  seal(token: string, context: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.key, iv);
    cipher.setAAD(Buffer.from(context));
    const body = Buffer.concat([cipher.update(token, "utf8"), cipher.final()]);
    return [iv, cipher.getAuthTag(), body].map((b) => b.toString("base64url")).join(".");
  }

  /** The token; null when it was sealed under another key or context, or is malformed. */
  open(sealed: string, context: string): string | null {
    const [iv, tag, body] = sealed.split(".").map((part) => Buffer.from(part, "base64url"));
    if (!iv || !tag || !body || iv.length !== 12 || tag.length !== 16) return null;
    try {
      const decipher = createDecipheriv("aes-256-gcm", this.key, iv);
      decipher.setAAD(Buffer.from(context));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(body), decipher.final()]).toString("utf8");
    } catch {
      return null;
    }
  }
}

/** Sessions in the store. Expiry is real time (`now`), whatever clock decisions follow. */
export class SessionStore {
  private readonly sealer: TokenSealer;

  constructor(
    private readonly rows: DashboardSessionStore,
    secret: string,
    private readonly sessionMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.sealer = new TokenSealer(secret);
  }

  async create(login: string, token: string): Promise<Session> {
    const id = randomBytes(24).toString("base64url");
    const idHash = sessionIdHash(id);
    const now = DateTime.fromMillis(this.now(), { zone: "utc" });
    const rows = this.rows;
    await rows.pruneExpired(now, PRUNE_BATCH);
    await rows.create({
      idHash,
      login,
      sealedToken: this.sealer.seal(token, idHash),
      createdAt: now,
      expiresAt: now.plus({ milliseconds: this.sessionMs }),
    });
    return { id, idHash, login, token };
  }

  /** The live session for a verified cookie value; null when unknown, expired or unreadable. */
  async get(id: string | null): Promise<Session | null> {
    if (id === null) return null;
    const idHash = sessionIdHash(id);
    const row = await this.rows.get(idHash, DateTime.fromMillis(this.now(), { zone: "utc" }));
    if (!row) return null;
    const token = this.sealer.open(row.sealedToken, idHash);
    // Sealed under another SESSION_SECRET: that session is over.
    if (token === null) return null;
    return { id, idHash, login: row.login, token };
  }

  async end(id: string | null): Promise<void> {
    if (id !== null) await this.rows.delete(sessionIdHash(id));
  }
}
