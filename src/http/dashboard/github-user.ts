// GitHub's OAuth web flow and user-to-server reads for the dashboard: the App's client id and
// secret exchange a code for the user's token (server side only), and that token says who the
// user is and which installations and repositories they can see.
import { z } from "zod";

export interface GitHubHosts {
  /** Web host for sign-in: https://github.com, or `<GHE_PROTOCOL>://<GHE_HOST>`. */
  web: string;
  /** REST API: https://api.github.com, or `<web>/api/v3`. */
  api: string;
}

/** The hosts from the app's API base URL (undefined: github.com). */
export function githubHosts(apiBaseUrl: string | undefined): GitHubHosts {
  if (apiBaseUrl === undefined) return { web: "https://github.com", api: "https://api.github.com" };
  return { web: apiBaseUrl.replace(/\/api\/v3\/?$/, ""), api: apiBaseUrl.replace(/\/$/, "") };
}

export interface VisibleInstallation {
  id: number;
  account: string;
  /** Repository ids the user's token can see in this installation. */
  repositoryIds: number[];
}

export class GitHubSignInError extends Error {
  override name = "GitHubSignInError";
}

const tokenAnswer = z.union([
  z.object({ access_token: z.string().min(1) }),
  z.object({ error: z.string(), error_description: z.string().optional() }),
]);
const userAnswer = z.object({ login: z.string() });
const installationsAnswer = z.object({
  installations: z.array(
    z.object({ id: z.number(), account: z.object({ login: z.string() }).nullable() }),
  ),
});
const repositoriesAnswer = z.object({
  total_count: z.number(),
  repositories: z.array(z.object({ id: z.number() })),
});

/** Pages read per list: 100 items each, so 2,000 installations or repositories at most. */
const MAX_PAGES = 20;
const TIMEOUT_MS = 10_000;

export class GitHubUserClient {
  constructor(
    private readonly hosts: GitHubHosts,
    private readonly credentials: { clientId: string; clientSecret: string },
    private readonly fetchFn: typeof fetch = fetch,
  ) {}

  authorizeUrl(redirectUri: string, state: string): string {
    const url = new URL("/login/oauth/authorize", this.hosts.web);
    url.searchParams.set("client_id", this.credentials.clientId);
    url.searchParams.set("redirect_uri", redirectUri);
    url.searchParams.set("state", state);
    url.searchParams.set("allow_signup", "false");
    return url.toString();
  }

  /** Exchanges the code from the callback for the user's token. */
  async exchangeCode(code: string, redirectUri: string): Promise<string> {
    const response = await this.fetchFn(new URL("/login/oauth/access_token", this.hosts.web), {
      method: "POST",
      headers: { accept: "application/json", "content-type": "application/json" },
      body: JSON.stringify({
        client_id: this.credentials.clientId,
        client_secret: this.credentials.clientSecret,
        code,
        redirect_uri: redirectUri,
      }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!response.ok)
      throw new GitHubSignInError(`GitHub answered ${response.status} to the code exchange`);
    const answer = tokenAnswer.parse(await response.json());
    if ("error" in answer)
      throw new GitHubSignInError(`GitHub refused the sign-in (${answer.error})`);
    return answer.access_token;
  }

  async login(token: string): Promise<string> {
    return userAnswer.parse(await this.get(token, "/user")).login;
  }

  /** Installations of this app the user can see, with the repositories they can see in each. */
  async visibleInstallations(token: string): Promise<VisibleInstallation[]> {
    const installations: VisibleInstallation[] = [];
    for (let page = 1; page <= MAX_PAGES; page += 1) {
      const { installations: batch } = installationsAnswer.parse(
        await this.get(token, `/user/installations?per_page=100&page=${page}`),
      );
      for (const i of batch) {
        installations.push({
          id: i.id,
          account: i.account?.login ?? String(i.id),
          repositoryIds: await this.repositoryIds(token, i.id),
        });
      }
      if (batch.length < 100) break;
    }
    return installations;
  }

  private async repositoryIds(token: string, installationId: number): Promise<number[]> {
    const ids: number[] = [];
    for (let page = 1; page <= MAX_PAGES; page += 1) {
      const answer = repositoriesAnswer.parse(
        await this.get(
          token,
          `/user/installations/${installationId}/repositories?per_page=100&page=${page}`,
        ),
      );
      ids.push(...answer.repositories.map((r) => r.id));
      if (answer.repositories.length < 100 || ids.length >= answer.total_count) break;
    }
    return ids;
  }

  private async get(token: string, path: string): Promise<unknown> {
    const response = await this.fetchFn(`${this.hosts.api}${path}`, {
      headers: {
        accept: "application/vnd.github+json",
        authorization: `Bearer ${token}`,
        "x-github-api-version": "2022-11-28",
      },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (response.status === 401)
      throw new GitHubSignInError("GitHub no longer accepts the sign-in");
    if (!response.ok)
      throw new Error(`GitHub answered ${response.status} to GET ${path.split("?")[0]}`);
    return response.json();
  }
}
