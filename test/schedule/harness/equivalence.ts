/**
 * The fire-time equivalence check for one converted table row: the next FIRES fire times of
 * the original (from its own library) must equal, minute for minute, those of the converted
 * EventBridge schedules (unioned, guards applied), from several start dates, including just
 * before the DST changes of the schedule's timezone.
 */
import { toEventBridgeSchedule, type ConvertedSchedule } from '../../../src/schedule';
import type { TableRow } from '../converter-table';
import { unionFires } from './eventbridge-fires';
import { sourceFires } from './source-fires';
import { offsetChanges, withHostTimezone } from './wall-time';

/** Fires compared from the main start date. */
export const FIRES = 500;
/** Fires compared from each further start date (leap day, year end, DST changes). */
export const FIRES_ELSEWHERE = 100;
/** Fires are compared until enough are found or this many years have passed. */
export const HORIZON_YEARS = 6;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

interface Start {
  at: number;
  count: number;
}

/**
 * Start instants: 2025-01-01 for FIRES fires; an unaligned year-end start, the days before
 * 29 February 2028 and two hours before each 2025 offset change of `tz` for FIRES_ELSEWHERE.
 * (The libraries step through time with luxon or Intl and are slow: 500 fires from every start
 * would take minutes.)
 */
export function startDates(tz: string): Start[] {
  const changes = offsetChanges(tz, Date.UTC(2025, 0, 1), Date.UTC(2026, 0, 1)).map((t) => Math.floor((t - 2 * HOUR) / MINUTE) * MINUTE);
  return [
    { at: Date.UTC(2025, 0, 1), count: FIRES },
    ...[Date.UTC(2027, 11, 31, 12, 17), Date.UTC(2028, 1, 27), ...changes].map((at) => ({ at, count: FIRES_ELSEWHERE })),
  ];
}

/** One comparison's outcome, with ISO strings for readable diffs. */
export interface Comparison {
  start: string;
  original: string[];
  converted: string[];
  anomalies: string[];
}

const iso = (t: number) => new Date(t).toISOString();

/** Converts the row and compares fire times from every start date. */
export function compareFireTimes(row: TableRow): Comparison[] {
  const result = toEventBridgeSchedule(row.input) as ConvertedSchedule;
  if (!result.ok) throw new Error(`row ${row.id} does not convert`);
  const host = row.input.assumeTimezone ?? 'UTC';
  return startDates(result.timezone).map(({ at: start, count }) => {
    const until = start + HORIZON_YEARS * 365.25 * 24 * HOUR;
    // The library's second-of-minute may be non-zero; starting it 59 s later makes both sides
    // begin with the first whole minute after `start`.
    const original = withHostTimezone(host, () => sourceFires(row.input, { startMs: start + 59_000, count, untilMs: until + 59_000 }));
    const converted = unionFires(result.schedules, result.timezone, start, count, until);
    return {
      start: iso(start),
      original: original.map((t) => iso(Math.floor(t / MINUTE) * MINUTE)),
      converted: converted.fires.map(iso),
      anomalies: converted.anomalies,
    };
  });
}

/** Declares one equivalence test per converted table row that `select` picks. */
export function describeEquivalence(title: string, select: (row: TableRow) => boolean, rows: readonly TableRow[]): void {
  const converted = rows.filter((r) => Array.isArray(r.expected) && select(r));
  describe(`fire-time equivalence: ${title}`, () => {
    it('covers some rows', () => expect(converted.length).toBeGreaterThan(0));
    it.each(converted.map((row) => [row.id, row] as const))('%s', (_id, row) => {
      const comparisons = compareFireTimes(row);
      for (const c of comparisons) {
        expect({ start: c.start, anomalies: c.anomalies }).toEqual({ start: c.start, anomalies: [] });
        expect({ start: c.start, fires: c.converted }).toEqual({ start: c.start, fires: c.original });
      }
      // Not vacuous: the original fires from some start date (a year field may end it early).
      expect(comparisons.some((c) => c.original.length > 0)).toBe(true);
    });
  });
}
