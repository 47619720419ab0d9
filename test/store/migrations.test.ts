// Migration names stay as released, and several replicas starting together on a fresh Postgres
// database all come up.
import { createStore } from "../../src/store/kysely-store.js";
import { migrationsFor } from "../../src/store/migrations/index.js";
import { dropTestSchema, postgresTestUrl } from "../helpers/postgres.js";

const postgres = await postgresTestUrl();
const onPostgres = postgres ? it : it.skip;

describe("migrations", () => {
  it("keep the names existing databases recorded, in the order they run", () => {
    const released = [
      "0001_initial",
      "0002_checklists",
      "0003_assignment",
      "0004_digests",
      "0005_scale",
      "0006_action_priority_bigint",
    ];
    for (const dialect of ["sqlite", "postgres"] as const) {
      expect(Object.keys(migrationsFor(dialect)).slice(0, released.length)).toEqual(released);
    }
  });

  onPostgres(
    "bring a fresh Postgres schema up to date when three processes start at once",
    async () => {
      const url = postgres!;
      const stores = await Promise.all([createStore(url), createStore(url), createStore(url)]);
      for (const store of stores) await store.ping();
      await stores[0].repos.upsertInstallation({
        id: 1,
        accountLogin: "octo",
        accountType: "Organization",
        suspendedAt: null,
      });
      expect(await stores[2].repos.getInstallation(1)).toMatchObject({ accountLogin: "octo" });
      await Promise.all(stores.map((store) => store.close()));
      await dropTestSchema(url);
    },
  );
});
