// The README's example configuration must stay valid as the schema changes.
import { readFileSync } from "node:fs";
import { checkConfigText } from "../../src/config/validate.js";

describe("the README's example configuration", () => {
  it("passes `review-sla config check`", () => {
    const readme = readFileSync("README.md", "utf8");
    const example = /For example:\n\n```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    expect(checkConfigText(example ?? "", "README.md")).toEqual({ ok: true, messages: [] });
  });
});
