// Every action kind's executor, GitHub's and Slack's together: a kind of the outbox catalogue
// without an executor here does not compile.
import { githubExecutors } from "./github/actions/index.js";
import type { ShellDeps } from "./github/deps.js";
import type { Executors } from "./outbox/catalogue.js";
import { gatherDigestInput } from "./scheduler/digest-gather.js";
import { allDigestScopes } from "./scheduler/digest.js";
import { slackExecutors } from "./slack/executors.js";
import type { SlackSetup } from "./slack/setup.js";

export function executorsFor(deps: ShellDeps, slack: SlackSetup | null = null): Executors {
  const digests = {
    scopes: (installationId: number) => allDigestScopes(deps, installationId),
    gather: gatherDigestInput,
  };
  return { ...githubExecutors(deps), ...slackExecutors(deps, slack, digests) };
}
