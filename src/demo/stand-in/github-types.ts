// The stand-in GitHub's state: repositories, pull requests (REST-shaped, as GitHub returns them),
// comments and check runs, and the requests it received.
import type { JsonRecord } from "./http.js";

export interface RecordedRequest {
  method: string;
  /** The path without GitHub Enterprise's `/api/v3` prefix. */
  path: string;
  body: unknown;
}

export interface StandInRepo {
  id: number;
  owner: string;
  name: string;
  defaultBranch?: string;
  /** Files on the default branch (path -> text), e.g. ".github/review-sla.yml". */
  files?: Record<string, string>;
}

export interface StandInReview {
  id: number;
  user: { login: string };
  state: string;
  submitted_at: string;
}

export interface StandInEvent {
  event: string;
  created_at: string;
  requested_reviewer?: { login: string };
  requested_team?: { slug: string };
}

export interface StandInPull {
  id: number;
  number: number;
  title: string;
  user: { login: string; type: string };
  draft: boolean;
  state: "open" | "closed";
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  merged_at: string | null;
  labels: { name: string }[];
  head: { sha: string; ref: string };
  additions: number;
  deletions: number;
  changed_files: number;
  requested_reviewers: { login: string }[];
  requested_teams: { slug: string }[];
  files?: string[];
  body?: string | null;
  commits?: { sha: string; message: string }[];
  reviews?: StandInReview[];
  events?: StandInEvent[];
}

/** A GitHub user as comments show it; `type` is "Bot" for an app's bot account. */
export interface StandInUser {
  login: string;
  type: "User" | "Bot";
}

/** The GitHub App a stand-in serves: `GET /app` answers it, its bot writes API comments. */
export interface StandInApp {
  id: number;
  slug: string;
}

export interface StandInComment {
  id: number;
  body: string;
  user: StandInUser;
  /** The app through which the comment was written, as GitHub reports it; null for people. */
  performed_via_github_app: StandInApp | null;
  html_url?: string;
}

export interface StandInCheckRun {
  repo: string;
  body: JsonRecord;
}

export interface StandInInstallation {
  id: number;
  account: { login: string; type: string };
  suspended_at: string | null;
}
