// Maps GitHub's pull-request objects (webhook payloads and REST responses) to store fields.
import { DateTime, FixedOffsetZone } from "luxon";
import type { Reviewer, ReviewState } from "../sla/pull-request.js";
import type { PullRequestFields } from "../store/store.js";
import { capText, MAX_TITLE_CHARS } from "../config/limits.js";

/** The part of a GitHub pull-request object we read; every source carries at least this. */
export interface PullObject {
  id: number;
  number: number;
  title: string;
  user: { login: string; type?: string } | null;
  draft?: boolean | undefined;
  state: string;
  merged?: boolean | null | undefined;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  merged_at: string | null;
  labels?: ({ name?: string | undefined } | string)[] | undefined;
  head: { sha: string };
  additions?: number | undefined;
  deletions?: number | undefined;
  changed_files?: number | undefined;
}

/** GitHub's own form of an instant: whole seconds (or milliseconds) in UTC. */
const GITHUB_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3})?Z$/;
const UTC = { zone: FixedOffsetZone.utcInstance };

/**
 * The instant an ISO text names, in UTC. GitHub's form goes through `Date.parse` (a tenth of
 * luxon's cost, several times per delivery), kept only when `Date` prints it back the same, so a
 * day or hour out of range (which `Date.parse` rolls over) is luxon's to judge as before.
 */
export function utc(iso: string): DateTime {
  if (GITHUB_INSTANT.test(iso)) {
    const millis = Date.parse(iso);
    const text = Number.isNaN(millis) ? "" : new Date(millis).toISOString();
    if (text === iso || text === `${iso.slice(0, 19)}.000Z`)
      return DateTime.fromMillis(millis, UTC);
  }
  return DateTime.fromISO(iso, { zone: "utc" });
}

export function utcOrNull(iso: string | null | undefined): DateTime | null {
  return iso ? utc(iso) : null;
}

export function isBotLogin(login: string, type?: string): boolean {
  return type === "Bot" || login.endsWith("[bot]");
}

function labelNames(labels: PullObject["labels"]): string[] {
  return (labels ?? [])
    .map((l) => (typeof l === "string" ? l : (l.name ?? "")))
    .filter((name) => name !== "");
}

export interface PullContext {
  installationId: number;
  repositoryId: number;
  owner: string;
  repo: string;
  /** The stored readiness time, kept unless this event changes it. */
  previousReadyAt: DateTime | null;
  /** True for `ready_for_review`: the PR became ready at `updated_at`. */
  becameReady: boolean;
}

export function pullFields(pull: PullObject, ctx: PullContext): PullRequestFields {
  const author = pull.user?.login ?? "ghost";
  const createdAt = utc(pull.created_at);
  const readyAt = ctx.becameReady ? utc(pull.updated_at) : (ctx.previousReadyAt ?? createdAt);
  const mergedAt = utcOrNull(pull.merged_at);
  return {
    id: pull.id,
    installationId: ctx.installationId,
    repositoryId: ctx.repositoryId,
    owner: ctx.owner,
    repo: ctx.repo,
    number: pull.number,
    // Webhooks arrive capped (inbox.ts); REST answers (imports) are capped here.
    title: capText(pull.title, MAX_TITLE_CHARS),
    author,
    authorIsBot: isBotLogin(author, pull.user?.type),
    draft: pull.draft ?? false,
    open: pull.state === "open",
    merged: pull.merged === true || mergedAt !== null,
    createdAt,
    readyAt,
    closedAt: utcOrNull(pull.closed_at),
    mergedAt,
    labels: labelNames(pull.labels),
    additions: pull.additions ?? 0,
    deletions: pull.deletions ?? 0,
    changedFiles: pull.changed_files ?? 0,
    headSha: pull.head.sha,
    aiAssisted: false,
    updatedAt: utc(pull.updated_at),
  };
}

export function reviewerOf(input: {
  requested_reviewer?: { login: string } | null | undefined;
  requested_team?: { slug: string } | null | undefined;
}): Reviewer | null {
  if (input.requested_reviewer) return { type: "user", login: input.requested_reviewer.login };
  if (input.requested_team) return { type: "team", slug: input.requested_team.slug };
  return null;
}

/** GitHub's review states (any case) to ours; PENDING (a draft review) is not a review yet. */
export function reviewStateOf(state: string): ReviewState | null {
  switch (state.toLowerCase()) {
    case "approved":
      return "approved";
    case "changes_requested":
      return "changes_requested";
    case "commented":
      return "commented";
    case "dismissed":
      return "dismissed";
    default:
      return null;
  }
}

/** The installation a webhook payload belongs to, when it says. */
export function installationIdOf(payload: object): number | undefined {
  if (!("installation" in payload)) return undefined;
  const installation = payload.installation;
  if (typeof installation !== "object" || installation === null || !("id" in installation))
    return undefined;
  return typeof installation.id === "number" ? installation.id : undefined;
}
