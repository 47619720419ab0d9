// Contract: webhook deliveries, installations, repositories, and the schema's migrations.
import { createStore } from "../../../src/store/kysely-store.js";
import { seedRepository } from "./builders.js";
import { at } from "./context.js";
import type { StoreContext } from "./context.js";

export function describeAccounts(ctx: () => StoreContext): void {
  test("answers a ping", async () => {
    await expect(ctx().store.ping()).resolves.toBeUndefined();
  });

  test("recognises a redelivered webhook by its delivery id", async () => {
    const { store } = ctx();
    expect(await store.deliveries.record("d-1", "pull_request", at(0))).toBe(true);
    expect(await store.deliveries.record("d-1", "pull_request", at(1))).toBe(false);
    expect(await store.deliveries.record("d-2", "pull_request", at(1))).toBe(true);
  });

  test("keeps installations up to date, including deletion and reinstallation", async () => {
    const { store } = ctx();
    await store.repos.upsertInstallation({
      id: 3_000_000_000,
      accountLogin: "acme",
      accountType: "Organization",
      suspendedAt: null,
    });
    await store.repos.upsertInstallation({
      id: 2,
      accountLogin: "octo",
      accountType: "User",
      suspendedAt: at(1),
    });
    await store.repos.markInstallationDeleted(3_000_000_000, at(2));

    const deleted = await store.repos.getInstallation(3_000_000_000);
    expect(deleted?.deletedAt?.toISO()).toBe(at(2).toISO());
    expect((await store.repos.listInstallations()).map((i) => [i.id, i.accountLogin])).toEqual([
      [2, "octo"],
      [3_000_000_000, "acme"],
    ]);
    expect((await store.repos.getInstallation(2))?.suspendedAt?.toISO()).toBe(at(1).toISO());

    await store.repos.upsertInstallation({
      id: 3_000_000_000,
      accountLogin: "acme-inc",
      accountType: "Organization",
      suspendedAt: null,
    });
    const back = await store.repos.getInstallation(3_000_000_000);
    expect(back).toMatchObject({ accountLogin: "acme-inc", deletedAt: null, suspendedAt: null });
    expect(await store.repos.getInstallation(404)).toBeNull();
  });

  test("tracks repositories, renames them and stops tracking removed ones", async () => {
    const { store } = ctx();
    const { installationId } = await seedRepository(store, { repositoryId: 11, name: "api" });
    await seedRepository(store, { repositoryId: 12, name: "web" });
    await store.repos.upsert({
      id: 12,
      installationId,
      owner: "acme",
      name: "website",
      defaultBranch: "trunk",
    });
    await store.repos.markRemoved(11, at(3));

    expect((await store.repos.list(installationId)).map((r) => r.name)).toEqual(["website"]);
    expect((await store.repos.get(11))?.removedAt?.toISO()).toBe(at(3).toISO());
    expect(await store.repos.find("ACME", "WebSite")).toMatchObject({
      id: 12,
      defaultBranch: "trunk",
    });
    expect(await store.repos.find("acme", "web")).toBeNull();

    await store.repos.upsert({
      id: 11,
      installationId,
      owner: "acme",
      name: "api",
      defaultBranch: "main",
    });
    expect((await store.repos.get(11))?.removedAt).toBeNull();
    expect(await store.repos.list(installationId)).toHaveLength(2);
  });

  test("stores a repository's configuration with its validation errors", async () => {
    const { store } = ctx();
    const { repositoryId } = await seedRepository(store);
    const fresh = await store.repos.get(repositoryId);
    expect(fresh).toMatchObject({ configJson: null, configErrors: [], configFetchedAt: null });

    const json = { sla: { first_review: "24h" }, people: { bob: { timezone: "Europe/Paris" } } };
    await store.repos.setConfig(repositoryId, {
      json,
      errors: ["sla.first_review: bad"],
      fetchedAt: at(1),
    });
    const configured = await store.repos.get(repositoryId);
    expect(configured?.configJson).toEqual(json);
    expect(configured?.configErrors).toEqual(["sla.first_review: bad"]);
    expect(configured?.configFetchedAt?.toISO()).toBe(at(1).toISO());

    await store.repos.upsert({
      id: repositoryId,
      installationId: configured!.installationId,
      owner: "acme",
      name: "renamed",
      defaultBranch: "main",
    });
    expect((await store.repos.get(repositoryId))?.configJson).toEqual(json);
  });

  test("migrates an existing database again without harm", async () => {
    const { store, url } = ctx();
    await store.deliveries.record("d-1", "ping", at(0));
    const again = await createStore(url);
    try {
      expect(await again.deliveries.record("d-1", "ping", at(0))).toBe(false);
    } finally {
      await again.close();
    }
  });
}
