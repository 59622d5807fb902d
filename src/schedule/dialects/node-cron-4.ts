/**
 * node-cron 4.x, reproduced from node-cron/dist/_shared.js (convertExpression, TimeMatcher,
 * matchesDayOfMonth / matchesDayOfWeek) and node-cron.js (validateDetailed), v4.6:
 * - nicknames (`@daily`, ...), `?` for a whole day field, names, `L`, `L-n`, `nW`, `LW`,
 *   `n#k`, `nL`;
 * - ranges with steps are standard (`5-59/10` is 5,15,...) and descending ranges wrap within
 *   the field (`FRI-MON` is FRI,SAT,SUN,MON; `22-2` is 22,23,0,1,2);
 * - weekday 7 is Sunday; all six fields are ANDed, day-of-month and day-of-week included.
 */
import { matchesDayOfMonth, matchesDayOfWeek } from '../day-spec';
import { MAX_RANGE_EXPANSION, ParseResult, refuse } from '../model';
import type { DayOfMonthSpec, DayOfWeekSpec, NthWeekday } from '../types';

const LIBRARY = 'node-cron 4';
const NICKNAMES: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};
const FIELD_LABELS = ['second', 'minute', 'hour', 'day of month', 'month', 'week day'];
const BOUNDS: Array<[number, number]> = [[0, 59], [0, 59], [0, 23], [1, 31], [1, 12], [0, 6]];
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const SHORT_MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const SHORT_WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const MAX_DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const NUMBER_PATTERN = /^\d+$/;
const W_TOKEN = /^(\d{1,2}|L)W$/i;
const OFFSET_TOKEN = /^L-(\d{1,2})$/i;
const NTH_TOKEN = /^([0-7])#([1-5])$/;
const LAST_WEEKDAY_TOKEN = /^([0-7])L$/;

type Token = number | string;

class InvalidExpression extends Error {}

function replaceNames(text: string, names: readonly string[], base: number): string {
  let out = text;
  names.forEach((name, i) => {
    out = out.replace(new RegExp(name, 'gi'), String(i + base));
  });
  return out;
}

/** convertRanges.expandRange: ascending with step, or wrapping within the field's bounds. */
function expandRange(first: number, last: number, step: number, field: number, wraps: string[], token: string): string {
  const [min, max] = BOUNDS[field];
  const numbers: number[] = [];
  if (first <= last) {
    if ((last - first) / step > MAX_RANGE_EXPANSION) throw new InvalidExpression(`range ${token} is too large`);
    for (let i = first; i <= last; i += step) numbers.push(i);
    return numbers.join(',');
  }
  const size = max - min + 1;
  const span = (((last - first) % size) + size) % size;
  for (let offset = 0; offset <= span; offset += step) {
    let value = first + offset;
    if (value > max) value -= size;
    numbers.push(value);
  }
  wraps.push(token);
  return numbers.join(',');
}

function convertExpression(resolved: string, wraps: string[]): Token[][] {
  let fields = resolved.replace(/\s{2,}/g, ' ').trim().split(' ');
  if (fields.length === 5) fields = ['0', ...fields];
  if (fields[3] === '?') fields[3] = '*';
  if (fields[5] === '?') fields[5] = '*';
  fields[4] = replaceNames(replaceNames(fields[4], MONTHS, 1), SHORT_MONTHS, 1);
  fields[5] = replaceNames(replaceNames(fields[5], WEEKDAYS, 0), SHORT_WEEKDAYS, 0);
  const asteriskRanges = ['0-59', '0-59', '0-23', '1-31', '1-12', '0-6'];
  fields = fields.map((f, i) =>
    f
      .split(',')
      .map((t) => (t.includes('*') ? t.replace('*', asteriskRanges[i]) : t))
      .join(','),
  );
  fields = fields.map((f, i) =>
    f
      .split(',')
      .map((t) => {
        const m = /^(\d+)-(\d+)(?:\/(\d+))?$/.exec(t.trim());
        if (!m) return t;
        const step = parseInt(m[3] ?? '1', 10);
        if (!(step >= 1)) return `${m[1]}-${m[2]}/${m[3]}`;
        return expandRange(parseInt(m[1], 10), parseInt(m[2], 10), step, i, wraps, t.trim());
      })
      .join(','),
  );
  const tokens: Token[][] = fields.map((f) =>
    f.split(',').map((raw): Token => {
      const t = raw.trim();
      if (/^l$/i.test(t)) return 'L';
      if (/^l-\d{1,2}$/i.test(t) || /^[0-7]l$/i.test(t) || /w/i.test(t)) return t.toUpperCase();
      if (t.includes('#')) return t;
      if (NUMBER_PATTERN.test(t)) return parseInt(t, 10);
      return t;
    }),
  );
  tokens[5] = [
    ...new Set(tokens[5].map((t) => (t === 7 ? 0 : typeof t === 'string' && t.startsWith('7') ? `0${t.slice(1)}` : t))),
  ];
  return tokens;
}

