// The executors of every action kind GitHub performs (the catalogue's other kinds are Slack's).
import type { Executors } from "../../outbox/catalogue.js";
import { webhookExecutor } from "../inbox.js";
import type { ShellDeps } from "../deps.js";
import { checklistExecutor } from "./checklist.js";
import { checklistCheckExecutor } from "./checklist-check.js";
import { assignmentExecutor } from "./assignment.js";
import { prCommandExecutor } from "./commands.js";
import { slaCommentExecutor } from "./comment.js";
import { configCheckExecutor, refreshConfigExecutor } from "./config.js";
import { importExecutor } from "./import.js";
import { reconcileExecutor } from "./reconcile.js";
import { rerequestExecutor } from "./rerequest.js";
import { turnCheckExecutor } from "./turn-check.js";
import { syncInstallationExecutor } from "./installation.js";

/** Checked per kind here; src/executors.ts checks that GitHub's and Slack's cover every kind. */
export function githubExecutors(deps: ShellDeps) {
  const comment = slaCommentExecutor(deps);
  const assignment = assignmentExecutor(deps);
  const executors = {
    webhook: webhookExecutor(deps),
    reminder: comment,
    escalation: comment,
    nudge: comment,
    rerequest: rerequestExecutor(deps),
    "sla-check": turnCheckExecutor(deps),
    "refresh-config": refreshConfigExecutor(deps),
    "config-check": configCheckExecutor(deps),
    "import-repository": importExecutor(deps),
    "sync-installation": syncInstallationExecutor(deps),
    "reconcile-repository": reconcileExecutor(deps),
    checklist: checklistExecutor(deps),
    "checklist-check": checklistCheckExecutor(deps),
    assign: assignment,
    reassign: assignment,
    "pr-command": prCommandExecutor(deps),
  } satisfies Partial<Executors>;
  return executors;
}
