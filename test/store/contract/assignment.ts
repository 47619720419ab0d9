// Contract: the team-member cache and the plans of assignment actions.
import { INSTALLATION } from "./builders.js";
import { at } from "./context.js";
import type { StoreContext } from "./context.js";

export function describeAssignment(ctx: () => StoreContext): void {
  it("knows nothing of a team never read", async () => {
    expect(await ctx().store.assignment.getTeamMembers(INSTALLATION, "acme/seniors")).toBeNull();
  });

  it("replaces a team's members, by installation, ignoring the case of the team name", async () => {
    const { store } = ctx();
    await store.assignment.saveTeamMembers(INSTALLATION, "Acme/Seniors", ["dana", "eli"], at(0));
    await store.assignment.saveTeamMembers(INSTALLATION + 1, "acme/seniors", ["zoe"], at(0));
    await store.assignment.saveTeamMembers(
      INSTALLATION,
      "@acme/seniors",
      ["fay", "eli", "fay"],
      at(2),
    );
    const team = await store.assignment.getTeamMembers(INSTALLATION, "acme/SENIORS");
    expect(team?.logins).toEqual(["eli", "fay"]);
    expect(team?.fetchedAt.toISO()).toBe(at(2).toISO());
    expect(
      (await store.assignment.getTeamMembers(INSTALLATION + 1, "acme/seniors"))?.logins,
    ).toEqual(["zoe"]);
  });

  it("remembers an empty team as read", async () => {
    const { store } = ctx();
    await store.assignment.saveTeamMembers(INSTALLATION, "acme/ghosts", [], at(1));
    expect(await store.assignment.getTeamMembers(INSTALLATION, "acme/ghosts")).toMatchObject({
      logins: [],
    });
  });

  it("keeps the latest plan saved under an action key", async () => {
    const { store } = ctx();
    expect(await store.assignment.getPlan("assign:1/2:ready@x")).toBeNull();
    await store.assignment.savePlan("assign:1/2:ready@x", { chosen: ["dana"] }, at(0));
    await store.assignment.savePlan("assign:1/2:ready@x", { chosen: ["eli"] }, at(1));
    expect(await store.assignment.getPlan("assign:1/2:ready@x")).toEqual({ chosen: ["eli"] });
  });

  it("saves team members inside a transaction it joins", async () => {
    const { store } = ctx();
    await expect(
      store.transaction(async (tx) => {
        await tx.assignment.saveTeamMembers(INSTALLATION, "acme/seniors", ["dana"], at(0));
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await store.assignment.getTeamMembers(INSTALLATION, "acme/seniors")).toBeNull();
  });
}
