// Debian's Chromium for the browser tests, driven by playwright-core (which never downloads a
// browser of its own). Missing: the tests skip with a clear message, and fail under CI=true.
import { existsSync, mkdirSync } from "node:fs";
import { chromium } from "playwright-core";
import type { Browser } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";
/** Screenshots of every dashboard page (gitignored; CI keeps them as artifacts). */
export const SCREENSHOTS = "artifacts/screenshots";

/** True when Chromium is installed; otherwise warns (or, in CI, throws). */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  const reason = `${CHROMIUM} is missing: install Debian's chromium package (apt-get install -y chromium).`;
  if (process.env.CI === "true") throw new Error(`Browser tests need Chromium in CI: ${reason}`);
  console.warn(`Browser tests skipped: ${reason}`);
  return false;
}

/** Headless Chromium that never reaches the internet on its own (a fresh profile per launch). */
export async function launchChromium(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
