// Every kind of outbox action, declared once: the payload it stores (a zod schema, checked when
// the action is recorded and parsed again before it is performed) and how its unique key is made.
import type { DateTime } from "luxon";
import type { Logger } from "pino";
import { z } from "zod";
import type { ActionRow, NewAction } from "../store/store.js";

/**
 * One kind: its payload schema, and its key made from the enqueue input — the payload's fields
 * plus whatever else the key needs (those extra fields are not stored).
 */
function kind<S extends z.ZodType<object>, I extends z.input<S>>(
  payload: S,
  key: (input: I) => string,
) {
  return { payload, key };
}

const repositoryRef = z.object({ repositoryId: z.number().int() });

const commentPayload = z.object({
  owner: z.string(),
  repo: z.string(),
  number: z.number().int(),
  body: z.string(),
  /** A reminder overtaken by an escalation: recorded, never posted. */
  superseded: z.boolean().optional(),
});
/** The SLA policy names reminders and escalations itself (pr, kind, cycle, threshold). */
type CommentInput = z.input<typeof commentPayload> & { slaKey: string };

const importPayload = z.object({
  repositoryId: z.number().int(),
  /** Identifies one import run: its pages' keys derive from it. */
  tag: z.string().optional(),
  cursor: z.string().nullable().optional(),
  page: z.number().int().optional(),
  /** PR numbers listed by the earlier pages of this run. */
  seen: z.array(z.number().int()).optional(),
});

const assignmentPayload = z.object({
  owner: z.string(),
  repo: z.string(),
  number: z.number().int(),
  trigger: z.enum(["ready", "escalation"]),
  /** Reviewers who missed the SLA (escalation): never picked again. */
  missedSla: z.array(z.string()).default([]),
});
type AssignmentInput = z.input<typeof assignmentPayload>;

const configCheckPayload = z.object({
  owner: z.string(),
  repo: z.string(),
  number: z.number().int(),
  headSha: z.string(),
});

const rerequestPayload = z.object({
  owner: z.string(),
  repo: z.string(),
  number: z.number().int(),
  /** Logins of the people who requested changes in the cycle the push answers. */
  reviewers: z.array(z.string()),
});

const checklistPayload = z.object({ number: z.number().int(), event: z.string() });
const digestPayload = z.object({
  scopeKey: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
});
const reminderDmPayload = z.object({ reminderKey: z.string(), login: z.string() });
const nudgeDmPayload = z.object({ nudgeKey: z.string(), login: z.string() });

/** A PR command as parsed (src/commands/parse.ts). */
const commandSchema = z.discriminatedUnion("name", [
  z.object({ name: z.enum(["status", "claim", "pause", "resume"]) }),
  z.object({ name: z.literal("reassign"), to: z.string().nullable() }),
  z.object({
    name: z.literal("snooze"),
    span: z.discriminatedUnion("type", [
      z.object({ type: z.literal("for"), text: z.string() }),
      z.object({ type: z.literal("until"), date: z.string() }),
      z.object({ type: z.literal("next-working-day") }),
    ]),
  }),
]);
/** Where a Slack message is, and where Slack takes an ephemeral answer to a click on it. */
const slackMessageRef = z.object({
  channel: z.string(),
  ts: z.string(),
  responseUrl: z.string().nullable(),
  /** The clicked message's own words (its fallback and sections), kept when it is updated. */
  original: z
    .object({ text: z.string(), sections: z.array(z.string()) })
    .nullable()
    .default(null),
});
const prCommandPayload = z.object({
  owner: z.string(),
  repo: z.string(),
  number: z.number().int(),
  login: z.string(),
  /** Null when the comment could not be read as a command: `problem` says why. */
  command: commandSchema.nullable(),
  problem: z.string().nullable().default(null),
  source: z.discriminatedUnion("type", [
    z.object({ type: z.literal("comment"), commentId: z.number().int() }),
    z.object({ type: z.literal("slack"), message: slackMessageRef }),
  ]),
});
const slackClickPayload = z.object({
  userId: z.string(),
  button: z.enum(["claim", "reassign", "snooze-2h", "snooze-tomorrow", "snooze-1d"]),
  message: slackMessageRef,
});
const slackReplyPayload = z.object({
  message: slackMessageRef,
  /** `update`: the message itself is replaced; `ephemeral`: only the clicker sees the text. */
  mode: z.enum(["update", "ephemeral"]),
  text: z.string(),
});
const escalationSlackPayload = z.object({ escalationKey: z.string(), channel: z.string() });

