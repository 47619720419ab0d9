// The stand-in GitHub's endpoints for reviewer assignment: review requests on pull requests,
// organisation team members and the GraphQL user-status query. FakeGitHub routes to it.
import type { FakePull, RecordedRequest } from "./fake-github.js";

type Answer = { status: number; body: unknown } | null;

const NOT_COLLABORATOR =
  "Reviews may only be requested from collaborators. One or more of the users or teams you specified is not a collaborator of the repository.";

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

export class FakeAssignmentApi {
  /** Team members by "org/slug" (lowercase); a team missing here answers 404. */
  readonly teams = new Map<string, string[]>();
  /** Logins whose status says busy (limited availability). */
  readonly busy = new Set<string>();
  /** Logins GitHub refuses to request (422: not a collaborator). */
  readonly notCollaborators = new Set<string>();

  constructor(
    private readonly pulls: Map<string, FakePull[]>,
    private readonly requests: RecordedRequest[],
  ) {}

  /** POSTs to requested_reviewers, each with the reviewers it asked for. */
  reviewRequests(): { path: string; reviewers: string[]; teams: string[] }[] {
    return this.requests
      .filter((r) => r.method === "POST" && r.path.endsWith("/requested_reviewers"))
      .map((r) => {
        const body = (r.body ?? {}) as Record<string, unknown>;
        return {
          path: r.path,
          reviewers: strings(body.reviewers),
          teams: strings(body.team_reviewers),
        };
      });
  }

  route(method: string, path: string, body: Record<string, unknown> | null): Answer {
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

  private statuses(body: Record<string, unknown> | null): Record<string, unknown> {
    const variables = (body?.variables ?? {}) as Record<string, unknown>;
    const data: Record<string, unknown> = {};
    for (const [alias, login] of Object.entries(variables)) {
      const busy = typeof login === "string" && this.busy.has(login.toLowerCase());
      data[alias] = { status: busy ? { indicatesLimitedAvailability: true } : null };
    }
    return data;
  }

  private requested(method: string, pull: FakePull, body: Record<string, unknown> | null): Answer {
    const users = strings(body?.reviewers);
    const teams = strings(body?.team_reviewers);
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
