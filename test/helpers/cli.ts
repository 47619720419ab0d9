// Runs the built `review-sla` command in a child process, with a bounded wait.
import { spawn } from "node:child_process";
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { resolve } from "node:path";

export const CLI = resolve("dist/cli.js");

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function spawnCli(
  args: string[],
  env: Record<string, string>,
  cwd: string,
): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [CLI, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? "", LOG_LEVEL: "warn", ...env },
  });
}

/** Waits for a spawned CLI to exit (killing it after `timeoutMs`) and collects its output. */
export function finished(
  child: ChildProcessWithoutNullStreams,
  label: string,
  timeoutMs = 20_000,
): Promise<CliRun> {
  return new Promise((done, fail) => {
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      fail(
        new Error(`review-sla ${label} did not exit within ${timeoutMs} ms\n${stdout}\n${stderr}`),
      );
    }, timeoutMs);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      done({ code, signal, stdout, stderr });
    });
  });
}

export function runCli(
  args: string[],
  env: Record<string, string>,
  cwd: string,
  timeoutMs?: number,
): Promise<CliRun> {
  return finished(spawnCli(args, env, cwd), args.join(" "), timeoutMs);
}
