// The database tables as Kysely sees them. Instants are fixed-width ISO-8601 UTC text, booleans
// are 0/1 integers and JSON is text, so both dialects store and order them the same way.
import type { Generated } from "kysely";

/** `2026-11-25T03:00:00.000Z`: compares correctly as a string. */
export type TimeText = string;
/** 0 or 1. */
export type Flag = number;

export interface InstallationsTable {
  id: number;
  account_login: string;
  account_type: string;
  suspended_at: TimeText | null;
  deleted_at: TimeText | null;
}

export interface RepositoriesTable {
  id: number;
  installation_id: number;
  owner: string;
  name: string;
  default_branch: string;
  config_json: string | null;
  /** JSON array of strings; `[]` until a configuration was read. */
  config_errors: Generated<string>;
  config_fetched_at: TimeText | null;
  removed_at: TimeText | null;
}

export interface PullRequestsTable {
  id: number;
  installation_id: number;
  repository_id: number;
  owner: string;
  repo: string;
  number: number;
  title: string;
  author: string;
  author_is_bot: Flag;
  draft: Flag;
  open: Flag;
  merged: Flag;
  created_at: TimeText;
  ready_at: TimeText;
  closed_at: TimeText | null;
  merged_at: TimeText | null;
  /** JSON array of strings. */
  labels: string;
  additions: number;
  deletions: number;
  changed_files: number;
  head_sha: string;
  ai_assisted: Flag;
  updated_at: TimeText;
  next_due_at: TimeText | null;
  /** The author's last push to the head branch (`0009`); null when none was seen. */
  pushed_at?: TimeText | null;
  /** JSON array of the keys of this PR's actions deleted by retention (`0007`); null if none. */
  pruned_action_keys: string | null;
  /** Set by `/review-sla snooze` (`0009`): no SLA action is due before then. */
  snoozed_until: TimeText | null;
}

/** One PR command performed (`0009`), keyed by its comment id or Slack click. */
export interface PrCommandsTable {
  key: string;
  installation_id: number;
  pull_request_id: number;
  command: string;
  login: string;
  detail: string | null;
  performed_at: TimeText;
}

export interface DashboardSessionsTable {
  id_hash: string;
  login: string;
  sealed_token: string;
  created_at: TimeText;
  expires_at: TimeText;
}

export interface ReviewRequestsTable {
  id: Generated<number>;
  pull_request_id: number;
  reviewer_type: string;
  /** A user login or a team slug, as GitHub spelled it. */
  reviewer: string;
  requested_at: TimeText;
  removed_at: TimeText | null;
  satisfied_at: TimeText | null;
}

export interface ReviewsTable {
  id: number;
  pull_request_id: number;
  reviewer: string;
  state: string;
  submitted_at: TimeText;
  /** 1 when GitHub said the reviewer's account is a bot (`0009`). */
  reviewer_is_bot: Generated<Flag>;
}

export interface ActionsTable {
  id: Generated<number>;
  key: string;
  installation_id: number;
  pull_request_id: number | null;
  kind: string;
  payload: string;
  status: string;
  due_at: TimeText;
  priority: number;
  attempts: number;
  next_attempt_at: TimeText;
  lease_owner: string | null;
  lease_expires_at: TimeText | null;
  last_error: string | null;
  performed_at: TimeText | null;
  result: string | null;
  created_at: TimeText;
}

export interface WebhookDeliveriesTable {
  id: string;
  event: string;
  received_at: TimeText;
}

export interface LocksTable {
  name: string;
  owner: string;
  expires_at: TimeText;
}

export interface ChecklistsTable {
  pull_request_id: number;
  comment_id: number | null;
  /** SHA-256 of the body the app last wrote: its own edits come back as webhooks. */
  body_hash: string | null;
  /** JSON array of the item ids that must be ticked. */
  required_items: Generated<string>;
  ai_assisted: Generated<Flag>;
  /** JSON array of the AI-assistance evidence shown in the comment. */
  evidence: Generated<string>;
  check_run_id: number | null;
  /** The commit the check run belongs to. */
  head_sha: string | null;
  /** null while the check run is in progress. */
  check_run_conclusion: string | null;
  check_run_hash: string | null;
  deleted_at: TimeText | null;
  updated_at: TimeText;
}

