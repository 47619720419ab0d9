// The stand-in GitHub's GraphQL answers for imports: open PRs page by page (ImportOpenPulls)
// and the state of PRs by number (PullStates), built from the fake's REST-shaped PRs.
import type { FakePull } from "./fake-github.js";

type Answer = { status: number; body: unknown } | null;

function reviewerNode(r: { login?: string; slug?: string } | undefined) {
  if (r?.login) return { __typename: "User", login: r.login };
  if (r?.slug) return { __typename: "Team", slug: r.slug };
  return null;
}

export function graphqlPull(p: FakePull) {
  const merged = p.merged_at !== null;
  return {
    databaseId: p.id,
    number: p.number,
    title: p.title,
    isDraft: p.draft,
    state: p.state === "open" ? "OPEN" : merged ? "MERGED" : "CLOSED",
    createdAt: p.created_at,
    updatedAt: p.updated_at,
    closedAt: p.closed_at,
    mergedAt: p.merged_at,
    additions: p.additions,
    deletions: p.deletions,
    changedFiles: p.changed_files,
    headRefOid: p.head.sha,
    author: { __typename: p.user.type === "Bot" ? "Bot" : "User", login: p.user.login },
    labels: { nodes: p.labels },
    reviewRequests: {
      nodes: [
        ...p.requested_reviewers.map((u) => ({ requestedReviewer: reviewerNode(u) })),
        ...p.requested_teams.map((t) => ({ requestedReviewer: reviewerNode(t) })),
      ],
    },
    reviews: {
      pageInfo: { hasNextPage: false },
      nodes: (p.reviews ?? []).map((r) => ({
        databaseId: r.id,
        state: r.state,
        submittedAt: r.submitted_at,
        author: r.user,
      })),
    },
    timelineItems: {
      pageInfo: { hasNextPage: false },
      nodes: (p.events ?? []).flatMap((e) => {
        if (e.event === "ready_for_review")
          return [{ __typename: "ReadyForReviewEvent", createdAt: e.created_at }];
        const typename =
          e.event === "review_requested"
            ? "ReviewRequestedEvent"
            : e.event === "review_request_removed"
              ? "ReviewRequestRemovedEvent"
              : null;
        return typename
          ? [
              {
                __typename: typename,
                createdAt: e.created_at,
                requestedReviewer: reviewerNode(e.requested_reviewer ?? e.requested_team),
              },
            ]
          : [];
      }),
    },
  };
}

export class FakeImportApi {
  constructor(private readonly pulls: Map<string, FakePull[]>) {}

  route(method: string, path: string, body: Record<string, unknown> | null): Answer {
    if (method !== "POST" || (path !== "/graphql" && path !== "/api/graphql")) return null;
    const query = typeof body?.query === "string" ? body.query : "";
    const variables = (body?.variables ?? {}) as Record<string, unknown>;
    const pulls = this.pulls.get(`${String(variables.owner)}/${String(variables.name)}`);
    if (query.includes("query ImportOpenPulls")) {
      if (!pulls) return { status: 200, body: { data: { repository: null } } };
      const open = pulls
        .filter((p) => p.state === "open")
        .sort((a, b) => a.created_at.localeCompare(b.created_at));
      const start = typeof variables.cursor === "string" ? Number(variables.cursor) : 0;
      const size = Number(variables.size);
      const page = open.slice(start, start + size);
      const hasNextPage = start + size < open.length;
      return {
        status: 200,
        body: {
          data: {
            repository: {
              pullRequests: {
                pageInfo: { hasNextPage, endCursor: hasNextPage ? String(start + size) : null },
                nodes: page.map(graphqlPull),
              },
            },
          },
        },
      };
    }
    if (query.includes("query PullStates")) {
      const repository: Record<string, unknown> = {};
      for (const m of query.matchAll(/pr(\d+): pullRequest\(number: (\d+)\)/g)) {
        const pull = pulls?.find((p) => p.number === Number(m[2]));
        repository[`pr${m[1]}`] = pull ? graphqlPull(pull) : null;
      }
      return { status: 200, body: { data: { repository } } };
    }
    return null;
  }
}
