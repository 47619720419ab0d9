// Who the app is on GitHub (its id and bot account), so that a comment carrying one of our hidden
// markers counts as proof of an action only when the app itself wrote it, never a forgery.
import type { ProbotOctokit } from "probot";
import { z } from "zod";

export interface AppIdentity {
  appId: number;
  /** The bot account GitHub shows as the author of the app's comments: `<slug>[bot]`. */
  botLogin: string;
}

/** The identity, looked up when first needed. */
export type AppIdentitySource = () => Promise<AppIdentity>;

/** The parts of a comment (as GitHub's REST API returns it) that say who wrote it. */
export interface CommentAuthorship {
  user?: { login: string; type?: string } | null;
  performed_via_github_app?: { id: number } | null;
}

const appJson = z.object({ id: z.number().int(), slug: z.string().min(1) });

/**
 * True when the app's own bot account wrote the comment: a Bot user named `<slug>[bot]`, or a
 * Bot acting through this app. A person who authorised the app is a User, so never counts.
 */
export function writtenByApp(comment: CommentAuthorship, identity: AppIdentity): boolean {
  const user = comment.user;
  if (!user || user.type !== "Bot") return false;
  if (user.login.toLowerCase() === identity.botLogin.toLowerCase()) return true;
  return comment.performed_via_github_app?.id === identity.appId;
}

/** Remembers the first successful lookup; a failed one is tried again next time. */
export function cachedIdentity(lookup: AppIdentitySource): AppIdentitySource {
  let found: Promise<AppIdentity> | null = null;
  return () => {
    found ??= lookup().catch((error: unknown) => {
      found = null;
      throw error;
    });
    return found;
  };
}

/**
 * `GET /app` through `octokit`: an app-authenticated Octokit (Probot's installation clients
 * switch to the app's JWT for `/app` routes by themselves).
 */
export function identityFrom(octokit: ProbotOctokit): AppIdentitySource {
  return cachedIdentity(async () => {
    const { data } = await octokit.request("GET /app");
    const app = appJson.parse(data);
    return { appId: app.id, botLogin: `${app.slug}[bot]` };
  });
}
