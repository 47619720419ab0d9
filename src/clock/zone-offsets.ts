// UTC offsets of a time zone, remembered as stretches of constant offset. Luxon answers each
// offset through Intl, slow enough to dominate a day-by-day walk, so we probe a fixed grid once.
import { IANAZone } from "luxon";

const MINUTE_MS = 60_000;
// No zone in tzdata (1970-2045) changes its offset twice within a week, so a 5-day grid cell
// holds at most one change and probing its two ends tells us whether it has one.
const CELL_MS = 5 * 86_400_000;
// tzdata changes offsets on whole seconds, so the search for a change can stop at one second.
const SECOND_MS = 1000;
// A memo, not state: keeps a long-running process from growing without bound (~80 years a zone).
const MAX_CELLS_PER_ZONE = 10_000;

/** Offset `before` up to the instant `change`, `after` from then on; change = cell end if none. */
interface Cell {
  start: number;
  end: number;
  before: number;
  after: number;
  change: number;
}

export interface OffsetSegment {
  start: number;
  end: number;
  /** Milliseconds to add to an instant to get its local wall-clock time. */
  offset: number;
}

interface ZoneMemo {
  cells: Map<number, Cell>;
  /** Offset at the start of each probed cell, shared by the cell before it. */
  gridOffsets: Map<number, number>;
}

const memo = new Map<string, ZoneMemo>();

export function isKnownZone(zone: string): boolean {
  // The instance caches its validity; the static check builds an Intl formatter every call.
  return IANAZone.create(zone).isValid;
}

export function offsetAt(zone: string, ts: number): number {
  const cell = cellAt(zone, Math.floor(ts / CELL_MS));
  return ts < cell.change ? cell.before : cell.after;
}

/** The constant-offset stretches covering [from, to), in order. */
export function offsetSegments(zone: string, from: number, to: number): OffsetSegment[] {
  const segments: OffsetSegment[] = [];
  const push = (start: number, end: number, offset: number): void => {
    const lo = Math.max(start, from);
    const hi = Math.min(end, to);
    if (lo >= hi) return;
    const last = segments[segments.length - 1];
    if (last !== undefined && last.offset === offset && last.end === lo) last.end = hi;
    else segments.push({ start: lo, end: hi, offset });
  };
  for (let i = Math.floor(from / CELL_MS); i * CELL_MS < to; i++) {
    const cell = cellAt(zone, i);
    push(cell.start, cell.change, cell.before);
    push(cell.change, cell.end, cell.after);
  }
  return segments;
}

function cellAt(zone: string, index: number): Cell {
  let known = memo.get(zone);
  if (known === undefined || known.cells.size >= MAX_CELLS_PER_ZONE) {
    known = { cells: new Map(), gridOffsets: new Map() };
    memo.set(zone, known);
  }
  const cached = known.cells.get(index);
  if (cached !== undefined) return cached;
  const cell = probeCell(IANAZone.create(zone), index, known.gridOffsets);
  known.cells.set(index, cell);
  return cell;
}

function probeCell(zone: IANAZone, index: number, gridOffsets: Map<number, number>): Cell {
  const gridOffset = (i: number): number => {
    const cached = gridOffsets.get(i);
    if (cached !== undefined) return cached;
    const offset = zone.offset(i * CELL_MS) * MINUTE_MS;
    gridOffsets.set(i, offset);
    return offset;
  };
  const start = index * CELL_MS;
  const end = start + CELL_MS;
  const before = gridOffset(index);
  const after = gridOffset(index + 1);
  if (before === after) return { start, end, before, after, change: end };
  // Invariant: offset(lo) === before, offset(hi) !== before; ends at the first changed second.
  let lo = start;
  let hi = end;
  while (hi - lo > SECOND_MS) {
    const mid = Math.floor((lo + hi) / 2 / SECOND_MS) * SECOND_MS;
    if (zone.offset(mid) * MINUTE_MS === before) lo = mid;
    else hi = mid;
  }
  return { start, end, before, after, change: hi };
}
