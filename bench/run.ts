// `npm run bench`: every benchmark, printed as ratios and percentiles (no pass/fail timings).
import { cpus, totalmem } from "node:os";
import { benchIngest } from "./ingest.js";
import { benchBackfill, benchDueSweep, benchIdleSweep } from "./sweep.js";

const lines = [
  `review-sla benchmarks — ${new Date().toISOString()} — Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB`,
];
for (const bench of [benchIngest, benchIdleSweep, benchDueSweep, benchBackfill]) {
  lines.push(...(await bench()));
  console.log(lines.at(-1));
}
console.log(`\n${lines.join("\n")}`);
