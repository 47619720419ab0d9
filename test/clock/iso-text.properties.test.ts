import fc from "fast-check";
import { DateTime } from "luxon";
import { isoText } from "../../src/clock/iso-text.js";
import { ZONES } from "./arbitraries.js";

const numRuns = 500;
const millisArb = fc.oneof(
  fc.integer({ min: Date.UTC(2015, 0, 1), max: Date.UTC(2040, 0, 1) }),
  // Around the ends of four-digit years, where Date and luxon print years differently.
  fc.integer({ min: -62_198_755_200_000, max: -62_135_596_800_000 }),
  fc.integer({ min: 253_370_764_800_000, max: 253_433_923_200_000 }),
);

describe("isoText", () => {
  it("prints a UTC instant exactly as luxon's toISO does", () => {
    fc.assert(
      fc.property(millisArb, (ms) => {
        const at = DateTime.fromMillis(ms, { zone: "utc" });
        expect(isoText(at)).toBe(at.toISO());
      }),
      { numRuns },
    );
  });

  it("prints an instant in any other zone exactly as luxon's toISO does", () => {
    fc.assert(
      fc.property(millisArb, fc.constantFrom(...ZONES, "UTC+0", "Etc/GMT"), (ms, zone) => {
        const at = DateTime.fromMillis(ms, { zone });
        expect(isoText(at)).toBe(at.toISO() ?? "");
      }),
      { numRuns },
    );
  });

  it("prints an invalid instant as luxon does (empty text)", () => {
    expect(isoText(DateTime.invalid("broken"))).toBe("");
  });
});