export const ACTION_CATALOGUE = {
  /** A recorded webhook delivery, applied by its event's handler (github/inbox.ts). */
  webhook: kind(
    // The delivery's body is the handler's to read (Probot's event types).
    z.object({ event: z.string(), deliveryId: z.string(), payload: z.unknown() }),
    (input) => `webhook:${input.deliveryId}`,
  ),
  reminder: kind(commentPayload, (input: CommentInput) => input.slaKey),
  escalation: kind(commentPayload, (input: CommentInput) => input.slaKey),
  /** One nudge to the author per cycle: `author_response` or `merge` (sla/policy.ts names it). */
  nudge: kind(commentPayload, (input: CommentInput) => input.slaKey),
  /** After the author pushed, asks again those who requested changes: once per review cycle. */
  rerequest: kind(
    rerequestPayload,
    (input: z.input<typeof rerequestPayload> & { repositoryId: number; cycle: number }) =>
      `rerequest:${input.repositoryId}/${input.number}:c${input.cycle}`,
  ),
  /**
   * Writes the "Review SLA" check run: once per transition of the turn (whose, why, since, the
   * head commit, a missed deadline), never on a timer. `transition` comes from sla/turn.ts.
   */
  "sla-check": kind(
    z.object({ owner: z.string(), repo: z.string(), number: z.number().int() }),
    (input: {
      owner: string;
      repo: string;
      number: number;
      repositoryId: number;
      transition: string;
    }) => `sla-check:${input.repositoryId}/${input.number}@${input.transition}`,
  ),
  /** Re-reads a repository's config after a push changed it (one per pushed commit). */
  "refresh-config": kind(
    repositoryRef,
    (input: z.input<typeof repositoryRef> & { commit: string }) =>
      `refresh-config:${input.repositoryId}@${input.commit}`,
  ),
  /** Checks a config file a pull request changes, at each head commit. */
  "config-check": kind(
    configCheckPayload,
    (input: z.input<typeof configCheckPayload> & { repositoryId: number }) =>
      `config-check:${input.repositoryId}/${input.number}@${input.headSha}`,
  ),
  /** One page of a repository import: page 0's key is the run's name (`importRun`), page n's `<run>:p<n>`. */
  "import-repository": kind(
    importPayload,
    (input: z.input<typeof importPayload> & { run: string }) =>
      input.page ? `${input.run}:p${input.page}` : input.run,
  ),
  /** Lists an installation's repositories and imports them; the payload carries nothing. */
  "sync-installation": kind(
    z.record(z.string(), z.unknown()).transform(() => ({})),
    (input: { installationId: number; reason: string }) =>
      `sync-installation:${input.installationId}:${input.reason}`,
  ),
  "reconcile-repository": kind(
    repositoryRef,
    (input: z.input<typeof repositoryRef> & { round: string }) =>
      `reconcile:${input.repositoryId}:${input.round}`,
  ),
  /** Posts or updates the review checklist; `updatedAt` tells a repeated event from a redelivery. */
  checklist: kind(
    checklistPayload,
    (
      input: z.input<typeof checklistPayload> & {
        repositoryId: number;
        headSha: string;
        updatedAt: string;
      },
    ) =>
      `checklist:${input.repositoryId}/${input.number}@${input.headSha}:${input.event}:${input.updatedAt}`,
  ),
  /** Refreshes the checklist's check run after a person edited (or deleted) the comment. */
  "checklist-check": kind(
    z.object({ commentId: z.number().int() }),
    (input: { commentId: number; version: string }) =>
      `checklist-check:${input.commentId}@${input.version}`,
  ),
  /** A PR became ready without a reviewer: `reason` is `ready@<time>` or `unrequested@<time>`. */
  assign: kind(
    assignmentPayload,
    (input: AssignmentInput & { repositoryId: number; reason: string }) =>
      `assign:${input.repositoryId}/${input.number}:${input.reason}`,
  ),
  /** One more reviewer after an escalation (`escalation.reassign`). */
  reassign: kind(
    assignmentPayload,
    (input: AssignmentInput & { escalationKey: string }) => `reassign:${input.escalationKey}`,
  ),
  digest: kind(digestPayload, (input) => digestActionKey(input.scopeKey, input.periodStart)),
  "reminder-dm": kind(reminderDmPayload, (input) => reminderDmKey(input.reminderKey, input.login)),
  /** The author's nudge as a Slack DM, in the author's working hours. */
  "nudge-dm": kind(nudgeDmPayload, (input) => `${input.nudgeKey}:dm:${input.login.toLowerCase()}`),
  "escalation-slack": kind(escalationSlackPayload, (input) =>
    escalationSlackKey(input.escalationKey),
  ),
  /** A PR command, performed once per comment (`comment:<id>`) or Slack click. */
  "pr-command": kind(
    prCommandPayload,
    (input: z.input<typeof prCommandPayload> & { ref: string }) => `command:${input.ref}`,
  ),
  /** A click on a Slack button: mapped to a GitHub login, then a `pr-command`. */
  "slack-click": kind(
    slackClickPayload,
    (input: z.input<typeof slackClickPayload> & { clickId: string }) =>
      `slack-click:${input.clickId}`,
  ),
  /** The answer to a Slack click: the message updated in place, or an ephemeral explanation. */
  "slack-reply": kind(
    slackReplyPayload,
    (input: z.input<typeof slackReplyPayload> & { of: string }) => `slack-reply:${input.of}`,
  ),
};

