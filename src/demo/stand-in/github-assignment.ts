// The stand-in GitHub's endpoints for reviewer assignment: review requests on pull requests,
// organisation team members and the GraphQL user-status query.
import { recordOf, stringsOf } from "./http.js";
import type { Answer, JsonRecord } from "./http.js";
import type { RecordedRequest, StandInPull } from "./github-types.js";

const NOT_COLLABORATOR =
  "Reviews may only be requested from collaborators. One or more of the users or teams you specified is not a collaborator of the repository.";

export interface ReviewRequestCall {
  path: string;
  reviewers: string[];
  teams: string[];
}

export class StandInAssignmentApi {
  /** Team members by "org/slug" (lowercase); a team missing here answers 404. */
  readonly teams = new Map<string, string[]>();
  /** Logins whose status says busy (limited availability). */
  readonly busy = new Set<string>();
  /** Logins GitHub refuses to request (422: not a collaborator). */
  readonly notCollaborators = new Set<string>();

  constructor(
    private readonly pulls: Map<string, StandInPull[]>,
    private readonly requests: RecordedRequest[],
  ) {}

  /** POSTs to requested_reviewers, each with the reviewers it asked for. */
  reviewRequests(): ReviewRequestCall[] {
    return this.requests
      .filter((r) => r.method === "POST" && r.path.endsWith("/requested_reviewers"))
      .map((r) => {
        const body = recordOf(r.body);
        return {
          path: r.path,
          reviewers: stringsOf(body.reviewers),
          teams: stringsOf(body.team_reviewers),
        };
      });
  }

  route(method: string, path: string, body: JsonRecord | null): Answer {
    let m: RegExpExecArray | null;
    if ((m = /^\/orgs\/([^/]+)\/teams\/([^/]+)\/members$/.exec(path)) && method === "GET") {
      const members = this.teams.get(`${m[1]}/${m[2]}`.toLowerCase());
      return members ? { status: 200, body: members.map((login) => ({ login })) } : null;
    }
    if (method === "POST" && (path === "/graphql" || path === "/api/graphql"))
      return { status: 200, body: { data: this.statuses(body) } };
    m = /^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)\/requested_reviewers$/.exec(path);
    const pull = m && this.pulls.get(`${m[1]}/${m[2]}`)?.find((p) => p.number === Number(m?.[3]));
    if (!pull) return null;
    return this.requested(method, pull, body);
  }

  private statuses(body: JsonRecord | null): JsonRecord {
    const data: JsonRecord = {};
    for (const [alias, login] of Object.entries(recordOf(body?.variables))) {
      const busy = typeof login === "string" && this.busy.has(login.toLowerCase());
      data[alias] = { status: busy ? { indicatesLimitedAvailability: true } : null };
    }
    return data;
  }

  private requested(method: string, pull: StandInPull, body: JsonRecord | null): Answer {
    const users = stringsOf(body?.reviewers);
    const teams = stringsOf(body?.team_reviewers);
    if (method === "GET") {
      const slugs = pull.requested_teams.map((t) => ({ slug: t.slug, name: t.slug }));
      return { status: 200, body: { users: pull.requested_reviewers, teams: slugs } };
    }
    if (method === "POST") {
      if (users.some((login) => this.notCollaborators.has(login.toLowerCase())))
        return { status: 422, body: { message: NOT_COLLABORATOR } };
      for (const login of users)
        if (!pull.requested_reviewers.some((u) => u.login === login))
          pull.requested_reviewers.push({ login });
      for (const slug of teams)
        if (!pull.requested_teams.some((t) => t.slug === slug)) pull.requested_teams.push({ slug });
      return { status: 201, body: pull };
    }
    if (method === "DELETE") {
      pull.requested_reviewers = pull.requested_reviewers.filter((u) => !users.includes(u.login));
      pull.requested_teams = pull.requested_teams.filter((t) => !teams.includes(t.slug));
      return { status: 200, body: pull };
    }
    return null;
  }
}
