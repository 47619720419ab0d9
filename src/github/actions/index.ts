// Every kind of action the worker can perform, by name.
import type { Executor } from "../../outbox/worker.js";
import { WEBHOOK_KIND, webhookExecutor } from "../inbox.js";
import type { ShellDeps } from "../deps.js";
import { checklistExecutor } from "./checklist.js";
import { checklistCheckExecutor } from "./checklist-check.js";
import { assignmentExecutor } from "./assignment.js";
import { slaCommentExecutor } from "./comment.js";
import { configCheckExecutor, refreshConfigExecutor } from "./config.js";
import { importExecutor } from "./import.js";
import { reconcileExecutor } from "./reconcile.js";
import { syncInstallationExecutor } from "./installation.js";
import { slackExecutors } from "../../slack/executors.js";
import type { SlackSetup } from "../../slack/setup.js";

export function executorsFor(
  deps: ShellDeps,
  slack: SlackSetup | null = null,
): Record<string, Executor> {
  const comment = slaCommentExecutor(deps);
  return {
    [WEBHOOK_KIND]: webhookExecutor(deps),
    reminder: comment,
    escalation: comment,
    "refresh-config": refreshConfigExecutor(deps),
    "config-check": configCheckExecutor(deps),
    "import-repository": importExecutor(deps),
    "sync-installation": syncInstallationExecutor(deps),
    "reconcile-repository": reconcileExecutor(deps),
    checklist: checklistExecutor(deps),
    "checklist-check": checklistCheckExecutor(deps),
    assign: assignmentExecutor(deps),
    reassign: assignmentExecutor(deps),
    ...slackExecutors(deps, slack),
  };
}
