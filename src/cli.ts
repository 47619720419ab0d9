#!/usr/bin/env node
// The `review-sla` command: start | sweep | backfill | digest | demo | migrate | config check |
// assignment explain.
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { assignmentCommand } from "./cli/assignment.js";
import { backfillCommand } from "./cli/backfill.js";
import { demoCommand } from "./cli/demo.js";
import { digestCommand } from "./cli/digest.js";
import { CliError } from "./cli/context.js";
import type { CommandContext } from "./cli/context.js";
import { sweepCommand } from "./cli/sweep.js";
import { configCheckCommand, migrateCommand, startCommand } from "./cli/start.js";
import { createLogger } from "./logger.js";
import { loadSettings, SettingsError } from "./settings.js";

const USAGE = `Usage: review-sla <command>

Commands:
  start                           run the GitHub App (webhooks, sweep every SWEEP_INTERVAL_SECONDS, action worker)
  demo [--verbose]                see it work: the real app against a local stand-in GitHub and Slack over a
                                  simulated week, printed as a timeline (no credentials; nothing leaves 127.0.0.1)
  sweep [--at ISO] [--dry-run]    run one sweep now (or as of a time) and perform what is due
  backfill [OWNER/REPO]           import and reconcile open pull requests from GitHub
  migrate                         apply database migrations and exit
  config check <file>             validate a .github/review-sla.yml file (exit 1 on problems)
  digest [--preview] [--at ISO]   the weekly digest of the last full week: print it (--preview) or send it now
  assignment explain OWNER/REPO#N [--at ISO]
                                  show whom assignment would pick and why (reads only)

Environment: see the README (APP_ID, PRIVATE_KEY, WEBHOOK_SECRET, DATABASE_URL, ...).`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      at: { type: "string" },
      "dry-run": { type: "boolean", default: false },
      preview: { type: "boolean", default: false },
      verbose: { type: "boolean", short: "v", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return command || values.help ? 0 : 1;
  }
  if (command === "config") {
    if (rest[0] !== "check" || !rest[1])
      throw new CliError("usage: review-sla config check <file>");
    return configCheckCommand(rest[1], (line) => console.log(line));
  }
  // The demo builds its own settings: nothing in the environment or `.env` may point it elsewhere.
  if (command === "demo")
    return demoCommand({ verbose: values.verbose, out: (line) => console.log(line) });
  // `.env` (written by the GitHub App registration page) never overrides the real environment.
  if (existsSync(".env")) process.loadEnvFile(".env");
  const settings = loadSettings();
  const log = createLogger({ level: settings.logLevel, pretty: settings.logFormat === "pretty" });
  const ctx: CommandContext = { settings, log, out: (line) => console.log(line) };
  switch (command) {
    case "start":
      return startCommand(ctx);
    case "sweep":
      return sweepCommand(ctx, { at: values.at, dryRun: values["dry-run"] });
    case "backfill":
      return backfillCommand(ctx, rest[0]);
    case "digest":
      return digestCommand(ctx, { at: values.at, preview: values.preview });
    case "assignment":
      return assignmentCommand(ctx, rest, values.at);
    case "migrate":
      return migrateCommand(ctx);
    default:
      throw new CliError(`unknown command "${command}"\n\n${USAGE}`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== -1) process.exitCode = code;
  },
  (error: unknown) => {
    if (
      error instanceof SettingsError ||
      error instanceof CliError ||
      (error instanceof Error && error.name === "StartError")
    ) {
      console.error(`review-sla: ${error.message}`);
    } else {
      console.error("review-sla: unexpected error", error);
    }
    process.exitCode = 1;
  },
);
