// Runs sweeps in a process of its own, so the benchmark reads this process's peak RSS alone:
// `idle` sweeps as of a time nothing is due (median of 20), `due` one real sweep as of AT.
import { DateTime } from "luxon";
import { pino } from "pino";
import { sweep } from "../src/scheduler/sweep.js";
import { ConfigCache } from "../src/sla/config-cache.js";
import { createStore } from "../src/store/kysely-store.js";

const store = await createStore(process.env.DATABASE_URL);
const at = DateTime.fromISO(process.env.AT ?? "", { zone: "utc" });
const deps = { store, configs: new ConfigCache(), log: pino({ level: "silent" }) };
const times: number[] = [];
const cpu: number[] = [];
let actions = 0;
let evaluated = 0;
for (let i = 0; i < (process.env.MODE === "idle" ? 20 : 1); i += 1) {
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const report = await sweep(deps, {
    at,
    ...(process.env.BATCH ? { batchSize: Number(process.env.BATCH) } : {}),
  });
  times.push(performance.now() - started);
  const used = process.cpuUsage(cpuStarted);
  cpu.push((used.user + used.system) / 1000);
  actions += report.actions.length;
  evaluated += report.evaluated;
}
await store.close();
times.sort((a, b) => a - b);
cpu.sort((a, b) => a - b);
const result = {
  ms: times[Math.floor(times.length / 2)],
  // CPU time of this process during the sweep: on a shared machine, wall time also counts waiting.
  cpuMs: cpu[Math.floor(cpu.length / 2)],
  evaluated,
  actions,
  maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
};
process.stdout.write(`${JSON.stringify(result)}\n`);
