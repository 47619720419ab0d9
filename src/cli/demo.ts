// `review-sla demo [--verbose] [--serve]`: runs the demo (src/demo) with no credentials and no
// settings from the environment; --verbose adds full comment and message texts, and the app's
// logs; --serve keeps the app and stand-ins running afterwards, with the dashboard, until Ctrl-C.
import { createLogger } from "../logger.js";
import { runDemo } from "../demo/run.js";
import { DemoError } from "../demo/world.js";
import { CliError } from "./context.js";

/** Resolves at the first SIGINT or SIGTERM (Ctrl-C), and stops listening for them. */
function untilInterrupted(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}

export async function demoCommand(options: {
  verbose: boolean;
  serve?: boolean;
  out: (line: string) => void;
}): Promise<number> {
  // Logs go to stderr, so the timeline on stdout stays readable (and can be piped) either way.
  const log = createLogger({ level: options.verbose ? "info" : "silent", destination: 2 });
  try {
    return await runDemo({
      log,
      verbose: options.verbose,
      out: options.out,
      ...(options.serve ? { serveUntil: untilInterrupted } : {}),
    });
  } catch (error) {
    if (error instanceof DemoError) throw new CliError(`the demo stopped: ${error.message}`);
    throw error;
  }
}
