// Prometheus metrics: what the app does (webhooks, actions, sweeps) and what it costs (GitHub
// requests, rate-limit headroom), served as text at GET /metrics.
import type { IncomingMessage, ServerResponse } from "node:http";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { Clock } from "../runtime-clock.js";
import type { Store } from "../store/store.js";

export class Metrics {
  readonly registry = new Registry();
  readonly webhooks = new Counter({
    name: "review_sla_webhooks_total",
    help: "Webhook deliveries received, by event and outcome (recorded, ignored: a redelivery or not needed, error).",
    labelNames: ["event", "outcome"] as const,
    registers: [this.registry],
  });
  readonly actions = new Counter({
    name: "review_sla_actions_total",
    help: "Outbox action attempts, by kind and outcome (done, retry, failed, deferred).",
    labelNames: ["kind", "outcome"] as const,
    registers: [this.registry],
  });
  readonly sweepDuration = new Histogram({
    name: "review_sla_sweep_duration_seconds",
    help: "Wall time of one sweep.",
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  readonly sweepActions = new Counter({
    name: "review_sla_sweep_actions_total",
    help: "Actions a sweep found due, by kind.",
    labelNames: ["kind"] as const,
    registers: [this.registry],
  });
  readonly githubRequests = new Counter({
    name: "review_sla_github_requests_total",
    help: "GitHub API requests, by installation and status class.",
    labelNames: ["installation", "status"] as const,
    registers: [this.registry],
  });
  readonly rateLimitRemaining = new Gauge({
    name: "review_sla_github_rate_limit_remaining",
    help: "Primary rate limit left, per installation, from the last response.",
    labelNames: ["installation"] as const,
    registers: [this.registry],
  });

  constructor(deps: { store: Store; clock: Clock }) {
    collectDefaultMetrics({ register: this.registry, prefix: "review_sla_" });
    new Gauge({
      name: "review_sla_outbox_pending",
      help: "Pending outbox actions that are due.",
      registers: [this.registry],
      async collect() {
        this.set((await deps.store.outbox.depth(deps.clock.now())).pending);
      },
    });
    new Gauge({
      name: "review_sla_outbox_oldest_age_seconds",
      help: "Age of the oldest due pending action (0 when none).",
      registers: [this.registry],
      async collect() {
        const { oldestDueAt } = await deps.store.outbox.depth(deps.clock.now());
        this.set(oldestDueAt ? Math.max(0, deps.clock.now().diff(oldestDueAt).as("seconds")) : 0);
      },
    });
    new Gauge({
      name: "review_sla_tracked_pull_requests",
      help: "Open pull requests tracked.",
      registers: [this.registry],
      async collect() {
        this.set(await deps.store.pulls.countOpen());
      },
    });
  }

  /** Records a GitHub response's cost; returns the rate limit left when GitHub said. */
  observeGitHub(
    installationId: number,
    status: number,
    headers: Record<string, unknown>,
  ): number | null {
    const installation = String(installationId);
    this.githubRequests.inc({ installation, status: `${Math.floor(status / 100)}xx` });
    const remaining = Number(headers["x-ratelimit-remaining"]);
    if (!Number.isFinite(remaining)) return null;
    this.rateLimitRemaining.set({ installation }, remaining);
    return remaining;
  }
}

export function metricsHandler(metrics: Metrics) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    if ((req.url ?? "").split("?")[0] !== "/metrics" || req.method !== "GET") return false;
    const body = await metrics.registry.metrics();
    res.writeHead(200, { "content-type": metrics.registry.contentType });
    res.end(body);
    return true;
  };
}
