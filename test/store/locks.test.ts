// Postgres advisory locks belong to one schema: apps sharing a database in their own schemas
// never skip a sweep or hold up a webhook lane because of each other.
import { createStore } from "../../src/store/kysely-store.js";
import type { KyselyStore } from "../../src/store/kysely-store.js";
import { dropTestSchema, postgresTestUrl, withFreshSchema } from "../helpers/postgres.js";

const postgresUrl = await postgresTestUrl();

(postgresUrl === null ? describe.skip : describe)("named locks on Postgres", () => {
  const urls = [withFreshSchema(postgresUrl ?? ""), withFreshSchema(postgresUrl ?? "")];
  let stores: KyselyStore[] = [];

  beforeAll(async () => {
    stores = await Promise.all(urls.map((url) => createStore(url)));
  });

  afterAll(async () => {
    await Promise.all(stores.map((store) => store.close()));
    await Promise.all(urls.map((url) => dropTestSchema(url)));
  });

  it("lets an app in another schema of the same database take a lock of the same name", async () => {
    const [one, other] = stores;
    const inside = await one!.withLock("sweep", () =>
      other!.withLock("sweep", () => Promise.resolve("ran")),
    );
    expect(inside).toEqual({ acquired: true, result: { acquired: true, result: "ran" } });
  });

  it("still keeps a second store on the same schema out", async () => {
    const twin = await createStore(urls[0]);
    try {
      const inside = await stores[0]!.withLock("sweep", () =>
        twin.withLock("sweep", () => Promise.resolve("ran")),
      );
      expect(inside).toEqual({ acquired: true, result: { acquired: false } });
    } finally {
      await twin.close();
    }
  });
});
