// Says, before `npm start` compiles, why nothing else appears for a while.
import { existsSync } from "node:fs";

const first = !existsSync(new URL("../dist/cli.js", import.meta.url));
console.error(
  first
    ? "review-sla: compiling TypeScript to dist/ (the first build takes about a minute)…"
    : "review-sla: compiling TypeScript to dist/…",
);
