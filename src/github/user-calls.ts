// The GitHub call Slack identity needs: a user's public email, for Slack's `users.lookupByEmail`.
// Part of the installation client (`InstallationGitHub` includes it).
import type { ProbotOctokit } from "probot";
import { statusOf } from "../outbox/failures.js";

export interface UserGitHub {
  /** The user's public profile email, or null when none is public or the user is unknown. */
  publicEmail(login: string): Promise<string | null>;
}

export function userCalls(octokit: ProbotOctokit): UserGitHub {
  return {
    async publicEmail(login) {
      try {
        const { data } = await octokit.rest.users.getByUsername({ username: login });
        return typeof data.email === "string" && data.email.includes("@") ? data.email : null;
      } catch (error) {
        if (statusOf(error) === 404) return null;
        throw error;
      }
    },
  };
}
