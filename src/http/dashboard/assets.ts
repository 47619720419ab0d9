// The dashboard's static files, served by the app itself (never a CDN): uPlot from its npm
// package, and the page script and styles from assets/dashboard/.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

interface Asset {
  type: string;
  body: Buffer;
  gzipped: Buffer;
}

const require = createRequire(import.meta.url);
const OWN = new URL("../../../assets/dashboard/", import.meta.url);

const SOURCES: Record<string, { path: () => string; type: string }> = {
  "uPlot.iife.min.js": {
    path: () => require.resolve("uplot/dist/uPlot.iife.min.js"),
    type: "text/javascript; charset=utf-8",
  },
  "uPlot.min.css": {
    path: () => require.resolve("uplot/dist/uPlot.min.css"),
    type: "text/css; charset=utf-8",
  },
  "dashboard.js": {
    path: () => fileURLToPath(new URL("dashboard.js", OWN)),
    type: "text/javascript; charset=utf-8",
  },
  "dashboard.css": {
    path: () => fileURLToPath(new URL("dashboard.css", OWN)),
    type: "text/css; charset=utf-8",
  },
};

export const ASSET_NAMES = Object.keys(SOURCES);

const loaded = new Map<string, Promise<Asset>>();

/** The asset by file name, read and compressed once; null for an unknown name. */
export function dashboardAsset(name: string): Promise<Asset> | null {
  const source = SOURCES[name];
  if (!source) return null;
  let asset = loaded.get(name);
  if (!asset) {
    asset = readFile(source.path()).then((body) => ({
      type: source.type,
      body,
      gzipped: gzipSync(body, { level: 9 }),
    }));
    loaded.set(name, asset);
  }
  return asset;
}
