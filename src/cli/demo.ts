// `review-sla demo [--verbose]`: runs the demo (src/demo) with no credentials and no settings
// from the environment; --verbose adds full comment and message texts, and the app's logs.
import { createLogger } from "../logger.js";
import { runDemo } from "../demo/run.js";
import { DemoError } from "../demo/world.js";
import { CliError } from "./context.js";

export async function demoCommand(options: {
  verbose: boolean;
  out: (line: string) => void;
}): Promise<number> {
  // Logs go to stderr, so the timeline on stdout stays readable (and can be piped) either way.
  const log = createLogger({ level: options.verbose ? "info" : "silent", destination: 2 });
  try {
    return await runDemo({ log, verbose: options.verbose, out: options.out });
  } catch (error) {
    if (error instanceof DemoError) throw new CliError(`the demo stopped: ${error.message}`);
    throw error;
  }
}
