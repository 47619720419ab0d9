// Every kind of action the worker can perform, by name.
import type { Executor } from "../worker.js";
import type { ShellDeps } from "../deps.js";
import { slaCommentExecutor } from "./comment.js";
import { configCheckExecutor, refreshConfigExecutor } from "./config.js";
import { importExecutor } from "./import.js";
import { syncInstallationExecutor } from "./installation.js";

export function executorsFor(deps: ShellDeps): Record<string, Executor> {
  const comment = slaCommentExecutor(deps);
  return {
    reminder: comment,
    escalation: comment,
    "refresh-config": refreshConfigExecutor(deps),
    "config-check": configCheckExecutor(deps),
    "import-repository": importExecutor(deps),
    "sync-installation": syncInstallationExecutor(deps),
  };
}
