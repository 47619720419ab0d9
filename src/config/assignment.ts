// The `assignment:` section of the repo config: who may be asked to review, how many, and what
// counts against them. Logins and teams are validated here because comments echo them.
import { z } from "zod";
import { dateRangeSchema } from "./calendar.js";
import type { DateRange } from "./calendar.js";
import { durationSchema } from "./duration.js";

// GitHub logins: letters, digits and single hyphens, at most 39 characters. Older accounts
// may end in or double a hyphen, so only the first character is constrained further.
const LOGIN = /^[a-z0-9][a-z0-9-]{0,38}$/i;
// Team slugs are derived from team names: letters, digits, `-` and `_`.
const TEAM = /^([a-z0-9][a-z0-9-]{0,38})\/([a-z0-9][a-z0-9_-]{0,99})$/i;

export type PoolEntry =
  { type: "user"; login: string } | { type: "team"; org: string; slug: string };

/** Reads `dana`, `@dana`, `acme/senior-reviewers` or `@acme/senior-reviewers`; null otherwise. */
export function parsePoolEntry(text: string): PoolEntry | null {
  const bare = text.trim().replace(/^@/, "").toLowerCase();
  if (LOGIN.test(bare)) return { type: "user", login: bare };
  const team = TEAM.exec(bare);
  if (team) return { type: "team", org: team[1] ?? "", slug: team[2] ?? "" };
  return null;
}

const loginSchema = z
  .string()
  .trim()
  .transform((text, ctx) => {
    const bare = text.replace(/^@/, "").toLowerCase();
    if (!LOGIN.test(bare)) {
      ctx.addIssue({ code: "custom", message: `"${text}" is not a GitHub login like "dana"` });
      return z.NEVER;
    }
    return bare;
  });

const poolEntrySchema = z
  .string()
  .trim()
  .transform((text, ctx) => {
    const entry = parsePoolEntry(text);
    if (!entry) {
      ctx.addIssue({
        code: "custom",
        message: `"${text}" is neither a login like "dana" nor a team like "acme/senior-reviewers"`,
      });
      return z.NEVER;
    }
    return entry.type === "user" ? entry.login : `${entry.org}/${entry.slug}`;
  });

const awaySchema = z
  .record(
    z.string().meta({ title: "login" }),
    // The calendar's ranges also read dates that a YAML 1.1 loader turned into Date objects.
    z.array(dateRangeSchema, { error: "expected a list of periods like {from, to}" }),
  )
  .superRefine((record, ctx) => {
    for (const key of Object.keys(record)) {
      if (!LOGIN.test(key.replace(/^@/, "")))
        ctx.addIssue({ code: "custom", path: [key], message: `"${key}" is not a GitHub login` });
    }
  })
  .transform((record) => {
    const byLogin: Record<string, DateRange[]> = {};
    for (const [key, ranges] of Object.entries(record)) {
      const login = key.replace(/^@/, "").toLowerCase();
      byLogin[login] = [...(byLogin[login] ?? []), ...ranges];
    }
    return byLogin;
  });

export const assignmentConfigSchema = z
  .strictObject({
    enabled: z
      .boolean()
      .default(false)
      .describe("Request reviewers from the pool when a pull request becomes ready for review."),
    pool: z
      .array(poolEntrySchema)
      .default([])
      .describe('Who may be picked: logins ("dana") and teams ("acme/senior-reviewers").'),
    reviewers: z
      .number()
      .int()
      .min(1)
      .max(10)
      .default(1)
      .describe("How many reviewers to request per pull request (escalation always adds one)."),
    max_open_reviews: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe("A person already holding this many open review requests is not picked."),
    weight_by_size: z
      .boolean()
      .default(true)
      .describe("Weigh each review by the size of the pull request (log-scaled, bounded)."),
    recent_window: durationSchema
      .prefault("5d")
      .describe("How long a completed review keeps counting against the reviewer."),
    recent_weight: z
      .number()
      .min(0)
      .max(1)
      .default(1)
      .describe(
        "How much a review completed within recent_window counts compared with an open one " +
          "(below 1, finishing a review makes the fastest reviewer the next one picked).",
      ),
    away: awaySchema
      .default({})
      .describe("Shorthand for people.<login>.away: login -> [{from, to}] inclusive local dates."),
    prefer_codeowners: z
      .boolean()
      .default(false)
      .describe("Prefer candidates who own changed paths in CODEOWNERS."),
    codeowners_bonus: z
      .number()
      .min(0)
      .max(100)
      .default(1)
      .describe("Load subtracted from a code owner's score when prefer_codeowners is on."),
    exclude: z.array(loginSchema).default([]).describe("Logins never picked."),
    only_working_hours: z
      .boolean()
      .default(false)
      .describe("Pick only people whose working hours are open now (everyone when nobody is)."),
  })
  .describe("Load-balanced reviewer assignment from a pool.");

export type AssignmentConfig = z.infer<typeof assignmentConfigSchema>;