/** Sent digests (`0004_digests`): a scope's period is sent once. */
export interface DigestsTable {
  /** `installation:<id>` or `installation:<id>:<scope name>`. */
  scope_key: string;
  period_start: TimeText;
  period_end: TimeText;
  installation_id: number;
  scope_name: string;
  /** The channel Slack reported posting to; null for an incoming webhook. */
  channel: string | null;
  message_ts: string | null;
  sent_at: TimeText;
}

export interface SlackIdentitiesTable {
  /** Lower-case GitHub login. */
  login: string;
  /** Null records a miss: no public email, or no Slack user with that email. */
  slack_user_id: string | null;
  checked_at: TimeText;
}

/** When a team's members were last read from GitHub (an empty team has no member rows). */
export interface TeamFetchesTable {
  installation_id: number;
  team: string;
  fetched_at: TimeText;
}

export interface TeamMembersTable {
  installation_id: number;
  team: string;
  login: string;
  fetched_at: TimeText;
}

/** The reviewers an assignment action chose (JSON), so a retry completes that same choice. */
export interface AssignmentPlansTable {
  action_key: string;
  plan: string;
  updated_at: TimeText;
}

/** The content-creation budget's log: one row per comment or review request written. */
export interface ContentWritesTable {
  installation_id: number;
  at: TimeText;
}

/** Reconciliation state: the ETag of a repository's open-PR list and when it last ran. */
export interface RepositorySyncTable {
  repository_id: number;
  open_pulls_etag: string | null;
  reconciled_at: TimeText | null;
}

/** Failed webhook deliveries this app asked GitHub to redeliver. */
export interface RedeliveriesTable {
  delivery_id: string;
  requested_at: TimeText;
}

/** A PR's dashboard figures (`0012`), measured in a team calendar named by `fingerprint`. */
export interface PullRequestFiguresTable {
  pull_request_id: number;
  repository_id: number;
  /** Lower-case login. */
  author: string;
  created_at: TimeText;
  ready_at: TimeText;
  /** `closed_at`, or `OPEN_UNTIL` while the PR is open. */
  open_until: TimeText;
  first_review_at: TimeText | null;
  merged_at: TimeText | null;
  ai_assisted: Flag;
  /** 0 for an open draft or an exempt PR: no SLA compliance is counted for it. */
  counted: Flag;
  /** Working time from ready to the first human review, to the merge. */
  first_review_ms: number | null;
  cycle_ms: number | null;
  /** The instant the SLA ran out (null: none) and whether it was met, missed, or owed nothing. */
  first_review_due_at: TimeText | null;
  first_review_outcome: string | null;
  resolution_due_at: TimeText | null;
  resolution_outcome: string | null;
  fingerprint: string;
}

/** PRs whose figures must be measured again; `version` grows with each change. */
export interface PullRequestFigureMarksTable {
  pull_request_id: number;
  repository_id: number;
  version: number;
}

export interface Database {
  installations: InstallationsTable;
  repositories: RepositoriesTable;
  pull_requests: PullRequestsTable;
  review_requests: ReviewRequestsTable;
  reviews: ReviewsTable;
  actions: ActionsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  locks: LocksTable;
  checklists: ChecklistsTable;
  team_fetches: TeamFetchesTable;
  team_members: TeamMembersTable;
  assignment_plans: AssignmentPlansTable;
  digests: DigestsTable;
  slack_identities: SlackIdentitiesTable;
  content_writes: ContentWritesTable;
  repository_sync: RepositorySyncTable;
  redeliveries: RedeliveriesTable;
  pr_commands: PrCommandsTable;
  dashboard_sessions: DashboardSessionsTable;
  pull_request_figures: PullRequestFiguresTable;
  pull_request_figure_marks: PullRequestFigureMarksTable;
}

export type Dialect = "sqlite" | "postgres";
