// Co-authors named in commit trailers, as GitHub logins: people who wrote part of a pull request
// are never asked to review it. Only GitHub's no-reply addresses name a login reliably.
const TRAILER = /^[ \t]*co-authored-by:[^<\r\n]*<([^>\r\n]+)>/gim;
// `12345+login@users.noreply.github.com`, or the older `login@users.noreply.github.com`.
const NOREPLY = /^(?:\d+\+)?([a-z0-9](?:[a-z0-9-]{0,38}))@users\.noreply\.github\.com$/i;

/** Lowercase logins from `Co-authored-by:` trailers with a GitHub no-reply address, in order. */
export function coAuthorLogins(messages: readonly string[]): string[] {
  const logins = new Set<string>();
  for (const message of messages) {
    for (const match of message.matchAll(TRAILER)) {
      const login = NOREPLY.exec((match[1] ?? "").trim())?.[1];
      if (login !== undefined) logins.add(login.toLowerCase());
    }
  }
  return [...logins];
}
