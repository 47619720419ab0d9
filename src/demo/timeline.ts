// Prints the demo's timeline as it unfolds: one line per fact, the simulated time in the team's
// zone first; a day on which nothing happened gets one line saying so, and why.
import type { DateTime } from "luxon";
import { formatWhen } from "./facts.js";
import type { Fact } from "./facts.js";
import { ZONE } from "./scenario.js";

const WIDTH = "Fri 20 Nov 18:30".length;

interface Day {
  start: DateTime;
  date: string;
  facts: number;
  sweeps: number;
  /** Why the team does not work that day (e.g. "weekend"), or null on a working day. */
  offDuty: string | null;
}

export class Timeline {
  readonly facts: Fact[] = [];
  private day: Day | null = null;

  constructor(
    private readonly out: (line: string) => void,
    private readonly verbose: boolean,
  ) {}

  add(facts: readonly Fact[]): void {
    for (const fact of facts) {
      this.facts.push(fact);
      if (this.day) this.day.facts += 1;
      this.out(`${formatWhen(fact.at)}  ${fact.text}`);
      if (!this.verbose || !fact.detail) continue;
      for (const line of fact.detail.split("\n")) this.out(`${" ".repeat(WIDTH)}  │ ${line}`);
    }
  }

  /** Counts one step (one sweep) at `at`; a new local date closes the day before it. */
  step(at: DateTime, offDuty: string | null): void {
    const date = at.setZone(ZONE).toISODate() ?? "";
    if (this.day?.date !== date) {
      this.closeDay();
      this.day = { start: at, date, facts: 0, sweeps: 0, offDuty };
    }
    this.day.sweeps += 1;
  }

  /** Ends the day in progress: a day on which nothing happened gets its one line. */
  closeDay(): void {
    const day = this.day;
    this.day = null;
    if (!day || day.facts > 0) return;
    const why = day.offDuty ?? "nothing due";
    const text = `quiet: ${why} (${day.sweeps} sweeps, no action)`;
    this.facts.push({ at: day.start, kind: "quiet", text });
    this.out(`${formatWhen(day.start).slice(0, "Fri 20 Nov".length).padEnd(WIDTH)}  ${text}`);
  }
}
