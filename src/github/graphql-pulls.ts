// Reads open pull requests with their review history through GraphQL: one request brings 50 PRs
// with their pending requests, reviews and request timeline (REST would need ~3 per PR).
import type { PullObject } from "./payloads.js";
import type { IssueEvent, ReviewSummary } from "./client.js";

export const IMPORT_PAGE_SIZE = 50;

const REVIEWER = `requestedReviewer { __typename ... on User { login } ... on Team { slug } }`;

const PULL_FIELDS = `
  databaseId number title isDraft state createdAt updatedAt closedAt mergedAt
  additions deletions changedFiles headRefOid
  author { __typename login }
  labels(first: 50) { nodes { name } }
  reviewRequests(first: 50) { nodes { ${REVIEWER} } }
  reviews(first: 100) { pageInfo { hasNextPage } nodes { databaseId state submittedAt author { login } } }
  timelineItems(first: 100, itemTypes: [REVIEW_REQUESTED_EVENT, REVIEW_REQUEST_REMOVED_EVENT, READY_FOR_REVIEW_EVENT]) {
    pageInfo { hasNextPage }
    nodes {
      __typename
      ... on ReviewRequestedEvent { createdAt ${REVIEWER} }
      ... on ReviewRequestRemovedEvent { createdAt ${REVIEWER} }
      ... on ReadyForReviewEvent { createdAt }
    }
  }`;

export const IMPORT_OPEN_PULLS = `query ImportOpenPulls($owner: String!, $name: String!, $cursor: String, $size: Int!) {
  repository(owner: $owner, name: $name) {
    pullRequests(states: OPEN, first: $size, after: $cursor, orderBy: { field: CREATED_AT, direction: ASC }) {
      pageInfo { hasNextPage endCursor }
      nodes { ${PULL_FIELDS} }
    }
  }
}`;

/** One query for the current state of several PRs by number (aliases `pr<number>`). */
export function pullStatesQuery(numbers: readonly number[]): string {
  const fields = numbers.map(
    (n) => `pr${n}: pullRequest(number: ${Math.trunc(n)}) { ${PULL_FIELDS} }`,
  );
  return `query PullStates($owner: String!, $name: String!) {
  repository(owner: $owner, name: $name) { ${fields.join("\n")} }
}`;
}

type ReviewerNode = { __typename: string; login?: string; slug?: string } | null;

export interface GraphqlPull {
  databaseId: number;
  number: number;
  title: string;
  isDraft: boolean;
  state: "OPEN" | "CLOSED" | "MERGED";
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  mergedAt: string | null;
  additions: number;
  deletions: number;
  changedFiles: number;
  headRefOid: string;
  author: { __typename: string; login: string } | null;
  labels: { nodes: { name: string }[] };
  reviewRequests: { nodes: { requestedReviewer: ReviewerNode }[] };
  reviews: {
    pageInfo: { hasNextPage: boolean };
    nodes: {
      databaseId: number;
      state: string;
      submittedAt: string | null;
      author: { login: string } | null;
    }[];
  };
  timelineItems: {
    pageInfo: { hasNextPage: boolean };
    nodes: { __typename: string; createdAt?: string; requestedReviewer?: ReviewerNode }[];
  };
}

export interface ImportPage {
  repository: {
    pullRequests: {
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      nodes: GraphqlPull[];
    };
  } | null;
}

/** A PR as the REST shape the rest of the shell maps, plus its history, from a GraphQL node. */
export function fromGraphql(node: GraphqlPull): {
  pull: PullObject & {
    requested_reviewers: { login: string }[];
    requested_teams: { slug: string }[];
  };
  reviews: ReviewSummary[];
  events: IssueEvent[];
  complete: boolean;
} {
  const reviewer = (r: ReviewerNode | undefined) =>
    r?.__typename === "User" && r.login
      ? { login: r.login }
      : r?.__typename === "Team" && r.slug
        ? { slug: r.slug }
        : null;
  const pending = node.reviewRequests.nodes.map((n) => reviewer(n.requestedReviewer));
  const events: IssueEvent[] = node.timelineItems.nodes.flatMap((item) => {
    const who = reviewer(item.requestedReviewer);
    const at = item.createdAt ?? node.createdAt;
    if (item.__typename === "ReadyForReviewEvent")
      return [{ event: "ready_for_review", created_at: at }];
    if (!who) return [];
    const event =
      item.__typename === "ReviewRequestedEvent" ? "review_requested" : "review_request_removed";
    return [
      {
        event,
        created_at: at,
        requested_reviewer: "login" in who ? who : null,
        requested_team: "slug" in who ? who : null,
      },
    ];
  });
  return {
    pull: {
      id: node.databaseId,
      number: node.number,
      title: node.title,
      user: node.author
        ? { login: node.author.login, type: node.author.__typename === "Bot" ? "Bot" : "User" }
        : null,
      draft: node.isDraft,
      state: node.state === "OPEN" ? "open" : "closed",
      merged: node.state === "MERGED",
      created_at: node.createdAt,
      updated_at: node.updatedAt,
      closed_at: node.closedAt,
      merged_at: node.mergedAt,
      labels: node.labels.nodes,
      head: { sha: node.headRefOid },
      additions: node.additions,
      deletions: node.deletions,
      changed_files: node.changedFiles,
      requested_reviewers: pending.flatMap((p) => (p?.login ? [{ login: p.login }] : [])),
      requested_teams: pending.flatMap((p) => (p?.slug ? [{ slug: p.slug }] : [])),
    },
    reviews: node.reviews.nodes.map((r) => ({
      id: r.databaseId,
      user: r.author,
      state: r.state,
      submitted_at: r.submittedAt,
    })),
    events,
    complete: !node.reviews.pageInfo.hasNextPage && !node.timelineItems.pageInfo.hasNextPage,
  };
}
