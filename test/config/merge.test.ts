import { mergeConfigs } from "../../src/config/merge.js";

describe("mergeConfigs", () => {
  it.each([
    {
      name: "a later layer wins over an earlier one key by key",
      layers: [{ clock: "workdays", timezone: "UTC" }, { clock: "calendar" }],
      merged: { clock: "calendar", timezone: "UTC" },
    },
    {
      name: "nested objects merge, keeping keys only the earlier layer sets",
      layers: [
        { sla: { first_review: "24h", resolution: "48h" } },
        { sla: { first_review: "4h" } },
      ],
      merged: { sla: { first_review: "4h", resolution: "48h" } },
    },
    {
      name: "objects merge at every depth",
      layers: [
        { people: { alice: { timezone: "Europe/Berlin", working_hours: "09:00-17:00" } } },
        { people: { alice: { working_hours: "10:00-18:00" }, bob: { timezone: "UTC" } } },
      ],
      merged: {
        people: {
          alice: { timezone: "Europe/Berlin", working_hours: "10:00-18:00" },
          bob: { timezone: "UTC" },
        },
      },
    },
    {
      name: "arrays are replaced, not concatenated",
      layers: [{ skip_labels: ["wip", "do-not-merge"] }, { skip_labels: ["on-hold"] }],
      merged: { skip_labels: ["on-hold"] },
    },
    {
      name: "an empty array in a later layer clears the earlier list",
      layers: [{ escalation: { to: ["@octo/leads"] } }, { escalation: { to: [] } }],
      merged: { escalation: { to: [] } },
    },
    {
      name: "a scalar in a later layer replaces an earlier object",
      layers: [{ quiet_hours: { from: "20:00", to: "08:00" } }, { quiet_hours: false }],
      merged: { quiet_hours: false },
    },
    {
      name: "an object in a later layer replaces an earlier scalar",
      layers: [{ quiet_hours: true }, { quiet_hours: { from: "20:00", to: "08:00" } }],
      merged: { quiet_hours: { from: "20:00", to: "08:00" } },
    },
    {
      name: "null in a later layer replaces the earlier value",
      layers: [{ digest: { channel: "#reviews" } }, { digest: null }],
      merged: { digest: null },
    },
    {
      name: "layers that are not objects (empty files, lists, text) are ignored",
      layers: [null, { clock: "calendar" }, "just text", ["a", "b"], 42, undefined],
      merged: { clock: "calendar" },
    },
    {
      name: "no layers give an empty config",
      layers: [],
      merged: {},
    },
  ])("$name", ({ layers, merged }) => {
    expect(mergeConfigs(layers)).toEqual(merged);
  });

  it("merges org defaults, an `_extends` target and the repository file in that order", () => {
    // The config plugin strips `_extends` and hands the layers over base first.
    const org = { timezone: "UTC", sla: { first_review: "24h" }, skip_authors: ["renovate"] };
    const extended = { sla: { resolution: "72h" }, skip_authors: ["dependabot*"] };
    const repo = { timezone: "Europe/Berlin" };
    expect(mergeConfigs([org, extended, repo])).toEqual({
      timezone: "Europe/Berlin",
      sla: { first_review: "24h", resolution: "72h" },
      skip_authors: ["dependabot*"],
    });
  });

  it("ignores __proto__ and constructor keys, so a config cannot plant inherited settings", () => {
    const forged = JSON.parse(
      '{"__proto__": {"timezone": "Asia/Tokyo"}, "constructor": 1}',
    ) as unknown;
    const merged = mergeConfigs([{ sla: { first_review: "24h" } }, forged]);
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
    expect(merged).toEqual({ sla: { first_review: "24h" } });
    expect("timezone" in merged).toBe(false);
  });

  it("leaves the layers it was given unchanged", () => {
    const base = { sla: { first_review: "24h" }, labels: ["a"] };
    const top = { sla: { resolution: "48h" }, labels: ["b"] };
    mergeConfigs([base, top]);
    expect(base).toEqual({ sla: { first_review: "24h" }, labels: ["a"] });
    expect(top).toEqual({ sla: { resolution: "48h" }, labels: ["b"] });
  });
});
