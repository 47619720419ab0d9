// Who counts as a person reviewing: bots (`[bot]` logins, GitHub's `type: Bot`) and the logins in
// `sla.ignore_reviewers` (AI reviewers) never stop an SLA clock, are never picked, never pinged.
import { matchesLogin } from "./exemptions.js";
import type { PullRequestState, ReviewRecord, ReviewRequestRecord } from "./pull-request.js";

/** True for a machine reviewer: a bot by login or by GitHub's account type, or an ignored login. */
export function isMachineReviewer(
  login: string,
  isBot: boolean,
  ignore: readonly string[],
): boolean {
  return isBot || login.toLowerCase().endsWith("[bot]") || matchesLogin(login, ignore);
}

export function isHumanReview(review: ReviewRecord, ignore: readonly string[]): boolean {
  return !isMachineReviewer(review.reviewer, review.reviewerIsBot ?? false, ignore);
}

/** A request for a machine (e.g. Copilot asked to review): it starts no clock and waits on nobody. */
export function isMachineRequest(request: ReviewRequestRecord, ignore: readonly string[]): boolean {
  return (
    request.reviewer.type === "user" && isMachineReviewer(request.reviewer.login, false, ignore)
  );
}

function answers(
  pr: PullRequestState,
  request: ReviewRequestRecord,
  review: ReviewRecord,
): boolean {
  if (review.submittedAt < request.requestedAt) return false;
  const login = review.reviewer.toLowerCase();
  if (request.reviewer.type === "user") return request.reviewer.login.toLowerCase() === login;
  return login !== pr.author.toLowerCase();
}

/**
 * When a person answered the request, or null. The store marks a request answered by the first
 * matching review, whoever wrote it; an answer only machines gave at that instant is looked up
 * again among the people's reviews, so a team request answered by an AI reviewer stays pending.
 */
export function humanAnswerAt(
  pr: PullRequestState,
  request: ReviewRequestRecord,
  ignore: readonly string[],
) {
  const satisfiedAt = request.satisfiedAt;
  if (satisfiedAt === null) return null;
  const atAnswer = pr.reviews.filter(
    (r) => r.submittedAt.toMillis() === satisfiedAt.toMillis() && answers(pr, request, r),
  );
  if (atAnswer.length === 0 || atAnswer.some((r) => isHumanReview(r, ignore))) return satisfiedAt;
  const human = pr.reviews
    .filter((r) => isHumanReview(r, ignore) && answers(pr, request, r))
    .map((r) => r.submittedAt)
    .sort((a, b) => a.toMillis() - b.toMillis());
  return human[0] ?? null;
}
