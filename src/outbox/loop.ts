// A polling loop for the worker's lanes: runs a pass, again at once while passes find work, else
// after the interval or when woken; stopping ends it without waiting for a pass in flight.
import type { Logger } from "pino";

export class PollLoop {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;
  private wakeRequested = false;

  constructor(
    private readonly pass: () => Promise<number>,
    private readonly intervalMs: number,
    private readonly log: Logger,
    private readonly name: string,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Asks for a pass soon (new work was enqueued or a runner finished). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) this.wakeRequested = true;
    else this.schedule(0);
  }

  /** No further passes; resolves with the pass in flight (callers bound how long they wait). */
  stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    return this.running ?? Promise.resolve();
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.tick(), delayMs);
  }

  private tick(): void {
    this.timer = null;
    this.running = this.pass()
      .catch((error: unknown) => {
        this.log.error({ err: error, loop: this.name }, "worker.error");
        return 0;
      })
      .then((count) => {
        this.running = null;
        const again = this.wakeRequested || count > 0;
        this.wakeRequested = false;
        this.schedule(again ? 0 : this.intervalMs);
      });
  }
}
