// The GitHub calls reviewer assignment adds to the installation client: review requests, team
// members and user status (`InstallationGitHub` includes them).
import type { ProbotOctokit } from "probot";
import { statusOf } from "../outbox/failures.js";

export interface ReviewerSet {
  users: string[];
  /** Team slugs (the PR's organisation is implied). */
  teams: string[];
}

export interface AssignmentGitHub {
  /** Who is requested right now. */
  listRequestedReviewers(owner: string, repo: string, number: number): Promise<ReviewerSet>;
  requestReviewers(owner: string, repo: string, number: number, who: ReviewerSet): Promise<void>;
  removeRequestedReviewers(
    owner: string,
    repo: string,
    number: number,
    who: ReviewerSet,
  ): Promise<void>;
  /** A team's members, or null when the team is not found or not readable (404/403). */
  listTeamMembers(org: string, slug: string): Promise<string[] | null>;
  /**
   * Logins (lowercase) whose GitHub status says "busy" (limited availability). Users GitHub does
   * not answer for are left out; a failed query throws.
   */
  busyUsers(logins: readonly string[]): Promise<Set<string>>;
}

function field(value: unknown, name: string): unknown {
  return typeof value === "object" && value !== null && name in value
    ? (value as Record<string, unknown>)[name]
    : undefined;
}

/** A 403 that is a rate limit (retry later), not a missing permission. */
function isRateLimit(error: unknown): boolean {
  const headers = field(field(error, "response"), "headers");
  return (
    field(headers, "retry-after") !== undefined ||
    String(field(headers, "x-ratelimit-remaining")) === "0"
  );
}

const STATUS_FIELDS = "status { indicatesLimitedAvailability }";

/** One query for everyone: `u0: user(login: $u0) { status { … } }`, logins as variables. */
function statusQuery(count: number): string {
  const indexes = Array.from({ length: count }, (_, i) => i);
  const variables = indexes.map((i) => `$u${i}: String!`).join(", ");
  const fields = indexes.map((i) => `u${i}: user(login: $u${i}) { ${STATUS_FIELDS} }`);
  return `query(${variables}) { ${fields.join(" ")} }`;
}

function busyFrom(data: unknown, logins: readonly string[]): Set<string> {
  const busy = new Set<string>();
  logins.forEach((login, i) => {
    const status = field(field(data, `u${i}`), "status");
    if (field(status, "indicatesLimitedAvailability") === true) busy.add(login.toLowerCase());
  });
  return busy;
}

export function assignmentCalls(octokit: ProbotOctokit): AssignmentGitHub {
  return {
    async listRequestedReviewers(owner, repo, number) {
      const { data } = await octokit.rest.pulls.listRequestedReviewers({
        owner,
        repo,
        pull_number: number,
      });
      return { users: data.users.map((u) => u.login), teams: data.teams.map((t) => t.slug) };
    },
    async requestReviewers(owner, repo, number, who) {
      await octokit.rest.pulls.requestReviewers({
        owner,
        repo,
        pull_number: number,
        reviewers: who.users,
        team_reviewers: who.teams,
      });
    },
    async removeRequestedReviewers(owner, repo, number, who) {
      await octokit.rest.pulls.removeRequestedReviewers({
        owner,
        repo,
        pull_number: number,
        reviewers: who.users,
        team_reviewers: who.teams,
      });
    },
    async listTeamMembers(org, slug) {
      try {
        const members = await octokit.paginate(octokit.rest.teams.listMembersInOrg, {
          org,
          team_slug: slug,
          per_page: 100,
        });
        return members.map((m) => m.login);
      } catch (error) {
        const status = statusOf(error);
        if (status === 404 || (status === 403 && !isRateLimit(error))) return null;
        throw error;
      }
    },
    async busyUsers(logins) {
      if (logins.length === 0) return new Set();
      const variables = Object.fromEntries(logins.map((login, i) => [`u${i}`, login]));
      try {
        return busyFrom(await octokit.graphql(statusQuery(logins.length), variables), logins);
      } catch (error) {
        // An unknown login fails the query but the others are answered: use what came back.
        const partial = field(error, "data");
        if (partial && typeof partial === "object") return busyFrom(partial, logins);
        throw error;
      }
    },
  };
}
