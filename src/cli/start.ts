// `review-sla start`, `migrate` and `config check`.
import { readFileSync } from "node:fs";
import { checkConfigText } from "../config/validate.js";
import { startApp, startSetup } from "../server.js";
import { CliError, openStore } from "./context.js";
import type { CommandContext } from "./context.js";

/** However the stop goes, the process exits this long after the first signal. */
const EXIT_DEADLINE_MS = 9_000;

/**
 * Starts the app (after registering it, on a first run) and resolves only when it has stopped. SIGTERM/SIGINT: stop claiming, give work
 * in flight a short grace, exit within EXIT_DEADLINE_MS whatever GitHub does; a second signal
 * exits at once. Leased work left behind is retaken after its lease. Returns -1: keep the exit code.
 */
export async function startCommand(ctx: CommandContext): Promise<number> {
  const { log } = ctx;
  let { settings } = ctx;
  if ((!settings.appId || !settings.privateKey) && !settings.production) {
    settings = await startSetup(settings, log);
  }
  const app = await startApp(settings, log);
  await new Promise<void>((resolve) => {
    let stopping = false;
    const shutdown = (signal: NodeJS.Signals) => {
      if (stopping) {
        log.warn({ signal }, "app.exit_now");
        process.exit(signal === "SIGINT" ? 130 : 143);
      }
      stopping = true;
      log.info({ signal }, "app.stopping");
      setTimeout(() => {
        log.error({ deadlineMs: EXIT_DEADLINE_MS }, "app.stop_deadline");
        process.exit(1);
      }, EXIT_DEADLINE_MS).unref();
      app.stop().then(resolve, (error: unknown) => {
        log.error({ err: error }, "app.stop_failed");
        process.exitCode = 1;
        resolve();
      });
    };
    process.on("SIGTERM", shutdown);
    process.on("SIGINT", shutdown);
  });
  // An abandoned request may still hold a socket open: do not let it keep the process alive.
  setTimeout(() => process.exit(), 200).unref();
  return -1;
}

export async function migrateCommand(ctx: CommandContext): Promise<number> {
  const store = await openStore(ctx.settings);
  ctx.out(`Migrations applied: ${store.describe}`);
  await store.close();
  return 0;
}

export function configCheckCommand(
  file: string,
  out: (line: string) => void,
  options: { json?: boolean } = {},
): number {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as Error).message}`);
  }
  const result = checkConfigText(text, file);
  if (options.json) {
    out(JSON.stringify({ file, valid: result.ok, problems: result.messages }));
    return result.ok ? 0 : 1;
  }
  if (result.ok) {
    out(`${file}: valid`);
    return 0;
  }
  out(`${file}: ${result.messages.length} problem(s)`);
  for (const message of result.messages) out(`  ${message}`);
  return 1;
}
