// The stand-in GitHub's GraphQL answers for imports: open pull requests page by page
// (ImportOpenPulls) and pull requests by number (PullStates), built from its REST-shaped state.
import { recordOf, stringOf } from "./http.js";
import type { Answer, JsonRecord } from "./http.js";
import type { StandInEvent, StandInPull } from "./github-types.js";

const TIMELINE_TYPES: Record<string, string> = {
  review_requested: "ReviewRequestedEvent",
  review_request_removed: "ReviewRequestRemovedEvent",
};

function reviewerNode(r: { login?: string; slug?: string } | undefined) {
  if (r?.login) return { __typename: "User", login: r.login };
  if (r?.slug) return { __typename: "Team", slug: r.slug };
  return null;
}

function timelineNodes(events: readonly StandInEvent[]): JsonRecord[] {
  return events.flatMap((e) => {
    if (e.event === "ready_for_review")
      return [{ __typename: "ReadyForReviewEvent", createdAt: e.created_at }];
    const typename = TIMELINE_TYPES[e.event];
    if (typename === undefined) return [];
    const reviewer = reviewerNode(e.requested_reviewer ?? e.requested_team);
    return [{ __typename: typename, createdAt: e.created_at, requestedReviewer: reviewer }];
  });
}

/** One pull request as GitHub's GraphQL API describes it. */
export function graphqlPull(p: StandInPull): JsonRecord {
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
      nodes: [...p.requested_reviewers, ...p.requested_teams].map((r) => ({
        requestedReviewer: reviewerNode(r),
      })),
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
    timelineItems: { pageInfo: { hasNextPage: false }, nodes: timelineNodes(p.events ?? []) },
  };
}

export class StandInGraphqlApi {
  constructor(private readonly pulls: Map<string, StandInPull[]>) {}

  route(method: string, path: string, body: JsonRecord | null): Answer {
    if (method !== "POST" || (path !== "/graphql" && path !== "/api/graphql")) return null;
    const query = stringOf(body?.query) ?? "";
    const variables = recordOf(body?.variables);
    const pulls = this.pulls.get(`${String(variables.owner)}/${String(variables.name)}`);
    if (query.includes("query ImportOpenPulls")) return this.openPulls(pulls, variables);
    if (query.includes("query PullStates")) {
      const repository: JsonRecord = {};
      for (const m of query.matchAll(/pr(\d+): pullRequest\(number: (\d+)\)/g)) {
        const pull = pulls?.find((p) => p.number === Number(m[2]));
        repository[`pr${m[1]}`] = pull ? graphqlPull(pull) : null;
      }
      return { status: 200, body: { data: { repository } } };
    }
    return null;
  }

  private openPulls(pulls: StandInPull[] | undefined, variables: JsonRecord): Answer {
    if (!pulls) return { status: 200, body: { data: { repository: null } } };
    const open = pulls
      .filter((p) => p.state === "open")
      .sort((a, b) => a.created_at.localeCompare(b.created_at));
    const start = typeof variables.cursor === "string" ? Number(variables.cursor) : 0;
    const size = Number(variables.size);
    const hasNextPage = start + size < open.length;
    const pullRequests = {
      pageInfo: { hasNextPage, endCursor: hasNextPage ? String(start + size) : null },
      nodes: open.slice(start, start + size).map(graphqlPull),
    };
    return { status: 200, body: { data: { repository: { pullRequests } } } };
  }
}
