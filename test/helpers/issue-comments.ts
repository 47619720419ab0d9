// `issue_comment` webhook payloads built on GitHub's examples, set on a pull request's comment.
import { example } from "./webhooks.js";

export interface CommentScenario {
  installationId: number;
  repo: { id: number; owner: string; name: string };
  number: number;
  comment: { id: number; body: string; updatedAt: string };
  /** The comment's body before an edit. */
  previousBody?: string;
  /** Who wrote the comment (the example's user when omitted). */
  commenter?: { login: string; type?: "User" | "Bot" };
}

export function issueCommentPayload(
  action: "created" | "edited" | "deleted",
  s: CommentScenario,
): Record<string, any> {
  const payload = example("issue_comment", action);
  const fullName = `${s.repo.owner}/${s.repo.name}`;
  payload.installation = { id: s.installationId, node_id: "MDIz" };
  Object.assign(payload.repository, {
    id: s.repo.id,
    name: s.repo.name,
    full_name: fullName,
    default_branch: "main",
  });
  payload.repository.owner.login = s.repo.owner;
  payload.issue.number = s.number;
  // An issue_comment on a pull request carries this link; plain issues do not.
  payload.issue.pull_request = {
    url: `https://api.github.com/repos/${fullName}/pulls/${s.number}`,
    html_url: `https://github.com/${fullName}/pull/${s.number}`,
    diff_url: `https://github.com/${fullName}/pull/${s.number}.diff`,
    patch_url: `https://github.com/${fullName}/pull/${s.number}.patch`,
  };
  Object.assign(payload.comment, {
    id: s.comment.id,
    body: s.comment.body,
    updated_at: s.comment.updatedAt,
  });
  if (s.commenter) Object.assign(payload.comment.user, { type: "User", ...s.commenter });
  if (action === "edited") payload.changes = { body: { from: s.previousBody ?? "" } };
  return payload;
}
