// GitHub's own example webhook payloads, adapted to a scenario, and signed deliveries.
import { createRequire } from "node:module";

export { deliver, sign } from "../../src/demo/deliver.js";
export type { Delivery } from "../../src/demo/deliver.js";

const require = createRequire(import.meta.url);

interface ExampleEvent {
  name: string;
  examples: Record<string, unknown>[];
}

const examples = require("@octokit/webhooks-examples/api.github.com/index.json") as ExampleEvent[];

/** A deep copy of GitHub's example payload for `event.action` (one carrying `installation`). */
export function example(event: string, action?: string): Record<string, any> {
  const list = examples.find((e) => e.name === event)?.examples ?? [];
  const found =
    list.find((e) => (action === undefined || e.action === action) && "installation" in e) ??
    list.find((e) => action === undefined || e.action === action);
  if (!found) throw new Error(`no example payload for ${event}.${action ?? ""}`);
  return structuredClone(found) as Record<string, any>;
}

export interface PullScenario {
  installationId: number;
  repo: { id: number; owner: string; name: string };
  number: number;
  id: number;
  author: string;
  createdAt: string;
  updatedAt?: string;
  draft?: boolean;
  reviewers?: string[];
  labels?: string[];
  title?: string;
}

/** A `pull_request.<action>` payload built on GitHub's example, set to the scenario. */
export function pullRequestPayload(action: string, s: PullScenario): Record<string, any> {
  const payload = example("pull_request", "opened");
  const pr = payload.pull_request;
  payload.action = action;
  payload.installation = { id: s.installationId, node_id: "MDIz" };
  Object.assign(payload.repository, {
    id: s.repo.id,
    name: s.repo.name,
    full_name: `${s.repo.owner}/${s.repo.name}`,
    default_branch: "main",
  });
  payload.repository.owner.login = s.repo.owner;
  Object.assign(pr, {
    id: s.id,
    number: s.number,
    title: s.title ?? "Add feature",
    draft: s.draft ?? false,
    state: "open",
    merged: false,
    created_at: s.createdAt,
    updated_at: s.updatedAt ?? s.createdAt,
    closed_at: null,
    merged_at: null,
    labels: (s.labels ?? []).map((name, i) => ({ id: i + 1, name, color: "ededed" })),
    requested_reviewers: (s.reviewers ?? []).map((login, i) => ({
      ...pr.user,
      login,
      id: 100 + i,
    })),
    requested_teams: [],
  });
  pr.user.login = s.author;
  pr.user.type = "User";
  pr.head.sha = `sha-${s.number}-${s.updatedAt ?? s.createdAt}`;
  return payload;
}
