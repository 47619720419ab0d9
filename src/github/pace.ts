// How fast one installation may write to GitHub. Octokit's throttle spaces notification-creating
// requests (comments, review requests) 3 s apart by default: about 20 a minute, so a burst of
// overdue PRs took many minutes to post. GitHub asks for writes at least 1 s apart and at most
// 80 content-creating requests a minute; one second apart per installation gives 60 a minute,
// and the content budget (src/outbox/budget.ts) still caps 80 a minute and 500 an hour.
import Bottleneck from "bottleneck";
import { ProbotOctokit } from "probot";

export const NOTIFICATION_SPACING_MS = 1_000;

/**
 * One limiter per throttle id (Probot gives each installation's client its own), shared by every
 * client of the process, as Octokit's own groups are.
 */
const notifications = new Bottleneck.Group({
  id: "review-sla-notifications",
  maxConcurrent: 1,
  minTime: NOTIFICATION_SPACING_MS,
});

/** An Octokit class whose throttle posts comments at GitHub's pace, not Octokit's default. */
export function pacedOctokit(Base: typeof ProbotOctokit = ProbotOctokit): typeof ProbotOctokit {
  return Base.defaults((options: Record<string, unknown>) => {
    const throttle = options.throttle;
    const current = typeof throttle === "object" && throttle !== null ? throttle : {};
    return { ...options, throttle: { ...current, notifications } };
  });
}
