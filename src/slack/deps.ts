// What the Slack executors are handed: the store, the clock, configs, and the few GitHub calls
// Slack identity and the digest need (the installation client has them).
import type { Logger } from "pino";
import type { Clock } from "../runtime-clock.js";
import type { ConfigCache } from "../sla/config-cache.js";
import type { Store } from "../store/store.js";
import type { SlackIdentityGitHub } from "../identity/slack-users.js";

export interface SlackGitHub extends SlackIdentityGitHub {
  /** A team's members, or null when the team is not found or not readable. */
  listTeamMembers(org: string, slug: string): Promise<string[] | null>;
}

export interface SlackDeps {
  store: Store;
  clock: Clock;
  log: Logger;
  configs: ConfigCache;
  /** An authenticated client for one installation. */
  github: (installationId: number) => Promise<SlackGitHub>;
}
