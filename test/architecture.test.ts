// The shape of src/: folders import each other without cycles, the shell's GitHub, Slack and
// scheduler folders meet only through the outbox, and the pure core imports no shell folder.
import { fileURLToPath } from "node:url";
import { describeCycle, folderCycles, folderGraph } from "./helpers/import-graph.js";
import type { FolderGraph } from "./helpers/import-graph.js";

const SRC = fileURLToPath(new URL("../src", import.meta.url));
const PURE = [
  "clock",
  "sla",
  "assignment",
  "checklist",
  "digest",
  "config",
  "comments",
  "commands",
  "dashboard",
];
const SHELL = [
  "github",
  "store",
  "scheduler",
  "slack",
  "http",
  "outbox",
  "identity",
  "cli",
  "demo",
];

function graphOf(edges: Record<string, string[]>): FolderGraph {
  return new Map(
    Object.entries(edges).map(([from, tos]) => [
      from,
      new Map(tos.map((to) => [to, [`${from}/a.ts imports ../${to}/b.js`]])),
    ]),
  );
}

/** Edges from any of `from` to any of `to`, named by the import that makes them. */
function edgesBetween(graph: FolderGraph, from: string[], to: string[]): string[] {
  return from.flatMap((a) =>
    [...(graph.get(a) ?? new Map<string, string[]>())]
      .filter(([b]) => to.includes(b))
      .map(([b, why]) => `${a} -> ${b} (${why[0] ?? "?"})`),
  );
}

describe("the folder import graph of src/", () => {
  const graph = folderGraph(SRC);

  it("has no cycle between folders", () => {
    const cycles = folderCycles(graph).map((cycle) => describeCycle(graph, cycle));
    expect(cycles).toEqual([]);
  });

  it("keeps github/, slack/ and scheduler/ apart: they meet only through outbox/", () => {
    const shell = ["github", "slack", "scheduler"];
    const crossings = shell.flatMap((folder) =>
      edgesBetween(
        graph,
        [folder],
        shell.filter((other) => other !== folder),
      ),
    );
    expect(crossings).toEqual([]);
    expect(edgesBetween(graph, ["outbox"], shell)).toEqual([]);
  });

  it("lets the pure core import no shell folder", () => {
    expect(edgesBetween(graph, PURE, SHELL)).toEqual([]);
  });

  it("was read from the real source tree (the shell does import the outbox)", () => {
    expect(edgesBetween(graph, ["github"], ["outbox"])).not.toEqual([]);
  });
});

describe("the cycle finder", () => {
  it("names a cycle with the import behind each step", () => {
    const graph = graphOf({
      github: ["slack", "outbox"],
      slack: ["scheduler"],
      scheduler: ["github"],
    });
    const cycles = folderCycles(graph);
    expect(cycles).toEqual([["github", "slack", "scheduler", "github"]]);
    expect(describeCycle(graph, cycles[0]!)).toContain(
      "scheduler -> github: scheduler/a.ts imports ../github/b.js",
    );
  });

  it("finds none in a graph that only goes one way", () => {
    expect(
      folderCycles(graphOf({ github: ["outbox"], slack: ["outbox"], outbox: ["store"] })),
    ).toEqual([]);
  });
});
