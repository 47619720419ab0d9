// The source of "now" for the shell. The pure core never reads it; tests pass their own.
import { DateTime } from "luxon";

export interface Clock {
  now(): DateTime;
}

export const systemClock: Clock = {
  now: () => DateTime.utc(),
};

/** A clock that stands still until moved: for tests, the demo and `sweep --at`. */
export class ManualClock implements Clock {
  private current: DateTime;

  constructor(start: DateTime) {
    this.current = start.toUTC();
  }

  now(): DateTime {
    return this.current;
  }

  set(to: DateTime): void {
    this.current = to.toUTC();
  }

  advance(by: {
    milliseconds?: number;
    seconds?: number;
    minutes?: number;
    hours?: number;
    days?: number;
  }): void {
    this.current = this.current.plus(by);
  }
}
