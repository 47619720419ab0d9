// The demo as a newcomer runs it: it must pass every time, and its pass must mean something.
import { pino } from "pino";
import { runDemo } from "../../src/demo/run.js";

// Five runs in a row keep the suite within CI's time; `DEMO_RUNS=50` hunts for a rare failure.
const RUNS = Number(process.env.DEMO_RUNS ?? 5);

describe("review-sla demo", () => {
  it(
    `passes ${RUNS} runs in a row, each ending with the digest of the week of the merge`,
    async () => {
      for (let run = 1; run <= RUNS; run += 1) {
        const lines: string[] = [];
        const code = await runDemo({
          log: pino({ level: "silent" }),
          verbose: false,
          out: (line) => lines.push(line),
        });
        const digests = lines.filter((l) => l.includes("weekly digest posted"));
        expect({ run, code, last: lines.at(-1) }).toEqual({
          run,
          code: 0,
          last: "All 14 expected steps happened.",
        });
        expect(digests.at(-1)).toMatch(/Sun 29 Nov 2026: [^"]*\b1 merged\b/);
      }
    },
    RUNS * 60_000,
  );
});
