// The repository configuration (.github/review-sla.yml) as one zod schema: it gives the
// TypeScript type, the defaults, the validation messages and the generated reference docs.
import { z } from "zod";
import {
  dateRangeSchema,
  dateSchema,
  quietHoursSchema,
  workingDaysSchema,
  workingHoursSchema,
  zoneSchema,
} from "./calendar.js";
import { assignmentConfigSchema } from "./assignment.js";
import { checklistConfigSchema } from "./checklist.js";
import { digestConfigSchema, slackChannelSchema } from "./digest.js";
import { durationSchema } from "./duration.js";

// Logins are echoed into comments, so only GitHub's own characters get through:
// alphanumerics and single inner hyphens, at most 39; team slugs add "_" and ".".
const LOGIN = "(?=[A-Za-z0-9-]{1,39}(?:/|$))[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*";
const TEAM_SLUG = "[A-Za-z0-9][A-Za-z0-9._-]*";
const LOGIN_KEY = new RegExp(`^${LOGIN}$`);
const TARGET = new RegExp(`^@?${LOGIN}(?:/${TEAM_SLUG})?$`);
const AUTHOR_PATTERN = /^[A-Za-z0-9*-]+(?:\[bot\])?$/;

const EXPECTED_LOGIN = 'expected a GitHub login like "dana"';
const EXPECTED_TARGET = 'expected a GitHub login like "dana" or a team like "acme/reviewers"';
const EXPECTED_AUTHOR = 'expected a login or a pattern like "*[bot]" ("*" matches anything)';
const EXPECTED_LABEL = "expected a label name";

const labelName = z.string({ error: EXPECTED_LABEL }).trim().min(1, { error: EXPECTED_LABEL });
const labelList = z.array(labelName, { error: "expected a list of label names" });
const lineCount = z
  .int({ error: "expected a whole number of lines" })
  .min(0, { error: "expected a number of lines, 0 or more" });

const escalationTarget = z
  .string({ error: EXPECTED_TARGET })
  .trim()
  .regex(TARGET, { error: EXPECTED_TARGET })
  .transform((target) => target.replace(/^@/, "").toLowerCase());

const authorPattern = z
  .string({ error: EXPECTED_AUTHOR })
  .trim()
  .regex(AUTHOR_PATTERN, { error: EXPECTED_AUTHOR })
  .transform((pattern) => pattern.toLowerCase());

type OverrideInput = {
  label?: string | undefined;
  labels?: string[] | undefined;
  min_changed_lines?: number | undefined;
  max_changed_lines?: number | undefined;
  first_review?: unknown;
  resolution?: unknown;
};

function checkOverride(override: OverrideInput, ctx: z.RefinementCtx<OverrideInput>) {
  const { label, labels, min_changed_lines: min, max_changed_lines: max } = override;
  if (label === undefined && labels === undefined && min === undefined && max === undefined) {
    ctx.addIssue({
      code: "custom",
      message:
        "expected a condition (labels, label, min_changed_lines or max_changed_lines), found none",
    });
  }
  if (override.first_review === undefined && override.resolution === undefined) {
    ctx.addIssue({
      code: "custom",
      message: "expected first_review or resolution (or both), found neither",
    });
  }
  if (min !== undefined && max !== undefined && min > max) {
    ctx.addIssue({
      code: "custom",
      path: ["max_changed_lines"],
      message: `expected at least min_changed_lines (${min}), found ${max}`,
    });
  }
}

const overrideSchema = z
  .strictObject({
    labels: labelList
      .min(1, { error: "expected at least one label" })
      .optional()
      .describe("Applies to pull requests carrying any of these labels."),
    label: labelName.optional().describe("A single label; shorthand for `labels: [name]`."),
    min_changed_lines: lineCount
      .optional()
      .describe("Applies when at least this many lines changed (additions + deletions)."),
    max_changed_lines: lineCount
      .optional()
      .describe("Applies when at most this many lines changed (additions + deletions)."),
    first_review: durationSchema.optional().describe("First-review SLA for matching PRs."),
    resolution: durationSchema.optional().describe("Resolution SLA for matching PRs."),
  })
  .superRefine(checkOverride)
  .transform(({ label, labels, ...rest }): typeof rest & { labels?: string[] } => {
    const merged = label === undefined ? labels : [...(labels ?? []), label];
    return merged === undefined ? rest : { ...rest, labels: [...new Set(merged)] };
  });

