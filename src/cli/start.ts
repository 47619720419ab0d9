// `review-sla start`, `migrate` and `config check`.
import { readFileSync } from "node:fs";
import { checkConfigText } from "../config/validate.js";
import { startApp, startSetup } from "../server.js";
import { CliError, openStore } from "./context.js";
import type { CommandContext } from "./context.js";

/** Starts the app (after registering it, on a first run) and resolves when it has stopped (SIGTERM/SIGINT). */
export async function startCommand(ctx: CommandContext): Promise<number> {
  const { log } = ctx;
  let { settings } = ctx;
  if ((!settings.appId || !settings.privateKey) && !settings.production) {
    settings = await startSetup(settings, log);
  }
  const app = await startApp(settings, log);
  await new Promise<void>((resolve) => {
    const shutdown = (signal: string) => {
      log.info({ signal }, "app.stopping");
      app.stop().then(resolve, (error: unknown) => {
        log.error({ err: error }, "app.stop_failed");
        process.exitCode = 1;
        resolve();
      });
    };
    process.once("SIGTERM", () => shutdown("SIGTERM"));
    process.once("SIGINT", () => shutdown("SIGINT"));
  });
  return 0;
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
