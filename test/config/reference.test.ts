import {
  configJsonSchema,
  configKeys,
  configReferenceMarkdown,
} from "../../src/config/reference.js";
import { staleConfigDocs, writeConfigDocs } from "../../scripts/config-docs.js";

describe("configKeys", () => {
  it("describes every key of the schema", () => {
    const keys = configKeys();
    expect(keys.map((key) => key.path)).toEqual(
      expect.arrayContaining([
        "timezone",
        "sla.first_review",
        "sla.overrides[].labels",
        "escalation.to",
        "quiet_hours.from",
        "people.<login>.away[].to",
      ]),
    );
    expect(keys.filter((key) => key.description.trim() === "").map((key) => key.path)).toEqual([]);
  });
});

describe("configJsonSchema", () => {
  it("describes the input form with its defaults and forbids unknown keys", () => {
    const schema = configJsonSchema();
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties?.working_days).toMatchObject({
      type: "array",
      default: ["mon", "tue", "wed", "thu", "fri"],
    });
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });
});

describe("configReferenceMarkdown", () => {
  it("has a row per key with its default", () => {
    const markdown = configReferenceMarkdown();
    for (const key of configKeys()) expect(markdown).toContain(`| \`${key.path}\` |`);
    expect(markdown).toContain('| `sla.first_review` | string | `"24h"` |');
  });
});

describe("committed config docs", () => {
  it("match the schema (run `npm run docs:config` after changing it)", async () => {
    if (process.env.UPDATE_CONFIG_DOCS === "1") await writeConfigDocs();
    const stale = await staleConfigDocs();
    expect(stale.map((path) => `${path} is out of date: run \`npm run docs:config\``)).toEqual([]);
  });
});
