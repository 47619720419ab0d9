// Facts read from the app's own database: the repository it started tracking (config loaded,
// pull requests imported) and when the demo pull request's next SLA action falls due.
import type { DateTime } from "luxon";
import type { Store, StoredPullRequest } from "../store/store.js";
import { formatWhen, plural } from "./facts.js";
import type { Fact } from "./facts.js";
import { DEMO_PULL, FULL_NAME, REPO } from "./scenario.js";

const SLA_KINDS = new Set(["reminder", "escalation"]);

function describePull(pr: StoredPullRequest): string {
  const waiting = pr.requests
    .filter((r) => r.removedAt === null && r.satisfiedAt === null)
    .map((r) => (r.reviewer.type === "user" ? `@${r.reviewer.login}` : r.reviewer.slug));
  const labels = pr.labels.length > 0 ? `${pr.labels.join(", ")}, ` : "";
  return `#${pr.number} (${labels}waiting on ${waiting.join(", ") || "nobody"})`;
}

/** Why nothing is planned: the PR is closed, or its reminder and escalation are done. */
async function whyNothingDue(store: Store, pr: StoredPullRequest): Promise<string> {
  if (pr.merged) return "merged";
  if (!pr.open) return "closed";
  const actions = await store.outbox.list({ status: "done", pullRequestId: pr.id });
  const kinds = actions.flatMap((a) => (SLA_KINDS.has(a.kind) ? [a.kind] : []));
  return kinds.length > 0 ? `${kinds.join(" and ")} done` : "nobody is asked to review";
}

/** What the app recorded of a PR's progress, e.g. "approved by @eli", "merged". */
function progressOf(pr: StoredPullRequest): string[] {
  const reviews = pr.reviews.map((r) => `${r.state.replace("_", " ")} by @${r.reviewer}`);
  return [...reviews, ...(pr.merged ? ["merged"] : !pr.open ? ["closed"] : [])];
}

/** Watches the store between steps and reports what changed in words. */
export class StoreWatcher {
  private tracked = false;
  private nextDue: string | null = null;
  private progress = 0;

  constructor(private readonly store: Store) {}

  async facts(at: DateTime): Promise<Fact[]> {
    const pr = await this.store.pulls.get(DEMO_PULL.id);
    const pull = pr ? [...this.progressFacts(pr, at), ...(await this.dueFacts(pr, at))] : [];
    return [...(await this.repositoryFacts(at)), ...pull];
  }

  private async repositoryFacts(at: DateTime): Promise<Fact[]> {
    if (this.tracked) return [];
    const repository = await this.store.repos.get(REPO.id);
    if (!repository?.configFetchedAt) return [];
    this.tracked = true;
    const config =
      repository.configErrors.length === 0
        ? "valid"
        : `invalid: ${repository.configErrors.join("; ")}`;
    const ids = await this.store.pulls.listOpenIds(REPO.installationId, REPO.id);
    const pulls = await Promise.all(ids.map((id) => this.store.pulls.get(id)));
    const open = pulls.flatMap((pr) => (pr ? [describePull(pr)] : []));
    const text =
      `→ ${FULL_NAME} tracked: .github/review-sla.yml loaded (${config}); ` +
      `${plural(open.length, "open pull request")} imported${open.length > 0 ? `: ${open.join(", ")}` : ""}`;
    return [{ at, kind: "state", text }];
  }

  private progressFacts(pr: StoredPullRequest, at: DateTime): Fact[] {
    const progress = progressOf(pr);
    const fresh = progress.slice(this.progress);
    this.progress = progress.length;
    const ref = `${FULL_NAME}#${pr.number}`;
    return fresh.map((what) => ({
      at,
      kind: "state",
      text: `→ recorded by the app: ${ref} ${what}`,
    }));
  }

  private async dueFacts(pr: StoredPullRequest, at: DateTime): Promise<Fact[]> {
    const next = pr.nextDueAt ? formatWhen(pr.nextDueAt) : "none";
    if (next === this.nextDue) return [];
    this.nextDue = next;
    const ref = `${FULL_NAME}#${pr.number}`;
    const text = pr.nextDueAt
      ? `→ ${ref}: next SLA action due ${next}`
      : `→ ${ref}: no SLA action planned (${await whyNothingDue(this.store, pr)})`;
    return [{ at, kind: "state", text }];
  }
}
