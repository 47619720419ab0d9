// What Slack identity asks of GitHub: a user's public email, for `users.lookupByEmail`. The
// installation client (github/user-calls.ts) answers it.

export interface SlackIdentityGitHub {
  /** The user's public profile email, or null when none is public or the user is unknown. */
  publicEmail(login: string): Promise<string | null>;
}
