// `npm run bench [-- --db sqlite|postgres] [--rounds N] [--seconds S] …`: every benchmark, printed
// as ratios and percentiles, never pass/fail. `--db postgres` (or BENCH_DB=postgres) runs on a
// fresh schema of BENCH_DATABASE_URL (default the local test server), dropped afterwards.
import { cpus, totalmem } from "node:os";
import { parseArgs } from "node:util";
import { benchClaim } from "./claim.js";
import { benchDatabase } from "./databases.js";
import { benchDashboard } from "./dashboard.js";
import { benchIngest } from "./ingest.js";
import { benchCliSweep, benchSweepScale } from "./scale.js";
import { benchScaleOut } from "./scale-out.js";
import { benchBackfill, benchDueSweep } from "./sweep.js";

const { values } = parseArgs({
  options: {
    db: { type: "string", default: process.env.BENCH_DB ?? "sqlite" },
    rounds: { type: "string", default: "3" },
    deliveries: { type: "string", default: "1000" },
    "one-at-a-time": { type: "string", default: "100" },
    week: { type: "string", default: "20000" },
    rate: { type: "string", default: "100" },
    seconds: { type: "string", default: "20" },
    open: { type: "string", default: "1000000" },
    finished: { type: "string", default: "100000" },
    only: { type: "string" },
    replicas: { type: "string", default: "1,2,4" },
    installations: { type: "string", default: "8" },
    overdue: { type: "string", default: "30" },
  },
});
const n = (text: string | undefined) => Number(text);
const db = benchDatabase(values.db);
const only = new Set((values.only ?? "ingest,sweep,cli,claim,calls").split(","));

const lines = [
  `review-sla benchmarks — ${new Date().toISOString()} — Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${db.name}`,
];
const print = (more: string[]) => {
  lines.push(...more);
  for (const line of more) console.log(line);
};
try {
  if (only.has("ingest"))
    print(
      await benchIngest(db, {
        rounds: n(values.rounds),
        deliveries: n(values.deliveries),
        oneAtATime: n(values["one-at-a-time"]),
        week: n(values.week),
        rate: n(values.rate),
        seconds: n(values.seconds),
      }),
    );
  if (only.has("sweep")) print(await benchSweepScale(db, n(values.open)));
  if (only.has("cli")) print(await benchCliSweep(db, n(values.finished)));
  if (only.has("claim")) print(await benchClaim(db));
  if (only.has("scaleout"))
    print(
      await benchScaleOut(db, {
        replicas: values.replicas.split(",").map(Number),
        installations: n(values.installations),
        overdue: n(values.overdue),
        deliveries: n(values.deliveries),
      }),
    );
  if (only.has("dashboard")) print(await benchDashboard(db));
  if (only.has("calls") && db.name === "SQLite") {
    print(await benchDueSweep());
    print(await benchBackfill());
  }
} finally {
  await db.disposeAll();
}
console.log(`\n${lines.join("\n")}`);
