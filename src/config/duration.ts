// Durations as people write them in config: "24h", "2d", "90m", "1d 4h", "1w".
import { Duration } from "luxon";
import { z } from "zod";

const UNIT_MS: Record<string, number> = {
  w: 7 * 24 * 3_600_000,
  d: 24 * 3_600_000,
  h: 3_600_000,
  m: 60_000,
  s: 1_000,
};

const PART = /(\d+(?:\.\d+)?)\s*(w|d|h|m|s)/gy;

/** Parses "24h", "2d", "90m", "1d 4h" or "1.5h"; null when the text is not a duration. */
export function parseDuration(text: string): Duration | null {
  const input = text.trim().toLowerCase();
  if (input === "") return null;
  let ms = 0;
  let index = 0;
  PART.lastIndex = 0;
  while (index < input.length) {
    PART.lastIndex = index;
    const match = PART.exec(input);
    if (!match) return null;
    ms += Number(match[1]) * (UNIT_MS[match[2] ?? ""] ?? 0);
    index = PART.lastIndex;
    while (input[index] === " ") index += 1;
  }
  return Duration.fromMillis(Math.round(ms));
}

/**
 * Formats a duration the way config accepts it: whole hours up to three days as hours ("48h",
 * as people write SLAs), otherwise the two largest units ("1d 4h", "1h 30m").
 */
export function formatDuration(duration: Duration): string {
  let ms = Math.max(0, Math.round(duration.toMillis()));
  const hours = ms / UNIT_MS.h!;
  if (Number.isInteger(hours) && hours > 0 && hours <= 72) return `${hours}h`;
  const parts: string[] = [];
  for (const unit of ["d", "h", "m"] as const) {
    const size = UNIT_MS[unit] ?? 1;
    const count = Math.floor(ms / size);
    if (count > 0) parts.push(`${count}${unit}`);
    ms -= count * size;
  }
  if (parts.length === 0) return ms > 0 ? `${Math.ceil(ms / 1000)}s` : "0m";
  return parts.slice(0, 2).join(" ");
}

const EXPECTED_DURATION = 'expected a positive duration like "24h", "2d" or "90m"';

/**
 * A config field holding a duration: accepts text like "24h", yields a luxon Duration.
 * Messages say what was expected; the offending text travels as the issue's `input`.
 */
export const durationSchema = z.string({ error: EXPECTED_DURATION }).transform((text, ctx) => {
  const parsed = parseDuration(text);
  if (!parsed || parsed.toMillis() <= 0) {
    ctx.addIssue({ code: "custom", message: EXPECTED_DURATION, input: text });
    return z.NEVER;
  }
  return parsed;
});
