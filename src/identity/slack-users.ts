// GitHub login → Slack user: `people.<login>.slack` first; else the public GitHub email looked
// up with Slack's `users.lookupByEmail`, cached in the store (misses too). Never guessed.
import { Duration } from "luxon";
import { findPerson } from "../config/calendar.js";
import type { RepoConfig } from "../config/schema.js";
import type { Clock } from "../runtime-clock.js";
import type { Store } from "../store/store.js";

/** What identity asks of GitHub: a user's public email, for Slack's `users.lookupByEmail`. */
export interface SlackIdentityGitHub {
  /** The user's public profile email, or null when none is public or the user is unknown. */
  publicEmail(login: string): Promise<string | null>;
}

/** What identity asks of Slack (the Slack gateway answers it). */
export interface SlackDirectory {
  /** False for an incoming webhook, which can neither message people nor look them up. */
  readonly canDirectMessage: boolean;
  lookupUserByEmail(email: string): Promise<string | null>;
}

const SLACK_USER_ID = /^[UW][A-Z0-9]{2,}$/;
/** A found user is checked again after a week, a miss after a day (an email may be added). */
export const IDENTITY_HIT_TTL = Duration.fromObject({ days: 7 });
export const IDENTITY_MISS_TTL = Duration.fromObject({ days: 1 });

export interface IdentityDeps {
  store: Store;
  clock: Clock;
  /** Null without Slack: only the config and the cache answer. */
  slack: SlackDirectory | null;
  /** Null without GitHub credentials (a preview): only the config and the cache answer. */
  github: SlackIdentityGitHub | null;
}

/** A Slack user ID; null: nobody (known); undefined: not known and could not be looked up. */
export type SlackIdentity = string | null | undefined;

/** The Slack user ID configured under `people.<login>.slack`, when well-formed. */
export function configuredSlackUser(config: RepoConfig, login: string): string | null {
  const id = findPerson(config, login)?.slack?.trim();
  return id !== undefined && SLACK_USER_ID.test(id) ? id : null;
}

async function cachedIdentity(deps: IdentityDeps, login: string): Promise<SlackIdentity> {
  const cached = await deps.store.digests.getSlackIdentity(login);
  if (!cached) return undefined;
  const ttl = cached.slackUserId === null ? IDENTITY_MISS_TTL : IDENTITY_HIT_TTL;
  return cached.checkedAt.plus(ttl) > deps.clock.now() ? cached.slackUserId : undefined;
}

/** The public GitHub email looked up in Slack, remembered (found or not) in the store. */
async function lookUpByEmail(deps: IdentityDeps, login: string): Promise<SlackIdentity> {
  if (!deps.slack?.canDirectMessage || !deps.github) return undefined;
  const email = await deps.github.publicEmail(login);
  const found = email === null ? null : await deps.slack.lookupUserByEmail(email);
  const id = found !== null && SLACK_USER_ID.test(found) ? found : null;
  await deps.store.digests.saveSlackIdentity(login, id, deps.clock.now());
  return id;
}

/** Resolves one login; lookup failures (network, rate limits) throw. */
export async function slackUserFor(
  deps: IdentityDeps,
  config: RepoConfig,
  login: string,
): Promise<SlackIdentity> {
  const known = configuredSlackUser(config, login) ?? (await cachedIdentity(deps, login));
  return known !== undefined ? known : lookUpByEmail(deps, login);
}

/**
 * Resolves many logins for a digest: at most `maxLookups` go to GitHub and Slack (the rest wait
 * for the cache to fill over later digests), and a failed lookup leaves that login unknown.
 */
export async function slackUsersFor(
  deps: IdentityDeps & { log: { warn(obj: object, msg: string): void } },
  config: RepoConfig,
  logins: readonly string[],
  maxLookups = 50,
): Promise<{ slackUsers: Map<string, string>; unmapped: string[] }> {
  const slackUsers = new Map<string, string>();
  const unmapped: string[] = [];
  let lookups = 0;
  for (const login of logins) {
    let identity = configuredSlackUser(config, login) ?? (await cachedIdentity(deps, login));
    if (identity === undefined && lookups < maxLookups) {
      lookups += 1;
      identity = await lookUpByEmail(deps, login).catch((error: unknown) => {
        deps.log.warn({ login, err: error }, "slack.identity_lookup_failed");
        return undefined;
      });
    }
    if (typeof identity === "string") slackUsers.set(login, identity);
    else unmapped.push(login);
  }
  return { slackUsers, unmapped };
}
