// Webhook payloads for the demo, built by hand in the shape GitHub sends (installation,
// repository, sender, pull_request, review, comment) from the stand-in GitHub's own state.
// (The tests use GitHub's published examples, a development dependency the CLI cannot ship.)
import { createHash } from "node:crypto";
import type { JsonRecord } from "./stand-in/http.js";
import type { StandInComment, StandInPull, StandInReview } from "./stand-in/github-types.js";

export interface PayloadRepo {
  installationId: number;
  id: number;
  owner: string;
  name: string;
}

/** A stable numeric id for a login, so the same person always has the same id. */
function userId(login: string): number {
  return createHash("sha1").update(login).digest().readUInt32BE(0) % 10_000_000;
}

export function userJson(login: string, type = "User"): JsonRecord {
  return {
    login,
    id: userId(login),
    node_id: `U_${login}`,
    type,
    site_admin: false,
    html_url: `https://github.com/${login}`,
  };
}

export function repositoryJson(repo: PayloadRepo): JsonRecord {
  const fullName = `${repo.owner}/${repo.name}`;
  return {
    id: repo.id,
    node_id: `R_${repo.id}`,
    name: repo.name,
    full_name: fullName,
    private: true,
    owner: userJson(repo.owner, "Organization"),
    html_url: `https://github.com/${fullName}`,
    default_branch: "main",
  };
}

function envelope(repo: PayloadRepo, sender: string): JsonRecord {
  return {
    repository: repositoryJson(repo),
    organization: { login: repo.owner, id: userId(repo.owner) },
    installation: { id: repo.installationId, node_id: `I_${repo.installationId}` },
    sender: userJson(sender, sender.endsWith("[bot]") ? "Bot" : "User"),
  };
}

/** A pull request as webhooks describe it, from the stand-in's REST-shaped copy. */
export function pullRequestJson(repo: PayloadRepo, pull: StandInPull): JsonRecord {
  const fullName = `${repo.owner}/${repo.name}`;
  return {
    id: pull.id,
    node_id: `PR_${pull.id}`,
    number: pull.number,
    html_url: `https://github.com/${fullName}/pull/${pull.number}`,
    state: pull.state,
    locked: false,
    title: pull.title,
    user: userJson(pull.user.login, pull.user.type),
    body: pull.body ?? null,
    labels: pull.labels.map((label, i) => ({ id: i + 1, name: label.name, color: "ededed" })),
    created_at: pull.created_at,
    updated_at: pull.updated_at,
    closed_at: pull.closed_at,
    merged_at: pull.merged_at,
    draft: pull.draft,
    merged: pull.merged_at !== null,
    requested_reviewers: pull.requested_reviewers.map((r) => userJson(r.login)),
    requested_teams: pull.requested_teams.map((t) => ({ slug: t.slug, name: t.slug })),
    head: { label: `${repo.owner}:${pull.head.ref}`, ref: pull.head.ref, sha: pull.head.sha },
    base: { label: `${repo.owner}:main`, ref: "main", sha: "0".repeat(40) },
    additions: pull.additions,
    deletions: pull.deletions,
    changed_files: pull.changed_files,
    commits: pull.commits?.length ?? 1,
  };
}

export function installationCreatedPayload(repo: PayloadRepo, sender: string): JsonRecord {
  const account = userJson(repo.owner, "Organization");
  return {
    action: "created",
    installation: {
      id: repo.installationId,
      account,
      repository_selection: "selected",
      app_id: 1,
      target_type: "Organization",
      events: ["pull_request", "pull_request_review", "issue_comment", "push"],
    },
    repositories: [
      {
        id: repo.id,
        node_id: `R_${repo.id}`,
        name: repo.name,
        full_name: `${repo.owner}/${repo.name}`,
        private: true,
      },
    ],
    requester: null,
    sender: userJson(sender),
  };
}

/** `pull_request.<action>`; `extra` adds the action's own fields (e.g. `requested_reviewer`). */
export function pullRequestPayload(
  action: string,
  repo: PayloadRepo,
  pull: StandInPull,
  sender: string,
  extra: JsonRecord = {},
): JsonRecord {
  const pullRequest = pullRequestJson(repo, pull);
  return {
    action,
    number: pull.number,
    pull_request: pullRequest,
    ...extra,
    ...envelope(repo, sender),
  };
}

export function reviewSubmittedPayload(
  repo: PayloadRepo,
  pull: StandInPull,
  review: StandInReview,
): JsonRecord {
  const fullName = `${repo.owner}/${repo.name}`;
  return {
    action: "submitted",
    review: {
      id: review.id,
      node_id: `PRR_${review.id}`,
      user: userJson(review.user.login),
      body: null,
      commit_id: pull.head.sha,
      submitted_at: review.submitted_at,
      state: review.state.toLowerCase(),
      html_url: `https://github.com/${fullName}/pull/${pull.number}#pullrequestreview-${review.id}`,
      author_association: "MEMBER",
    },
    pull_request: pullRequestJson(repo, pull),
    ...envelope(repo, review.user.login),
  };
}

/** `issue_comment.edited` on a pull request's comment, as a person's edit arrives. */
export function commentEditedPayload(
  repo: PayloadRepo,
  pull: StandInPull,
  edit: { comment: StandInComment; previousBody: string; updatedAt: string; editor: string },
): JsonRecord {
  const fullName = `${repo.owner}/${repo.name}`;
  return {
    action: "edited",
    changes: { body: { from: edit.previousBody } },
    issue: {
      id: pull.id,
      number: pull.number,
      title: pull.title,
      state: pull.state,
      user: userJson(pull.user.login),
      pull_request: { html_url: `https://github.com/${fullName}/pull/${pull.number}` },
    },
    comment: {
      id: edit.comment.id,
      node_id: `IC_${edit.comment.id}`,
      body: edit.comment.body,
      user: userJson(edit.comment.user.login, "Bot"),
      created_at: pull.created_at,
      updated_at: edit.updatedAt,
      author_association: "NONE",
    },
    ...envelope(repo, edit.editor),
  };
}
