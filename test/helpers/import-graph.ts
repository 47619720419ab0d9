// The import graph of src/ at folder level: each top-level folder is one node, each file directly
// under src/ its own node. Read with TypeScript's own import scanner (static, re-export, dynamic).
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import ts from "typescript";

/** from folder -> to folder -> the files (and specifiers) that make the edge. */
export type FolderGraph = Map<string, Map<string, string[]>>;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** `github` for src/github/**, `runtime.ts` for src/runtime.ts. */
export function folderOf(root: string, file: string): string {
  return relative(root, file).split(sep)[0] ?? "";
}

export function folderGraph(root: string): FolderGraph {
  const graph: FolderGraph = new Map();
  for (const file of sourceFiles(root)) {
    const from = folderOf(root, file);
    const { importedFiles } = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
    for (const { fileName } of importedFiles) {
      if (!fileName.startsWith(".")) continue;
      const to = folderOf(root, resolve(dirname(file), fileName));
      if (to === from || to.startsWith("..")) continue;
      const edges = graph.get(from) ?? new Map<string, string[]>();
      edges.set(to, [...(edges.get(to) ?? []), `${relative(root, file)} imports ${fileName}`]);
      graph.set(from, edges);
    }
  }
  return graph;
}

/** Every cycle found by a depth-first walk, each as its path (first node repeated at the end). */
export function folderCycles(graph: FolderGraph): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const path: string[] = [];
  const visit = (node: string): void => {
    state.set(node, "open");
    path.push(node);
    for (const next of [...(graph.get(node)?.keys() ?? [])].sort()) {
      if (state.get(next) === "open") cycles.push([...path.slice(path.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(node, "done");
  };
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node);
  return cycles;
}

/** A cycle as a reader wants it: the folders, then the import that makes each step. */
export function describeCycle(graph: FolderGraph, cycle: readonly string[]): string {
  const steps = cycle.slice(1).map((to, i) => {
    const from = cycle[i] ?? "";
    return `  ${from} -> ${to}: ${graph.get(from)?.get(to)?.[0] ?? "?"}`;
  });
  return [cycle.join(" -> "), ...steps].join("\n");
}
