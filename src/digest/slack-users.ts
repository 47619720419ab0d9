// Maps GitHub logins to Slack users for mentions. Logins compare case-insensitively (as GitHub
// does), and only well-formed Slack user IDs are used, so a bad mapping can never inject text.
const SLACK_USER_ID = /^[UW][A-Z0-9]{2,}$/;

export type SlackDirectory = (login: string) => string | null;

/** A lookup over `slackUsers` that answers null for unknown logins and malformed IDs. */
export function slackDirectory(slackUsers: ReadonlyMap<string, string>): SlackDirectory {
  const byLogin = new Map<string, string>();
  for (const [login, id] of slackUsers) {
    const trimmed = id.trim();
    if (SLACK_USER_ID.test(trimmed)) byLogin.set(login.toLowerCase(), trimmed);
  }
  return (login) => byLogin.get(login.toLowerCase()) ?? null;
}

/** The logins, each once (case-insensitively, first spelling kept), sorted. */
export function uniqueLogins(logins: Iterable<string>): string[] {
  const seen = new Map<string, string>();
  for (const login of logins) {
    const key = login.toLowerCase();
    if (!seen.has(key)) seen.set(key, login);
  }
  return [...seen.values()].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
}
