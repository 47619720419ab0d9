// Webhook instants read through `Date.parse` must be exactly the instants luxon reads: the same
// time, the same zone, and the same verdict on a text that names no real moment.
import fc from "fast-check";
import { DateTime } from "luxon";
import { utc } from "../../src/github/payloads.js";

const luxon = (text: string) => DateTime.fromISO(text, { zone: "utc" });
const two = (n: number) => String(n).padStart(2, "0");

/** Texts in GitHub's shape, with fields that may be out of range (February 30th, hour 24). */
const shaped = fc
  .record({
    year: fc.integer({ min: 0, max: 9999 }),
    month: fc.integer({ min: 0, max: 13 }),
    day: fc.integer({ min: 0, max: 32 }),
    hour: fc.integer({ min: 0, max: 25 }),
    minute: fc.integer({ min: 0, max: 60 }),
    second: fc.integer({ min: 0, max: 60 }),
    millis: fc.option(fc.integer({ min: 0, max: 999 }), { nil: undefined }),
  })
  .map(({ year, month, day, hour, minute, second, millis }) => {
    const fraction = millis === undefined ? "" : `.${String(millis).padStart(3, "0")}`;
    return `${String(year).padStart(4, "0")}-${two(month)}-${two(day)}T${two(hour)}:${two(minute)}:${two(second)}${fraction}Z`;
  });

function same(text: string): void {
  const ours = utc(text);
  const theirs = luxon(text);
  expect(ours.isValid).toBe(theirs.isValid);
  if (!theirs.isValid) return;
  expect(ours.toMillis()).toBe(theirs.toMillis());
  expect(ours.zone.equals(theirs.zone)).toBe(true);
  expect(ours.equals(theirs)).toBe(true);
}

describe("instants of webhook payloads", () => {
  it("read every real instant in GitHub's form as luxon does", () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date("0000-01-01T00:00:00Z"),
          max: new Date("9999-12-31T23:59:59Z"),
          noInvalidDate: true,
        }),
        fc.boolean(),
        (date, whole) => {
          const text = date.toISOString();
          same(whole ? `${text.slice(0, 19)}Z` : text);
        },
      ),
    );
  });

  it("judge texts with out-of-range fields as luxon does", () => {
    fc.assert(fc.property(shaped, same), { numRuns: 2_000 });
  });

  it("leave other ISO forms (offsets, no zone, dates) to luxon", () => {
    for (const text of [
      "2026-11-23T09:00:00+02:00",
      "2026-11-23T09:00:00",
      "2026-11-23",
      "2026-11-23T09:00:00.5Z",
      "not a date",
    ])
      same(text);
  });
});
