// docs/grafana/review-sla.json queries only metrics the app exports at GET /metrics.
import { readFileSync } from "node:fs";
import { Metrics } from "../../src/http/metrics.js";
import type { Store } from "../../src/store/store.js";
import { systemClock } from "../../src/runtime-clock.js";

describe("the Grafana dashboard", () => {
  it("queries only metrics that GET /metrics exports", () => {
    const dashboard = readFileSync("docs/grafana/review-sla.json", "utf8");
    const used = new Set(
      [...dashboard.matchAll(/\b(review_sla_[a-z0-9_]+)/g)].map((m) =>
        (m[1] ?? "").replace(/_bucket$/, ""),
      ),
    );
    // Never asked to collect here: the store is not needed to list the metrics' names.
    const metrics = new Metrics({ store: {} as Store, clock: systemClock });
    const exported = new Set(metrics.registry.getMetricsAsArray().map((m) => m.name));
    expect([...used].filter((name) => !exported.has(name))).toEqual([]);
    expect(used.size).toBeGreaterThan(8);
  });
});
