// Conversions at the store edge: luxon instants, booleans and JSON to and from their column text.
import { DateTime, FixedOffsetZone } from "luxon";
import type { Flag, TimeText } from "./schema.js";

/** Fixed-width UTC text, so that string order is time order in both databases. */
export function toTime(at: DateTime): TimeText {
  // Date's ISO form is this exact text for years 0-9999, and far cheaper than luxon's (a sweep
  // writes and reads tens of thousands of instants).
  const millis = at.isValid ? at.toMillis() : Number.NaN;
  const text = Number.isFinite(millis) ? new Date(millis).toISOString() : null;
  if (text === null || text.length !== 24) {
    throw new Error(`Cannot store the instant ${at.toString()}: it is invalid or out of range.`);
  }
  return text;
}

export function toTimeOrNull(at: DateTime | null): TimeText | null {
  return at === null ? null : toTime(at);
}

/** Shared options: luxon would resolve a zone given as text again for every instant read. */
const UTC = { zone: FixedOffsetZone.utcInstance };

export function fromTime(text: TimeText): DateTime {
  const millis = Date.parse(text);
  const at = Number.isNaN(millis)
    ? DateTime.invalid("unparsable")
    : DateTime.fromMillis(millis, UTC);
  if (!at.isValid) throw new Error(`The database holds an invalid instant: "${text}".`);
  return at;
}

export function fromTimeOrNull(text: TimeText | null): DateTime | null {
  return text === null ? null : fromTime(text);
}

export function toFlag(value: boolean): Flag {
  return value ? 1 : 0;
}

export function fromFlag(value: Flag): boolean {
  return Number(value) !== 0;
}

/** `undefined` (nothing to serialise) is stored as SQL null, like `null`. */
export function toJson(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

export function fromJson(text: string | null): unknown {
  return text === null ? null : (JSON.parse(text) as unknown);
}

export function fromJsonStrings(text: string): string[] {
  const value = fromJson(text);
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) {
    throw new Error(`The database holds a malformed list of strings: ${text}`);
  }
  return value;
}
