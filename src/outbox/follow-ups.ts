// The seam between the sweep and the actions that follow its SLA actions (Slack DMs and alerts):
// the sweep calls the hook in its transaction, and whoever owns those kinds supplies it.
import type { RepoConfig } from "../config/schema.js";
import type { SlaAction } from "../sla/policy.js";
import type { NewAction, StoredPullRequest } from "../store/store.js";

/** The follow-up actions of one due SLA action, recorded in the same insert as the action. */
export type FollowUpHook = (
  pr: StoredPullRequest,
  action: SlaAction,
  config: RepoConfig,
) => NewAction[];
