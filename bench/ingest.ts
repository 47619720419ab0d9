// Webhook ingest: signed pull_request deliveries per second through review-sla vs a bare Probot
// app that only verifies the signature and answers, on the same machine in the same run.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DateTime } from "luxon";
import { Probot, Server } from "probot";
import { ManualClock } from "../src/runtime-clock.js";
import {
  freePort,
  privateKey,
  silentLog,
  startTestApp,
  TestOctokit,
  WEBHOOK_SECRET,
} from "../test/helpers/app.js";
import { StandInGitHub } from "../src/demo/stand-in-github.js";
import { deliver, pullRequestPayload } from "../test/helpers/webhooks.js";
import { ms, summary } from "./stats.js";

const DELIVERIES = 2_000;
const CONCURRENCY = 16;

async function bareProbot(): Promise<{ port: number; stop: () => Promise<void> }> {
  const port = await freePort();
  const server = new Server({
    Probot: Probot.defaults({
      appId: 1,
      privateKey: privateKey(),
      secret: WEBHOOK_SECRET,
      log: silentLog,
      Octokit: TestOctokit,
    }),
    host: "127.0.0.1",
    port,
    log: silentLog,
  });
  await server.load((app) => {
    app.on("pull_request", () => Promise.resolve());
  });
  await server.start();
  return { port, stop: () => server.stop() };
}

async function blast(
  port: number,
  label: string,
): Promise<{ perSecond: number; latencies: number[] }> {
  const payloads = Array.from({ length: DELIVERIES }, (_, i) =>
    pullRequestPayload(i % 4 === 0 ? "opened" : "synchronize", {
      installationId: 1,
      repo: { id: 10 + (i % 20), owner: "octo", name: `repo${i % 20}` },
      number: 1 + (i % 500),
      id: 100_000 + (i % 500) + (i % 20) * 1000,
      author: "dana",
      createdAt: "2026-11-23T09:00:00Z",
      updatedAt: DateTime.fromISO("2026-11-23T09:00:00Z").plus({ seconds: i }).toUTC().toISO()!,
      reviewers: ["alice"],
    }),
  );
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < payloads.length) {
        const payload = payloads[next++];
        const t = performance.now();
        const { status } = await deliver(port, WEBHOOK_SECRET, { event: "pull_request", payload });
        if (status !== 200) throw new Error(`${label}: delivery answered ${status}`);
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { perSecond: DELIVERIES / ((performance.now() - started) / 1000), latencies };
}

export async function benchIngest(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), "review-sla-bench-"));
  const github = new StandInGitHub();
  await github.start();
  const app = await startTestApp({
    githubHost: github.host,
    databaseUrl: `sqlite:${join(dir, "bench.db")}`,
    clock: new ManualClock(DateTime.utc()),
  });
  const bare = await bareProbot();
  // Warm both up, then measure alternately so machine noise hits both alike.
  await blast(bare.port, "bare");
  await blast(app.port, "review-sla");
  const bareRun = await blast(bare.port, "bare");
  const oursRun = await blast(app.port, "review-sla");
  await app.stop();
  await bare.stop();
  await github.stop();
  rmSync(dir, { recursive: true, force: true });
  const ours = summary(oursRun.latencies);
  const base = summary(bareRun.latencies);
  return [
    `webhook ingest (${DELIVERIES} signed pull_request deliveries, ${CONCURRENCY} in flight, SQLite):`,
    `  bare Probot:  ${bareRun.perSecond.toFixed(0)} deliveries/s, p50 ${ms(base.p50)}, p99 ${ms(base.p99)}`,
    `  review-sla:   ${oursRun.perSecond.toFixed(0)} deliveries/s, p50 ${ms(ours.p50)}, p99 ${ms(ours.p99)}`,
    `  ratio review-sla / bare: ${(oursRun.perSecond / bareRun.perSecond).toFixed(2)}x (target >= 0.8x)`,
  ];
}
