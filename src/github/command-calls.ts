// The GitHub calls PR commands add to the installation client: reactions on the command's
// comment, the caller's permission on the repository, and the pause label.
import type { ProbotOctokit } from "probot";
import { statusOf } from "../outbox/failures.js";

export type CommentReaction = "eyes" | "+1" | "confused";

export interface CommandGitHub {
  /** Reacts to an issue comment; reacting twice with the same content is harmless. */
  reactToComment(
    owner: string,
    repo: string,
    commentId: number,
    content: CommentReaction,
  ): Promise<void>;
  /** `admin`, `maintain`, `write`, `triage`, `read` or `none` (not a collaborator). */
  collaboratorPermission(owner: string, repo: string, login: string): Promise<string>;
  addLabel(owner: string, repo: string, number: number, label: string): Promise<void>;
  /** Removes a label; a label already gone is not an error. */
  removeLabel(owner: string, repo: string, number: number, label: string): Promise<void>;
}

export function commandCalls(octokit: ProbotOctokit): CommandGitHub {
  return {
    async reactToComment(owner, repo, commentId, content) {
      await octokit.rest.reactions.createForIssueComment({
        owner,
        repo,
        comment_id: commentId,
        content,
      });
    },
    async collaboratorPermission(owner, repo, login) {
      try {
        const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({
          owner,
          repo,
          username: login,
        });
        return data.role_name || data.permission;
      } catch (error) {
        if (statusOf(error) === 404) return "none";
        throw error;
      }
    },
    async addLabel(owner, repo, number, label) {
      await octokit.rest.issues.addLabels({ owner, repo, issue_number: number, labels: [label] });
    },
    async removeLabel(owner, repo, number, label) {
      try {
        await octokit.rest.issues.removeLabel({ owner, repo, issue_number: number, name: label });
      } catch (error) {
        if (statusOf(error) !== 404) throw error;
      }
    },
  };
}
