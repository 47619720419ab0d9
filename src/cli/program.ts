// The `review-sla` command line: commands, their options and help (commander). Each action
// builds its context and returns an exit code; errors are explained in src/cli/failures.ts.
import { Command, Option } from "commander";
import { VERSION } from "../version.js";
import { assignmentCommand } from "./assignment.js";
import { backfillCommand } from "./backfill.js";
import type { CommandContext } from "./context.js";
import { demoCommand } from "./demo.js";
import { digestCommand } from "./digest.js";
import { explainCommand } from "./explain.js";
import { configCheckCommand, migrateCommand, startCommand } from "./start.js";
import { sweepCommand } from "./sweep.js";

/** What the program needs from its entry: a context for commands that use settings, and output. */
export interface ProgramIo {
  context(): CommandContext;
  out(line: string): void;
  /** Receives each action's exit code (-1: leave the process's exit code as it is). */
  exit(code: number): void;
}

const AT = new Option(
  "--at <iso>",
  "act as if it were this ISO 8601 time, e.g. 2026-11-30T10:00:00Z",
);

function addServerCommands(program: Command, io: ProgramIo): void {
  program
    .command("start")
    .description(
      "run the GitHub App: webhooks, the action worker and a sweep every SWEEP_INTERVAL_SECONDS " +
        "(without APP_ID/PRIVATE_KEY, outside production: the registration page)",
    )
    .action(async () => io.exit(await startCommand(io.context())));
  program
    .command("migrate")
    .description("apply database migrations to DATABASE_URL and exit")
    .action(async () => io.exit(await migrateCommand(io.context())));
  program
    .command("demo")
    .description(
      "see it work: the real app against a local stand-in GitHub and Slack over a simulated " +
        "week, printed as a timeline (no credentials; nothing leaves 127.0.0.1)",
    )
    .option("-v, --verbose", "also print full comment and message texts, and the app's logs")
    .option("--serve", "then keep the app running with its dashboard until Ctrl-C")
    .action(async (options: { verbose?: boolean; serve?: boolean }) =>
      io.exit(
        await demoCommand({
          verbose: options.verbose === true,
          serve: options.serve === true,
          out: (line) => io.out(line),
        }),
      ),
    );
}

function addGitHubCommands(program: Command, io: ProgramIo): void {
  program
    .command("sweep")
    .description("run one sweep now (or as of --at) and perform what is due before exiting")
    .addOption(AT)
    .option("--dry-run", "print what is due without performing anything")
    .action(async (options: { at?: string; dryRun?: boolean }) =>
      io.exit(
        await sweepCommand(io.context(), { at: options.at, dryRun: options.dryRun === true }),
      ),
    );
  program
    .command("backfill")
    .description(
      "import and reconcile open pull requests from GitHub (all installations, or one repository)",
    )
    .argument("[owner/repo]", "only this repository")
    .action(async (target: string | undefined) =>
      io.exit(await backfillCommand(io.context(), target)),
    );
  program
    .command("digest")
    .description(
      "the weekly digest of the last full week before --at (default now): send it, or print it with --preview",
    )
    .option("--preview", "print the digest as Markdown from the database; send nothing")
    .addOption(AT)
    .action(async (options: { at?: string; preview?: boolean }) =>
      io.exit(
        await digestCommand(io.context(), { at: options.at, preview: options.preview === true }),
      ),
    );
  program
    .command("explain")
    .description(
      "show whose turn it is on a pull request, since when, its deadlines and why (reads only)",
    )
    .argument("<owner/repo#n>", "the pull request, e.g. octo/api#7")
    .addOption(AT)
    .action(async (target: string, options: { at?: string }) =>
      io.exit(await explainCommand(io.context(), target, options.at)),
    );
  const assignment = program.command("assignment").description("reviewer assignment tools");
  assignment
    .command("explain")
    .description("show whom assignment would pick for a pull request and why (reads only)")
    .argument("<owner/repo#n>", "the pull request, e.g. octo/api#7")
    .addOption(AT)
    .action(async (target: string, options: { at?: string }) =>
      io.exit(await assignmentCommand(io.context(), ["explain", target], options.at)),
    );
}

function addConfigCommands(program: Command, io: ProgramIo): void {
  const config = program.command("config").description("repository configuration tools");
  config
    .command("check")
    .description("validate a .github/review-sla.yml file; exit 1 when it has problems")
    .argument("<file>", "the YAML file to check")
    .option("--json", "print the result as JSON")
    .action((file: string, options: { json?: boolean }) =>
      io.exit(configCheckCommand(file, (line) => io.out(line), { json: options.json === true })),
    );
}

/** The whole command line; `--debug` is read by the entry (stack traces on failure). */
export function buildProgram(io: ProgramIo): Command {
  // Set before any subcommand is added: subcommands copy these settings when created.
  const program = new Command("review-sla")
    .exitOverride()
    .configureOutput({
      outputError: (text, write) => write(`review-sla: ${text.replace(/^error: /, "")}`),
    })
    .description(
      "Pull-request review SLAs for GitHub: reminders, escalations, assignment, checklist, digest.",
    )
    .version(VERSION, "-V, --version", "print the version")
    .option("--debug", "print stack traces and debug logs on failure")
    .helpCommand("help [command]", "show help for a command")
    .showSuggestionAfterError(true)
    .addHelpText(
      "after",
      "\nEnvironment: APP_ID, PRIVATE_KEY, WEBHOOK_SECRET, DATABASE_URL, … (see README.md, and .env.example).",
    );
  addServerCommands(program, io);
  addGitHubCommands(program, io);
  addConfigCommands(program, io);
  return program;
}
