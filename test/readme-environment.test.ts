// The README's environment table and .env.example cannot drift from what src/settings.ts reads.
import { readFileSync } from "node:fs";

/** Every NAME that settings.ts reads as `env.NAME`, `env["NAME"]` or a `"NAME"` setting argument. */
function variablesRead(): string[] {
  const source = readFileSync("src/settings.ts", "utf8");
  const names = [
    ...source.matchAll(/\benv\.([A-Z][A-Z0-9_]+)/g),
    ...source.matchAll(/\benv\[\s*"([A-Z][A-Z0-9_]+)"\s*\]/g),
    ...source.matchAll(/\(env, "([A-Z][A-Z0-9_]+)"/g),
  ].map((m) => m[1] ?? "");
  return [...new Set(names)].sort();
}

describe("documented environment", () => {
  const read = variablesRead();

  it("finds the variables settings.ts reads", () => {
    expect(read).toEqual(expect.arrayContaining(["APP_ID", "DATABASE_URL", "WEBHOOK_PROXY_URL"]));
  });

  it("lists every variable settings.ts reads in the README's environment table", () => {
    const readme = readFileSync("README.md", "utf8");
    const rows = new Set([...readme.matchAll(/^\| `([A-Z][A-Z0-9_]+)`/gm)].map((m) => m[1]));
    expect(read.filter((name) => !rows.has(name))).toEqual([]);
  });

  it("mentions every variable settings.ts reads in .env.example", () => {
    const example = readFileSync(".env.example", "utf8");
    expect(read.filter((name) => !new RegExp(`^#? ?${name}=`, "m").test(example))).toEqual([]);
  });
});