/**
 * Reviewers that are machines even without a `[bot]` login: GitHub Copilot's reviewer (requested
 * as "Copilot") and the AI review apps most often installed. Bots are ignored anyway; listing
 * their app logins documents them and keeps them ignored if GitHub ever drops the suffix.
 */
export const DEFAULT_IGNORED_REVIEWERS = [
  "copilot",
  "copilot-pull-request-reviewer[bot]",
  "coderabbitai[bot]",
  "gemini-code-assist[bot]",
  "sourcery-ai[bot]",
  "qodo-merge-pro[bot]",
  "greptile-apps[bot]",
  "ellipsis-dev[bot]",
  "cursor[bot]",
  "chatgpt-codex-connector[bot]",
  "claude[bot]",
] as const;

const slaSchema = z
  .strictObject({
    first_review: durationSchema
      .prefault("24h")
      .describe(
        'Time a ready pull request may wait for its first review before reviewers are reminded, e.g. "24h", "2d", "90m", "1d 4h".',
      ),
    resolution: durationSchema
      .prefault("48h")
      .describe(
        "Time a pull request may stay open without merge or changes requested before it is escalated.",
      ),
    author_response: durationSchema
      .prefault("24h")
      .describe(
        "Time the author has to push or reply after a reviewer requested changes before one nudge goes to the author.",
      ),
    merge_after_approval: durationSchema
      .prefault("8h")
      .describe("Time an approved pull request may stay unmerged before one nudge to its author."),
    ignore_reviewers: z
      .array(authorPattern, { error: "expected a list of logins or patterns" })
      .transform((list) => [...new Set([...DEFAULT_IGNORED_REVIEWERS, ...list])])
      .prefault([])
      .describe(
        `Reviewers whose reviews never count for the SLA, besides every bot ("[bot]" logins, GitHub accounts of type Bot): AI reviewers and machine accounts, never picked or pinged. Logins or patterns ("*" matches any), added to the built-in list: ${DEFAULT_IGNORED_REVIEWERS.join(", ")}.`,
      ),
    rerequest_after_push: z
      .boolean({ error: "expected true or false" })
      .prefault(true)
      .describe(
        "When the author pushes after changes were requested, request a review again from those who requested changes (a new review cycle).",
      ),
    check: z
      .enum(["off", "informational", "blocking"])
      .prefault("informational")
      .describe(
        'The "Review SLA" check run on each pull request: `off`, `informational` (neutral or success, never blocks) or `blocking` (a missed deadline completes it as failure).',
      ),
    overrides: z
      .array(overrideSchema, { error: "expected a list of overrides" })
      .prefault([])
      .describe(
        "Different SLAs for some pull requests. An override applies when all its conditions hold; the first that applies wins; durations it leaves out keep the defaults above.",
      ),
  })
  .prefault({})
  .describe("Service-level targets, counted on the clock chosen by `clock`.");

const escalationSchema = z
  .strictObject({
    to: z
      .array(escalationTarget, { error: "expected a list of logins or teams" })
      .transform((targets) => [...new Set(targets)])
      .prefault([])
      .describe(
        'Who is mentioned when the resolution SLA is missed: logins ("dana" or "@dana") or teams ("acme/reviewers").',
      ),
    reassign: z
      .boolean({ error: "expected true or false" })
      .prefault(false)
      .describe(
        "Also request one more reviewer from `assignment.pool` (never one who missed the SLA, never the author); needs `assignment.enabled`.",
      ),
    slack_channel: slackChannelSchema
      .optional()
      .describe(
        "Slack channel escalations are also posted to (#name, name or a channel ID); needs Slack configured.",
      ),
  })
  .prefault({})
  .describe("What happens when a pull request misses its resolution SLA.");

const personSchema = z
  .strictObject({
    timezone: zoneSchema.optional().describe("The person's IANA time zone; default: the team's."),
    working_hours: workingHoursSchema
      .optional()
      .describe("The person's hours, e.g. \"10:00-19:00\"; default: the team's."),
    working_days: workingDaysSchema.optional().describe("The person's days; default: the team's."),
    away: z
      .array(dateRangeSchema, { error: "expected a list of periods like {from, to}" })
      .prefault([])
      .describe("Periods away (holidays, leave): no reviews are assigned or chased."),
    slack: z
      .string({ error: "expected a Slack member ID" })
      .trim()
      .min(1, { error: "expected a Slack member ID" })
      .optional()
      .describe('Slack member ID for direct messages, e.g. "U024BE7LH".'),
  })
  .describe("One person's settings.");

