// One contract for the Store, run on SQLite (a temporary file) and on Postgres (a fresh schema per
// test; skipped with a warning when no server answers, an error in CI).
import { onEveryStore } from "./contract/targets.js";
import { describeAccounts } from "./contract/accounts.js";
import { describeAssignment } from "./contract/assignment.js";
import { describeChecklists } from "./contract/checklists.js";
import { describeCommands } from "./contract/commands.js";
import { useStoreContext } from "./contract/context.js";
import type { StoreTarget } from "./contract/context.js";
import { describeLocks } from "./contract/locks.js";
import { describeOutbox } from "./contract/outbox.js";
import { describeOutboxReports } from "./contract/outbox-reports.js";
import { describePullRequests } from "./contract/pull-requests.js";
import { describeRetention } from "./contract/retention.js";
import { describeReviews } from "./contract/reviews.js";
import { describeScale } from "./contract/scale.js";

function storeContract(target: StoreTarget): void {
  const ctx = useStoreContext(target);
  describe("accounts", () => describeAccounts(ctx));
  describe("pull requests", () => describePullRequests(ctx));
  describe("reviews", () => describeReviews(ctx));
  describe("outbox", () => describeOutbox(ctx));
  describe("outbox reports", () => describeOutboxReports(ctx));
  describe("locks", () => describeLocks(ctx));
  describe("checklists", () => describeChecklists(ctx));
  describe("assignment", () => describeAssignment(ctx));
  describe("scale", () => describeScale(ctx));
  describe("retention", () => describeRetention(ctx));
  describe("commands", () => describeCommands(ctx));
}

onEveryStore("Store contract", storeContract);
