// Replicas as real processes (`review-sla start` from the built CLI) and a bounded wait for what
// they do: the tests that kill one of them mid-work.
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { freePort } from "./app.js";
import { finished, spawnCli } from "./cli.js";
import type { CliRun } from "./cli.js";

const POLL_MS = 50;

/** Polls `condition` until it holds; fails after `timeoutMs`, naming what it waited for. */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await condition())) {
    if (performance.now() > deadline)
      throw new Error(`gave up after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

export interface Replica {
  readonly name: string;
  readonly port: number;
  readonly child: ChildProcessWithoutNullStreams;
  /** Resolves when the process has exited (with its output, for failure messages). */
  readonly exit: Promise<CliRun>;
}

async function healthy(port: number): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/healthz`);
    await response.text();
    return response.status === 200;
  } catch {
    return false;
  }
}

/** Starts `review-sla start` with `env` on a free port and waits until /healthz answers 200. */
export async function startReplica(
  name: string,
  env: Record<string, string>,
  cwd: string,
): Promise<Replica> {
  const port = await freePort();
  const child = spawnCli(["start"], { ...env, HOST: "127.0.0.1", PORT: String(port) }, cwd);
  const exit = finished(child, `start (${name})`, 180_000);
  let exited = false;
  void exit.then(
    () => (exited = true),
    () => (exited = true),
  );
  await waitFor(async () => exited || (await healthy(port)), 20_000, `replica ${name} to answer`);
  if (exited) throw new Error(`replica ${name} exited at start:\n${(await exit).stderr}`);
  return { name, port, child, exit };
}

/** SIGTERM, then the wait for a clean exit. */
export async function stopReplica(replica: Replica): Promise<CliRun> {
  if (replica.child.exitCode === null && replica.child.signalCode === null)
    replica.child.kill("SIGTERM");
  return replica.exit;
}