type Person = z.output<typeof personSchema>;

/** GitHub logins are case-insensitive, so two keys differing only in case are one person. */
function lowerCaseLogins(people: Record<string, Person>, ctx: z.RefinementCtx<unknown>) {
  const byLogin: Record<string, Person> = {};
  for (const [login, person] of Object.entries(people)) {
    const key = login.toLowerCase();
    if (Object.hasOwn(byLogin, key)) {
      ctx.addIssue({
        code: "custom",
        path: [login],
        message: `expected each person once (logins ignore case), found "${key}" twice`,
      });
    }
    byLogin[key] = person;
  }
  return byLogin;
}

const peopleSchema = z
  .record(
    z.string().regex(LOGIN_KEY, { error: EXPECTED_LOGIN }).meta({ title: "login" }),
    personSchema,
    { error: "expected a mapping of GitHub logins to their settings" },
  )
  .transform(lowerCaseLogins)
  .prefault({})
  .describe(
    "Per-person settings by GitHub login (any case): time zone, working hours and days, time away, Slack ID.",
  );

export const configSchema = z
  .strictObject(
    {
      _extends: z
        .string()
        .optional()
        .describe("Repository whose config this one extends; resolved before validation."),
      timezone: zoneSchema.prefault("UTC").describe("The team's IANA time zone."),
      working_days: workingDaysSchema
        .prefault(["mon", "tue", "wed", "thu", "fri"])
        .describe('Working days: "mon".."sun" or full names, any case.'),
      working_hours: workingHoursSchema
        .prefault("09:00-18:00")
        .describe('Working hours in the team\'s zone, "HH:MM-HH:MM" (24-hour clock).'),
      holidays: z
        .array(dateSchema, { error: "expected a list of dates like 2025-12-25" })
        .transform((days) => [...new Set(days)].sort())
        .prefault([])
        .describe("Days off for the whole team (YYYY-MM-DD); they do not count as working time."),
      clock: z
        .enum(["calendar", "workdays", "working-hours"])
        .prefault("workdays")
        .describe(
          "How waiting time is counted: `calendar` (every hour), `workdays` (whole working days, skipping weekends and holidays) or `working-hours` (only inside working hours).",
        ),
      sla: slaSchema,
      pause_labels: labelList
        .prefault(["on-hold"])
        .describe(
          "Labels that pause the SLA: no reminders or escalations while present; when one is removed, the clocks start again from that moment.",
        ),
      skip_labels: labelList
        .prefault(["skip-review-sla"])
        .describe("Labels that exempt a pull request from SLAs altogether."),
      skip_authors: z
        .array(authorPattern, { error: "expected a list of logins or patterns" })
        .prefault(["*[bot]"])
        .describe('Authors whose pull requests are exempt: logins or patterns ("*" matches any).'),
      escalation: escalationSchema,
      quiet_hours: quietHoursSchema
        .prefault(true)
        .describe(
          'When the app may post: `true` only in working hours, `false` whenever due, or `{from: "20:00", to: "08:00"}` to hold pings inside that window.',
        ),
      people: peopleSchema,
      checklist: checklistConfigSchema,
      digest: digestConfigSchema.prefault({}),
      assignment: assignmentConfigSchema
        .prefault({})
        .describe("Load-balanced reviewer assignment from a pool."),
      commands: z
        .strictObject({
          max_snooze: durationSchema
            .prefault("3d")
            .describe(
              "Longest `/review-sla snooze` (and Slack snooze), counted in working days of the team's calendar.",
            ),
        })
        .prefault({})
        .describe("PR commands (`/review-sla …` comments) and Slack buttons."),
    },
    {
      error: (issue) =>
        issue.code === "invalid_type" ? "expected a mapping of settings (key: value)" : undefined,
    },
  )
  .meta({
    title: "review-sla configuration",
    description: "Pull-request review SLAs for a repository: .github/review-sla.yml",
  });

export type RepoConfig = z.output<typeof configSchema>;

/** The configuration that applies when a repository has no file, or an invalid one. */
export function defaultConfig(): RepoConfig {
  return configSchema.parse({});
}
