// Writes the generated configuration docs: docs/configuration.md (for people) and
// docs/config.schema.json (for editors), both from the zod schema via src/config/reference.ts.
// The README links to the reference instead of repeating it.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { format, resolveConfig } from "prettier";
import { configJsonSchema, configReferenceMarkdown } from "../src/config/reference.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

export interface DocFile {
  /** Relative to the repository root. */
  path: string;
  content: string;
}

/** The docs as they should be committed (Markdown formatted as `npm run format` would). */
export async function renderConfigDocs(): Promise<DocFile[]> {
  const markdownPath = "docs/configuration.md";
  const options = (await resolveConfig(join(ROOT, markdownPath))) ?? {};
  const markdown = await format(configReferenceMarkdown(), { ...options, parser: "markdown" });
  return [
    { path: markdownPath, content: markdown },
    {
      path: "docs/config.schema.json",
      content: `${JSON.stringify(configJsonSchema(), null, 2)}\n`,
    },
  ];
}

async function readIfPresent(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    if (error instanceof Error && "code" in error && error.code === "ENOENT") return undefined;
    throw error;
  }
}

/** Paths of committed docs that differ from the generated ones. */
export async function staleConfigDocs(): Promise<string[]> {
  const stale: string[] = [];
  for (const file of await renderConfigDocs()) {
    if ((await readIfPresent(join(ROOT, file.path))) !== file.content) stale.push(file.path);
  }
  return stale;
}

export async function writeConfigDocs(): Promise<string[]> {
  const files = await renderConfigDocs();
  for (const file of files) {
    await mkdir(dirname(join(ROOT, file.path)), { recursive: true });
    await writeFile(join(ROOT, file.path), file.content);
  }
  return files.map((file) => file.path);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const path of await writeConfigDocs()) console.log(`wrote ${path}`);
}
