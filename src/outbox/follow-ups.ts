// The seam between the sweep and the actions that follow its SLA actions (Slack DMs and alerts):
// the sweep calls the hook in its transaction, and whoever owns those kinds supplies it.
import type { RepoConfig } from "../config/schema.js";
import type { SlaAction } from "../sla/policy.js";
import type { Store, StoredPullRequest } from "../store/store.js";

/** Records the follow-ups of one due SLA action, in the transaction that records the action. */
export type FollowUpHook = (
  tx: Store,
  pr: StoredPullRequest,
  action: SlaAction,
  config: RepoConfig,
) => Promise<void>;
