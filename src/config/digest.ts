// The `digest:` section of the repo/org config: when the weekly review digest is sent, where,
// and what it covers. One schema gives the types, the defaults and the documentation.
import { z } from "zod";

export const WEEKDAYS = [
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
  "sunday",
] as const;

export type Weekday = (typeof WEEKDAYS)[number];

/** ISO weekday number (Monday 1 … Sunday 7), as luxon counts them. */
export function isoWeekday(day: Weekday): number {
  return WEEKDAYS.indexOf(day) + 1;
}

const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)$/;
/** Slack channel IDs: public (C), private (G) or direct (D), upper-case letters and digits. */
const CHANNEL_ID = /^[CGD][A-Z0-9]{8,}$/;
/** Slack channel names: lower-case letters, digits, hyphens and underscores, at most 80. */
const CHANNEL_NAME = /^[\p{Ll}\p{Lo}\p{N}_-]{1,80}$/u;
const GLOB_CHARS = /[*?[\]{}!]/;
const REPO_REF = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/)?[A-Za-z0-9._-]{1,100}$/;
const TEAM_REF = /^(?:[A-Za-z0-9][A-Za-z0-9-]{0,38}\/)?[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export type SlackChannelRef = { kind: "id"; id: string } | { kind: "name"; name: string };

/** Reads `#name`, `name` or a channel ID; null when it is none of those. */
export function parseSlackChannel(text: string): SlackChannelRef | null {
  const trimmed = text.trim();
  if (CHANNEL_ID.test(trimmed)) return { kind: "id", id: trimmed };
  const name = trimmed.startsWith("#") ? trimmed.slice(1) : trimmed;
  return CHANNEL_NAME.test(name) ? { kind: "name", name } : null;
}

/** A Slack channel as people write it: `#name`, `name` or a channel ID. */
export const slackChannelSchema = z.string().refine((text) => parseSlackChannel(text) !== null, {
  error: 'expected a Slack channel as "#name", "name" or a channel ID like "C0123ABCD"',
});

/** "mon", "Mon" or "Monday" → "monday"; anything else unchanged, for the enum to reject. */
function fullWeekday(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const name = value.trim().toLowerCase();
  return WEEKDAYS.find((day) => day === name || day.slice(0, 3) === name) ?? value;
}

export const digestScheduleSchema = z
  .object({
    // "mon" and "Monday" are accepted, as in working_days.
    day: z
      .preprocess(
        fullWeekday,
        z.enum(WEEKDAYS, { error: `expected a day of the week: ${WEEKDAYS.join(", ")}` }),
      )
      .default("monday")
      .describe("Day of the week the digest is sent, in the team's time zone."),
    time: z
      .string()
      .regex(TIME_OF_DAY, { error: 'expected a 24-hour time like "09:00"' })
      .default("09:00")
      .describe('Time of day the digest is sent ("HH:MM", 24-hour, team time zone).'),
  })
  .describe("When the digest of the last full week (Monday to Monday) is sent.");

export type DigestSchedule = z.infer<typeof digestScheduleSchema>;

const repoListSchema = z
  .array(
    z.string().refine((text) => !GLOB_CHARS.test(text) && REPO_REF.test(text), {
      error: 'expected "owner/repo" or a repository name, without wildcards',
    }),
  )
  .describe('Repositories in the scope: "owner/repo" or a repository name (no wildcards).');

const teamListSchema = z
  .array(
    z.string().refine((text) => TEAM_REF.test(text), {
      error: 'expected a team slug like "platform" or "my-org/platform"',
    }),
  )
  .describe("Teams whose members' pull requests are in the scope (team slugs).");

export const namedScopeSchema = z
  .object({
    name: z.string().trim().min(1).max(80).describe("Name shown in the digest's title."),
    repos: repoListSchema.optional(),
    teams: teamListSchema.optional(),
  })
  .refine((scope) => (scope.repos?.length ?? 0) + (scope.teams?.length ?? 0) > 0, {
    error: 'a named scope needs "repos" or "teams"; use "installation" for everything',
  });

const SCOPE_FORMS =
  'expected "installation" or a named scope like {name: Platform, repos: [acme/api], teams: [platform]}';

export const digestConfigSchema = z
  .object({
    enabled: z
      .boolean()
      .default(true)
      .describe("Send the weekly digest. It is only sent when Slack is configured."),
    schedule: digestScheduleSchema.prefault({}),
    slack_channel: slackChannelSchema
      .optional()
      .describe("Slack channel for the digest: #name, name or a channel ID."),
    scope: z
      .union([z.literal("installation", { error: SCOPE_FORMS }), namedScopeSchema], {
        error: SCOPE_FORMS,
      })
      .default("installation")
      .describe(
        'What the digest covers: "installation" (every repository of the installation) ' +
          "or { name, repos, teams }.",
      ),
    top_n: z
      .int()
      .min(1)
      .max(50)
      .default(5)
      .describe("How many reviewers the reviewer-load table shows."),
    breaches_limit: z
      .int()
      .min(1)
      .max(50)
      .default(10)
      .describe('How many SLA-breaching pull requests are listed before "and N more".'),
  })
  .describe("The weekly review-health digest posted to Slack.");

export type DigestConfig = z.infer<typeof digestConfigSchema>;
