/**
 * The `cron` package (kelektiv) 4.x, reproduced from cron/dist/time.js (CronTime._parse,
 * _parseField, getNextDateFrom) and constants.js, v4.4:
 * - 5 or 6 fields (seconds default to 0), months 1-12, weekdays 0-7 (7 = Sunday);
 * - names are replaced anywhere in the text by one global table, so `jan` in the weekday field
 *   is 1 (Monday) and `mon` in the month field is 1 (January); any other 1-3 letter run throws;
 * - no `L`, `W`, `#` or `?`; no wrapping ranges (a descending range throws);
 * - day-of-month and day-of-week are ORed when both are restricted, where "restricted" means
 *   the value *set* is not complete (`1-31` counts as unrestricted, like `*`).
 */
import { ParseResult, refuse } from '../model';

const LIBRARY = 'cron 4';
const PRESETS: Record<string, string> = {
  '@yearly': '0 0 0 1 1 *',
  '@monthly': '0 0 0 1 * *',
  '@weekly': '0 0 0 * * 0',
  '@daily': '0 0 0 * * *',
  '@hourly': '0 0 * * * *',
  '@minutely': '0 * * * * *',
  '@secondly': '* * * * * *',
  '@weekdays': '0 0 0 * * 1-5',
  '@weekends': '0 0 0 * * 0,6',
};
const ALIASES: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
  sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6,
};
const UNITS = ['second', 'minute', 'hour', 'dayOfMonth', 'month', 'dayOfWeek'];
const CONSTRAINTS: Array<[number, number]> = [[0, 59], [0, 59], [0, 23], [1, 31], [1, 12], [0, 7]];
const DEFAULTS = ['0', '*', '*', '*', '*', '*'];

class CronError extends Error {}

const has = (obj: object, key: string) => Object.prototype.hasOwnProperty.call(obj, key);

function parseField(value: string, unit: number): Set<number> {
  const [low, high] = CONSTRAINTS[unit];
  const set = new Set<number>();
  for (const field of value.split(',')) {
    const wildcardIndex = field.indexOf('*');
    if (wildcardIndex !== -1 && wildcardIndex !== 0) throw new CronError(`Field (${field}) has an invalid wildcard expression`);
  }
  for (const range of value.replace(/\*/g, `${low}-${high}`).split(',')) {
    const match = /^(\d+)(?:-(\d+))?(?:\/(\d+))?$/.exec(range);
    if (!match) throw new CronError(`Field (${UNITS[unit]}) cannot be parsed`);
    const [, mLower, mUpper, mStep] = match;
    let lower = parseInt(mLower, 10);
    let upper = mUpper !== undefined ? parseInt(mUpper, 10) : undefined;
    const step = parseInt(mStep ?? '1', 10);
    if (step === 0) throw new CronError(`Field (${UNITS[unit]}) has a step of zero`);
    if (upper !== undefined && lower > upper) throw new CronError(`Field (${UNITS[unit]}) has an invalid range`);
    if (lower < low || (upper !== undefined && upper > high) || (upper === undefined && lower > high)) {
      throw new CronError(`Field value (${value}) is out of range`);
    }
    lower = Math.min(Math.max(low, lower), high);
    upper = upper !== undefined ? Math.min(high, upper) : mStep !== undefined ? high : lower;
    let pointer = lower;
    do {
      set.add(pointer);
      pointer += step;
    } while (pointer <= upper);
  }
  if (unit === 5 && set.has(7)) {
    set.add(0);
    set.delete(7);
  }
  return set;
}

/** Parses a `cron` 4 expression into the value sets CronTime itself computes. */
export function parseCron4(expression: string): ParseResult {
  let units: string[];
  const sets: Array<Set<number>> = [];
  try {
    let source = expression.toLowerCase();
    if (has(PRESETS, source)) source = PRESETS[source];
    source = source.replace(/[a-z]{1,3}/gi, (alias) => {
      if (has(ALIASES, alias)) return String(ALIASES[alias]);
      throw new CronError(`Unknown alias: ${alias}`);
    });
    units = source.trim().split(/\s+/);
    if (units.length < 5) throw new CronError('Too few fields');
    if (units.length > 6) throw new CronError('Too many fields');
    for (let i = 0; i < 6; i++) sets.push(parseField(units[i - (6 - units.length)] ?? DEFAULTS[i], i));
  } catch (error) {
    return refuse(`invalid ${LIBRARY} expression "${expression}": ${error instanceof Error ? error.message : String(error)}`);
  }
  const sorted = (s: Set<number>) => [...s].sort((a, b) => a - b);
  const dayOfMonth = { days: sorted(sets[3]) };
  const dayOfWeek = { days: sorted(sets[5]) };
  // getNextDateFrom decides "restricted" by the size of the value set, not by the text.
  const domRestricted = sets[3].size !== 31;
  const dowRestricted = sets[5].size !== 7;
  return {
    ok: true,
    schedule: {
      library: LIBRARY,
      seconds: sorted(sets[0]),
      minutes: sorted(sets[1]),
      hours: sorted(sets[2]),
      months: sorted(sets[4]),
      years: null,
      dayOfMonth,
      dayOfWeek,
      dayRule: (ctx) => {
        const dom = sets[3].has(ctx.day);
        const dow = sets[5].has(ctx.weekday);
        const skip = (!dom && domRestricted && !(dow && dowRestricted)) || (!dow && dowRestricted && !(dom && domRestricted));
        return !skip;
      },
      dayLogic: 'or',
      notes: [],
    },
  };
}
