// The demo's story, as data: a Berlin team's repository and configuration, its people, and the
// pull request that is opened on a Friday evening. Fixed dates, so every run tells the same story.
import { DateTime } from "luxon";
import type { PayloadRepo } from "./payloads.js";
import type { StandInPull } from "./stand-in/github-types.js";

export const ZONE = "Europe/Berlin";

/** A time in the team's zone, e.g. `berlin("2026-11-20T18:30")`. */
export function berlin(iso: string): DateTime {
  return DateTime.fromISO(iso, { zone: ZONE }).toUTC();
}

/** Friday 20 November 2026, 18:00 in Berlin, to Monday 30 November, 09:00. */
export const START = berlin("2026-11-20T18:00");
export const END = berlin("2026-11-30T09:00");

export const REPO: PayloadRepo = { installationId: 7, id: 4201, owner: "acme", name: "api" };
export const FULL_NAME = `${REPO.owner}/${REPO.name}`;
export const POOL_TEAM = "acme/seniors";
export const SENIORS = ["eli", "fatima", "gus"];
/** What the team writes in `.github/review-sla.yml`; the timeline reads people and channels back from the app. */
export const CONFIG_YAML = `# .github/review-sla.yml of acme/api
timezone: ${ZONE}
clock: workdays
working_hours: "09:00-18:00"
quiet_hours: { from: "20:00", to: "08:00" }
sla:
  first_review: 24h
  resolution: 48h
escalation:
  to: ["@acme/leads"]
  reassign: true
  slack_channel: "#eng-escalations"
assignment:
  enabled: true
  pool: ["@${POOL_TEAM}"]
people:
  dana: { slack: U01DANA }
  eli: { slack: U01ELI }
  fatima: { slack: U01FATIMA }
  gus: { slack: U01GUS, timezone: Asia/Tokyo }
digest:
  slack_channel: "#eng-reviews"
`;

interface PullSketch {
  id: number;
  number: number;
  title: string;
  author: string;
  createdAt: DateTime;
  labels: string[];
  reviewers: string[];
  files: string[];
}

function pull(s: PullSketch): StandInPull {
  const at = s.createdAt.toISO() ?? "";
  return {
    id: s.id,
    number: s.number,
    title: s.title,
    user: { login: s.author, type: "User" },
    draft: false,
    state: "open",
    created_at: at,
    updated_at: at,
    closed_at: null,
    merged_at: null,
    labels: s.labels.map((name) => ({ name })),
    head: { sha: `${s.number}c0ffee`.padEnd(40, "0"), ref: `pr-${s.number}` },
    additions: 180,
    deletions: 24,
    changed_files: s.files.length,
    requested_reviewers: s.reviewers.map((login) => ({ login })),
    requested_teams: [],
    files: s.files,
    body: null,
    commits: [{ sha: "1".repeat(40), message: s.title }],
    reviews: [],
    events: s.reviewers.map((login) => ({
      event: "review_requested",
      created_at: at,
      requested_reviewer: { login },
    })),
  };
}

/** Already open when the app is installed: it gives @fatima an open review (on hold, so quiet). */
export const WAITING_PULL = pull({
  id: 88041,
  number: 41,
  title: "Move the billing cron to the job queue",
  author: "kim",
  createdAt: berlin("2026-11-18T11:00"),
  labels: ["on-hold"],
  reviewers: ["fatima"],
  files: ["src/billing/cron.ts", "src/jobs/queue.ts"],
});

export const DEMO_PULL_OPENED = berlin("2026-11-20T18:30");

/** The pull request of the story: opened Friday 18:30 with no reviewer, AI-assisted. */
export const DEMO_PULL = pull({
  id: 88042,
  number: 42,
  title: "Rate-limit the export endpoint",
  author: "dana",
  createdAt: DEMO_PULL_OPENED,
  labels: ["ai-assisted"],
  reviewers: [],
  files: ["src/export/rate-limit.ts", "src/export/routes.ts", "test/export/rate-limit.test.ts"],
});

export const CHANGES_PULL_OPENED = berlin("2026-11-23T09:30");

/**
 * Opened on Monday morning with @fatima requested: she asks for changes before lunch, and @eli
 * does not answer within a working day, so the app nudges the author.
 */
export const CHANGES_PULL = pull({
  id: 88043,
  number: 43,
  title: "Retry webhook deliveries with backoff",
  author: "eli",
  createdAt: CHANGES_PULL_OPENED,
  labels: [],
  reviewers: ["fatima"],
  files: ["src/webhooks/retry.ts", "test/webhooks/retry.test.ts"],
});
