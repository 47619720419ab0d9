// Several replicas starting together on a fresh Postgres database all come up.
import { createStore } from "../../src/store/kysely-store.js";
import { dropTestSchema, postgresTestUrl } from "../helpers/postgres.js";

const postgres = await postgresTestUrl();
const onPostgres = postgres ? it : it.skip;

describe("migrations", () => {
  onPostgres(
    "bring a fresh Postgres schema up to date when three processes start at once",
    async () => {
      const url = postgres!;
      const stores = await Promise.all([createStore(url), createStore(url), createStore(url)]);
      for (const store of stores) await store.ping();
      await stores[0].upsertInstallation({
        id: 1,
        accountLogin: "octo",
        accountType: "Organization",
        suspendedAt: null,
      });
      expect(await stores[2].getInstallation(1)).toMatchObject({ accountLogin: "octo" });
      await Promise.all(stores.map((store) => store.close()));
      await dropTestSchema(url);
    },
  );
});