/** node-cron.js isValidExpression: every remaining token a plain integer within bounds. */
function validIntegers(tokens: Token[], min: number, max: number): boolean {
  return tokens.every((t) => typeof t === 'number' && t >= min && t <= max);
}

function invalidDayOfMonthToken(t: Token): boolean {
  if (t === 'L') return false;
  const w = typeof t === 'string' ? W_TOKEN.exec(t) : null;
  if (w) return w[1] !== 'L' && (parseInt(w[1], 10) < 1 || parseInt(w[1], 10) > 31);
  const offset = typeof t === 'string' ? OFFSET_TOKEN.exec(t) : null;
  if (offset) return parseInt(offset[1], 10) < 1 || parseInt(offset[1], 10) > 30;
  return typeof t !== 'number' || t < 1 || t > 31;
}

/** Parses a node-cron 4 expression into the value sets node-cron 4 itself computes. */
export function parseNodeCron4(expression: string): ParseResult {
  const key = expression.trim().toLowerCase();
  const resolved = Object.prototype.hasOwnProperty.call(NICKNAMES, key) ? NICKNAMES[key] : expression;
  const invalid = (detail: string) => refuse(`invalid ${LIBRARY} expression "${expression}": ${detail}`);
  if (!/^[a-zA-Z0-9-*/,#? ]+$/.test(resolved)) return invalid('pattern includes illegal characters');
  const raw = resolved.replace(/\s{2,}/g, ' ').trim().split(' ');
  if (raw.length !== 5 && raw.length !== 6) return invalid(`expected 5 or 6 fields but got ${raw.length}`);
  const patterns = raw.length === 5 ? ['0', ...raw] : raw;

  const wraps: string[] = [];
  let tokens: Token[][];
  try {
    tokens = convertExpression(resolved, wraps);
  } catch (error) {
    return invalid(error instanceof Error ? error.message : String(error));
  }
  const fieldError = (i: number) => invalid(`${patterns[i]} is a invalid expression for ${FIELD_LABELS[i]}`);
  for (const i of [0, 1, 2, 4]) {
    if (!validIntegers(tokens[i], BOUNDS[i][0], BOUNDS[i][1])) return fieldError(i);
  }
  const wMisuse = patterns[3].split(',').some((t) => /w/i.test(t.trim()) && !W_TOKEN.test(t.trim()));
  if (tokens[3].some(invalidDayOfMonthToken) || wMisuse) return fieldError(3);
  const plainWeekdays = tokens[5].filter((t) => !(typeof t === 'string' && (NTH_TOKEN.test(t) || LAST_WEEKDAY_TOKEN.test(t))));
  if (!validIntegers(plainWeekdays, 0, 7)) return fieldError(5);
  if (
    tokens[3].every((t) => typeof t === 'number') &&
    !(tokens[4] as number[]).some((m) => (tokens[3] as number[]).some((d) => d <= MAX_DAYS_IN_MONTH[m - 1]))
  ) {
    return invalid(`${patterns[3]} ${patterns[4]} is an impossible day of month for the given month`);
  }

  const dayOfMonth: DayOfMonthSpec = { days: [], lastOffsets: [], nearestWeekday: [] };
  for (const t of tokens[3]) {
    if (typeof t === 'number') dayOfMonth.days.push(t);
    else if (t === 'L') dayOfMonth.last = true;
    else if (t === 'LW') dayOfMonth.lastWeekday = true;
    else if (W_TOKEN.test(t)) dayOfMonth.nearestWeekday?.push(parseInt(t, 10));
    else dayOfMonth.lastOffsets?.push(parseInt(t.slice(2), 10));
  }
  const dayOfWeek: DayOfWeekSpec = { days: [], nth: [], last: [] };
  for (const t of tokens[5]) {
    if (typeof t === 'number') dayOfWeek.days.push(t % 7);
    else if (NTH_TOKEN.test(t)) {
      const [, weekday, n] = NTH_TOKEN.exec(t) as RegExpExecArray;
      (dayOfWeek.nth as NthWeekday[]).push({ weekday: parseInt(weekday, 10) % 7, n: parseInt(n, 10) });
    } else dayOfWeek.last?.push(parseInt(t, 10) % 7);
  }

  const notes = wraps.map((w) => `${LIBRARY} wraps the descending range ${w} around the end of the field`);
  return {
    ok: true,
    schedule: {
      library: LIBRARY,
      seconds: tokens[0] as number[],
      minutes: tokens[1] as number[],
      hours: tokens[2] as number[],
      months: tokens[4] as number[],
      years: null,
      dayOfMonth,
      dayOfWeek,
      dayRule: (ctx) => matchesDayOfMonth(dayOfMonth, ctx) && matchesDayOfWeek(dayOfWeek, ctx),
      dayLogic: 'and',
      notes,
    },
  };
}
