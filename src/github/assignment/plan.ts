// An assignment plan: whom to request, who comes next if GitHub refuses one of them, and what
// the comment says. Saved before acting, so a retried action finishes the same choice.
import { z } from "zod";
import { pickReviewers } from "../../assignment/pick.js";
import type { PickInput } from "../../assignment/pick.js";
import { renderAssignmentComment } from "../../assignment/render.js";
import { inlineCode } from "../../comments/escape.js";
import type { Trigger } from "./inputs.js";

const chosenSchema = z.object({ login: z.string(), load: z.number(), reason: z.string() });

const planSchema = z.object({
  trigger: z.enum(["ready", "escalation"]),
  poolName: z.string(),
  chosen: z.array(chosenSchema),
  /** The next in line, tried once when GitHub refuses a chosen reviewer. */
  fallback: chosenSchema.nullable(),
  ranking: z.array(
    z.object({
      login: z.string(),
      load: z.number(),
      score: z.number(),
      excluded: z.string().nullable(),
    }),
  ),
  /** Pool teams requested on the PR, replaced by the person picked. */
  replaceTeams: z.array(z.string()),
  /** Logins GitHub refused to request (422), in order. */
  refused: z.array(z.string()),
});

export type Plan = z.infer<typeof planSchema>;

export const REFUSED = "review request refused by GitHub";

/** A plan saved by an earlier attempt, or null when there is none (or it cannot be read). */
export function readPlan(value: unknown): Plan | null {
  const parsed = planSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** Picks one more than wanted: the extra person is the fallback. */
export function makePlan(input: PickInput, trigger: Trigger, replaceTeams: string[]): Plan {
  const result = pickReviewers({ ...input, count: input.count + 1 });
  return {
    trigger,
    poolName: input.poolName,
    chosen: result.chosen.slice(0, input.count),
    fallback: result.chosen[input.count] ?? null,
    ranking: result.ranking,
    replaceTeams,
    refused: [],
  };
}

/** GitHub refused `login`: drop them, and bring in the fallback once. */
export function refuse(plan: Plan, login: string): Plan {
  const key = login.toLowerCase();
  const chosen = plan.chosen.filter((c) => c.login.toLowerCase() !== key);
  if (plan.fallback) chosen.push(plan.fallback);
  return {
    ...plan,
    chosen,
    fallback: null,
    ranking: plan.ranking.map((c) =>
      c.login.toLowerCase() === key ? { ...c, excluded: REFUSED } : c,
    ),
    refused: [...plan.refused, login],
  };
}

/** The one comment: whom we asked and why (or why nobody), and whom GitHub refused. */
export function planComment(plan: Plan, actionKey: string): string {
  const body = renderAssignmentComment({
    chosen: plan.chosen,
    ranking: plan.ranking,
    poolName: plan.poolName,
    trigger: plan.trigger,
    prKey: actionKey,
  });
  if (plan.chosen.length === 0 || plan.refused.length === 0) return body;
  const refused = plan.refused.map((login) => inlineCode(`@${login}`)).join(", ");
  return `${body}\nGitHub refused the review request for ${refused} (usually: not a collaborator on this repository).`;
}
