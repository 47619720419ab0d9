// The dashboard's JavaScript is served by the app and stays small: under 200 kB gzipped in all.
import { ASSET_NAMES, dashboardAsset } from "../../src/http/dashboard/assets.js";

describe("the dashboard's assets", () => {
  it("serves uPlot and the page script from the app, under 200 kB of gzipped JavaScript", async () => {
    const scripts = ASSET_NAMES.filter((name) => name.endsWith(".js"));
    expect(scripts.sort()).toEqual(["dashboard.js", "uPlot.iife.min.js"]);
    let total = 0;
    for (const name of scripts) {
      const asset = await dashboardAsset(name);
      expect(asset?.body.length).toBeGreaterThan(500);
      total += asset?.gzipped.length ?? 0;
    }
    console.log(`dashboard JavaScript, gzipped: ${(total / 1024).toFixed(1)} kB`);
    expect(total).toBeLessThan(200 * 1024);
  });

  it("knows no asset outside its list", () => {
    expect(dashboardAsset("../../package.json")).toBeNull();
  });
});