/** Names an import run of a repository started for `reason` (a delivery id, a sync, a backfill). */
export function importRun(repositoryId: number, reason: string): string {
  return `import:${repositoryId}:${reason}`;
}

/** The outbox key of one scope's digest for the week starting at `periodStartIso`. */
export function digestActionKey(scopeKey: string, periodStartIso: string): string {
  return `digest:${scopeKey}:${periodStartIso}`;
}

export function reminderDmKey(reminderKey: string, login: string): string {
  return `${reminderKey}:dm:${login.toLowerCase()}`;
}

export function escalationSlackKey(escalationKey: string): string {
  return `${escalationKey}:slack`;
}

type Catalogue = typeof ACTION_CATALOGUE;
export type ActionKind = keyof Catalogue;
/** The payload an executor of kind K receives (parsed, defaults applied). */
export type PayloadOf<K extends ActionKind> = z.output<Catalogue[K]["payload"]>;
/** What enqueueing an action of kind K takes: its payload and its key's parts. */
export type InputOf<K extends ActionKind> = Parameters<Catalogue[K]["key"]>[0];

/** The catalogue seen per kind, so a generic K keeps its schema and key types together. */
type Specs = {
  [K in ActionKind]: { payload: z.ZodType<PayloadOf<K>>; key: (input: InputOf<K>) => string };
};
const SPECS: Specs = ACTION_CATALOGUE;

/** An outbox row whose payload was parsed with its kind's schema. */
export type Action<K extends ActionKind> = Omit<ActionRow, "kind" | "payload"> & {
  kind: K;
  payload: PayloadOf<K>;
};

/** Performs one action; returns what to record, or throws to have it retried. */
export type Executor<K extends ActionKind> = (action: Action<K>, log: Logger) => Promise<unknown>;

/** One executor per kind: a kind without one does not compile. */
export type Executors = { [K in ActionKind]: Executor<K> };

/** The schema an action of `kind` is parsed with before it is performed. */
export function payloadSchema<K extends ActionKind>(kind: K): z.ZodType<PayloadOf<K>> {
  return SPECS[kind].payload;
}

export function isActionKind(kind: string): kind is ActionKind {
  return Object.hasOwn(ACTION_CATALOGUE, kind);
}

/** Where and when an action runs. */
export interface ActionTarget {
  installationId: number;
  pullRequestId?: number | null;
  dueAt: DateTime;
  /** Lower runs first among due actions; 0 by default. */
  priority?: number;
}

/** The outbox row for an action of `kind`: its key from the catalogue, its payload checked. */
export function actionFor<K extends ActionKind>(
  kind: K,
  input: InputOf<K>,
  target: ActionTarget,
): NewAction {
  const spec = SPECS[kind];
  return {
    key: spec.key(input),
    installationId: target.installationId,
    pullRequestId: target.pullRequestId ?? null,
    kind,
    // Keeps only the payload's own fields: the key's extra parts are not stored.
    payload: spec.payload.parse(input),
    dueAt: target.dueAt,
    priority: target.priority ?? 0,
  };
}
