/**
 * Cron strings of node-schedule 2.x, which hands them to cron-parser 4.x
 * (node-schedule/lib/Job.js → cronParser.parseExpression). Reproduced from
 * cron-parser/lib/expression.js (v4.9: parse, _parseField, _findSchedule, _handleMaxDaysInMonth):
 * - 5 or 6 fields (fewer are right-aligned by cron-parser and refused here as ambiguous);
 * - 3-letter names per field, `?` in the day fields, `L` (day-of-month), `nL` and one `d#n`
 *   (day-of-week);
 * - day fields are ORed when both are "restricted", where day-of-month counts as unrestricted
 *   when its value list is at least as long as the *current month* (February counted as 29
 *   days) and day-of-week when its list has 8 entries (`*` expands to 0-7); a `#` applies on
 *   top of that to every matching day;
 * - a day-of-week range ending in 7 also contains Sunday whatever its step (`2-7/2` has 0).
 */
import { occurrenceInMonth } from '../calendar';
import { ParseResult, refuse } from '../model';

const LIBRARY = 'node-schedule 2 (cron-parser)';
const PREDEFINED: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@hourly': '0 * * * *',
};
const CONSTRAINTS: Array<{ min: number; max: number; chars: string[] }> = [
  { min: 0, max: 59, chars: [] },
  { min: 0, max: 59, chars: [] },
  { min: 0, max: 23, chars: [] },
  { min: 1, max: 31, chars: ['L'] },
  { min: 1, max: 12, chars: [] },
  { min: 0, max: 7, chars: ['L'] },
];
const MONTH_ALIASES: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
const WEEKDAY_ALIASES: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };
const DEFAULTS = ['0', '*', '*', '*', '*', '*'];
const STANDARD = /^[,*\d/-]+$/;
const VALID_CHARS = [STANDARD, STANDARD, STANDARD, /^[?,*\dL/-]+$/, STANDARD, /^[?,*\dL#/-]+$/];
/** CronExpression.daysInMonth: February always 29. */
const CP_DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

type Value = number | string;

class ParseError extends Error {}

function parseField(field: number, input: string): Value[] {
  const c = CONSTRAINTS[field];
  let value = input;
  if (field === 4 || field === 5) {
    const aliases = field === 4 ? MONTH_ALIASES : WEEKDAY_ALIASES;
    value = value.replace(/[a-z]{3}/gi, (m) => {
      const key = m.toLowerCase();
      if (Object.prototype.hasOwnProperty.call(aliases, key)) return String(aliases[key]);
      throw new ParseError(`cannot resolve alias "${key}"`);
    });
  }
  if (!VALID_CHARS[field].test(value)) throw new ParseError(`invalid characters, got value: ${value}`);
  if (value.includes('*')) value = value.replace(/\*/g, `${c.min}-${c.max}`);
  else if (value.includes('?')) value = value.replace(/\?/g, `${c.min}-${c.max}`);

  const isConstraintChar = (v: Value) => typeof v === 'string' && c.chars.some((ch) => v.includes(ch));
  const parseRange = (val: string, repeatInterval: string | number): Value | number[] => {
    const atoms = val.split('-');
    if (atoms.length > 1) {
      if (!atoms[0].length) {
        if (!atoms[1].length) throw new ParseError(`invalid range: ${val}`);
        return +val;
      }
      const min = +atoms[0];
      const max = +atoms[1];
      if (Number.isNaN(min) || Number.isNaN(max) || min < c.min || max > c.max) throw new ParseError(`constraint error, got range ${min}-${max}`);
      if (min > max) throw new ParseError(`invalid range: ${val}`);
      let repeatIndex = +repeatInterval;
      if (Number.isNaN(repeatIndex) || repeatIndex <= 0) throw new ParseError(`cannot repeat at every ${repeatIndex} time`);
      const stack: number[] = [];
      if (field === 5 && max % 7 === 0) stack.push(0);
      for (let index = min; index <= max; index++) {
        if (!stack.includes(index) && repeatIndex > 0 && repeatIndex % +repeatInterval === 0) {
          repeatIndex = 1;
          stack.push(index);
        } else {
          repeatIndex++;
        }
      }
      return stack;
    }
    return Number.isNaN(+val) ? val : +val;
  };
  const parseRepeat = (val: string): Value | number[] => {
    let atoms = val.split('/');
    if (atoms.length > 2) throw new ParseError(`invalid repeat: ${val}`);
    if (atoms.length > 1) {
      // `5/10` means `5-max/10` (the library tests `atoms[0] == +atoms[0]`).
      if (!Number.isNaN(Number(atoms[0]))) atoms = [`${atoms[0]}-${c.max}`, atoms[1]];
      return parseRange(atoms[0], atoms[1]);
    }
    return parseRange(val, 1);
  };

  const stack: Value[] = [];
  const handle = (result: Value | number[]) => {
    for (const v of Array.isArray(result) ? result : [result]) {
      if (isConstraintChar(v)) {
        stack.push(v);
        continue;
      }
      const n = +v;
      if (Number.isNaN(n) || n < c.min || n > c.max) throw new ParseError(`constraint error, got value ${v}`);
      stack.push(!Array.isArray(result) && field === 5 ? n % 7 : n);
    }
  };
  const atoms = value.split(',');
  if (!atoms.every((a) => a.length > 0)) throw new ParseError('invalid list value format');
  atoms.forEach((a) => handle(parseRepeat(a)));
  return stack.sort((a, b) => (typeof a === 'number' && typeof b === 'number' ? a - b : typeof a === 'number' ? -1 : typeof b === 'number' ? 1 : a.localeCompare(b)));
}

/** Parses a node-schedule cron string into the values cron-parser itself computes. */
export function parseCronParser4(expression: string): ParseResult {
  const source = Object.prototype.hasOwnProperty.call(PREDEFINED, expression) ? PREDEFINED[expression] : expression;
  const atoms = source.trim().split(/\s+/);
  if (atoms.length > 6) return refuse(`invalid ${LIBRARY} expression "${expression}": more than 6 fields`);
  if (atoms.length < 5) {
    return refuse(`${LIBRARY} expression "${expression}" has fewer than 5 fields; cron-parser aligns such fields from the right, which is almost certainly not what was meant`);
  }
  let nth = 0;
  const fields: Value[][] = [];
  try {
    for (let i = 0; i < 6; i++) {
      let value = atoms[i - (6 - atoms.length)] ?? DEFAULTS[i];
      if (i === 5 && value.includes('#')) {
        const parts = value.split('#');
        const nthValue = +parts[parts.length - 1];
        if (/[,/-]/.test(value)) throw new ParseError('`#` cannot be combined with `,`, `/` or `-`');
        if (parts.length > 2 || Number.isNaN(nthValue) || nthValue < 1 || nthValue > 5) throw new ParseError('invalid dayOfWeek occurrence number (#)');
        nth = nthValue;
        value = parts[0];
      }
      fields.push(parseField(i, value));
    }
    if (fields[4].length === 1) {
      const dim = CP_DAYS_IN_MONTH[(fields[4][0] as number) - 1];
      if ((fields[3][0] as number) > dim) throw new ParseError('invalid explicit day of month definition');
      fields[3] = fields[3].filter((d) => (d === 'L' ? true : (d as number) <= dim));
    }
  } catch (error) {
    return refuse(`invalid ${LIBRARY} expression "${expression}": ${error instanceof Error ? error.message : String(error)}`);
  }

  // Stricter than the library where its behaviour is accidental: `5L` in day-of-month acts as
  // `L`, `12L` in day-of-week as "last Monday", `*#2` as "days 8-14".
  const domStrings = fields[3].filter((v): v is string => typeof v === 'string');
  const dowStrings = fields[5].filter((v): v is string => typeof v === 'string');
  if (domStrings.some((s) => s !== 'L')) return refuse(`unsupported day-of-month "${atoms[3 - (6 - atoms.length)]}" in "${expression}"`);
  if (dowStrings.some((s) => !/^[0-7]L$/.test(s))) return refuse(`unsupported day-of-week value in "${expression}"`);
  if (nth && (fields[5].length !== 1 || typeof fields[5][0] !== 'number')) {
    return refuse(`unsupported day-of-week "#" form in "${expression}": only a single weekday may carry "#"`);
  }
  const numbers = (vs: Value[]) => [...new Set(vs.filter((v): v is number => typeof v === 'number'))].sort((a, b) => a - b);
  const domNumbers = new Set(numbers(fields[3]));
  const domHasL = domStrings.length > 0;
  const domLength = fields[3].length;
  const dowNumbers = new Set(numbers(fields[5]));
  const dowLast = dowStrings.map((s) => parseInt(s[0], 10) % 7);
  const dowLength = fields[5].length;

  const dayOfMonth = { days: [...domNumbers], last: domHasL };
  const dayOfWeek = nth
    ? { days: [], nth: [{ weekday: (fields[5][0] as number) % 7, n: nth }] }
    : { days: [...dowNumbers].filter((d) => d <= 6), last: dowLast };
  return {
    ok: true,
    schedule: {
      library: LIBRARY,
      seconds: numbers(fields[0]),
      minutes: numbers(fields[1]),
      hours: numbers(fields[2]),
      months: numbers(fields[4]),
      years: null,
      dayOfMonth,
      dayOfWeek,
      dayRule: (ctx) => {
        const dm = domNumbers.has(ctx.day) || (domHasL && ctx.day === ctx.daysInMonth);
        const wm = dowNumbers.has(ctx.weekday) || dowLast.some((w) => w === ctx.weekday && ctx.day + 7 > ctx.daysInMonth);
        const domWildcard = domLength >= CP_DAYS_IN_MONTH[ctx.month - 1];
        const dowWildcard = dowLength === 8;
        const match = (dm && !(domWildcard && !dowWildcard && !wm)) || (!dm && wm && !dowWildcard);
        return match && (!nth || isNthDayMatch(ctx.day, nth));
      },
      dayLogic: 'or',
      notes: [],
    },
  };
}

/** expression.js isNthDayMatch. */
function isNthDayMatch(day: number, nth: number): boolean {
  if (nth >= 6) return false;
  if (day < 8 && nth === 1) return true;
  return occurrenceInMonth(day) === nth;
}
