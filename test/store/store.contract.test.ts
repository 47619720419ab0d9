// One contract for the Store, run on SQLite (a temporary file) and on Postgres (a fresh schema per
// test; skipped with a warning when no server answers, an error in CI).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dropTestSchema, postgresTestUrl, withFreshSchema } from "../helpers/postgres.js";
import { describeAccounts } from "./contract/accounts.js";
import { describeAssignment } from "./contract/assignment.js";
import { describeChecklists } from "./contract/checklists.js";
import { useStoreContext } from "./contract/context.js";
import type { StoreTarget } from "./contract/context.js";
import { describeLocks } from "./contract/locks.js";
import { describeOutbox } from "./contract/outbox.js";
import { describePullRequests } from "./contract/pull-requests.js";
import { describeReviews } from "./contract/reviews.js";
import { describeScale } from "./contract/scale.js";

function storeContract(target: StoreTarget): void {
  const ctx = useStoreContext(target);
  describe("accounts", () => describeAccounts(ctx));
  describe("pull requests", () => describePullRequests(ctx));
  describe("reviews", () => describeReviews(ctx));
  describe("outbox", () => describeOutbox(ctx));
  describe("locks", () => describeLocks(ctx));
  describe("checklists", () => describeChecklists(ctx));
  describe("assignment", () => describeAssignment(ctx));
  describe("scale", () => describeScale(ctx));
}

const sqlite: StoreTarget = {
  name: "SQLite",
  freshUrl: async () => `sqlite:${join(await mkdtemp(join(tmpdir(), "review-sla-")), "test.db")}`,
  dispose: (url) => rm(join(url.slice("sqlite:".length), ".."), { recursive: true, force: true }),
};

const postgresUrl = await postgresTestUrl();
const postgres: StoreTarget = {
  name: "Postgres",
  freshUrl: () => Promise.resolve(withFreshSchema(postgresUrl ?? "postgres://unreachable/")),
  dispose: dropTestSchema,
};

describe.each([sqlite])("Store contract on $name", storeContract);
(postgresUrl === null ? describe.skip : describe).each([postgres])(
  "Store contract on $name",
  storeContract,
);
