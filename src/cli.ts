#!/usr/bin/env node
// The `review-sla` command (see src/cli/program.ts for its commands). Logs go to stderr; stdout
// carries only what a command prints. Failures are one line; a stack only with --debug.
import { existsSync } from "node:fs";
import { CommanderError } from "commander";
import type { CommandContext } from "./cli/context.js";
import { explainFailure } from "./cli/failures.js";
import { buildProgram } from "./cli/program.js";
import { createLogger } from "./logger.js";
import { loadSettings } from "./settings.js";
import type { Settings } from "./settings.js";

const DEBUG_LEVELS = new Set(["debug", "trace"]);

/** Usage errors (unknown option, stray argument, missing value) exit 2, as POSIX tools do. */
const USAGE_EXIT = 2;

let settings: Settings | null = null;

function context(debug: boolean): CommandContext {
  // `.env` (written by the GitHub App registration page) never overrides the real environment.
  if (existsSync(".env")) process.loadEnvFile(".env");
  settings = loadSettings();
  const level = debug && !DEBUG_LEVELS.has(settings.logLevel) ? "debug" : settings.logLevel;
  const log = createLogger({ level, pretty: settings.logFormat === "pretty", destination: 2 });
  return { settings, log, out: (line) => console.log(line) };
}

function wantsStack(argv: readonly string[]): boolean {
  return argv.includes("--debug") || DEBUG_LEVELS.has(settings?.logLevel ?? "");
}

function report(error: unknown, argv: readonly string[]): void {
  const githubUrl = settings?.githubBaseUrl ?? "https://api.github.com";
  const explained = explainFailure(error, githubUrl);
  if (explained) console.error(`review-sla: ${explained}`);
  else {
    const what = error instanceof Error ? error.message : String(error);
    console.error(`review-sla: unexpected error: ${what} (run with --debug for details)`);
  }
  if (wantsStack(argv)) console.error(error);
}

async function main(argv: string[]): Promise<void> {
  const debug = argv.includes("--debug");
  const program = buildProgram({
    context: () => context(debug),
    out: (line) => console.log(line),
    exit: (code) => {
      if (code !== -1) process.exitCode = code;
    },
  });
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? 0 : USAGE_EXIT;
      return;
    }
    report(error, argv);
    process.exitCode = 1;
  }
}

void main(process.argv.slice(2));
