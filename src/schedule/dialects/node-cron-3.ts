/**
 * node-cron 3.x, reproduced step by step from node-cron3/src/convert-expression/*.js and
 * pattern-validation.js (v3.0.3), including its quirks:
 * - steps keep the values divisible by the step: `5-59/10` is 10,20,30,40,50 and `*\/2` in
 *   day-of-month is 2,4,...,30 (step-values-conversion.js);
 * - a descending range is swapped, not wrapped: `FRI-MON` is MON-FRI, `22-2` is 2-22
 *   (range-conversion.js);
 * - only the first `7` of the weekday field becomes `0`, before ranges: `1-7` is SUN-MON
 *   (week-day-names-conversion.js);
 * - only the first `*` of a field is expanded (asterisk-to-range-conversion.js);
 * - numbers go through `parseInt` without a radix (`0x1f` is 31).
 * Matching (time-matcher.js) ANDs all six fields, day-of-month and day-of-week included.
 */
import { matchesDayOfMonth, matchesDayOfWeek } from '../day-spec';
import { MAX_RANGE_EXPANSION, ParseResult, refuse } from '../model';

const LIBRARY = 'node-cron 3';
const FIELD_LABELS = ['second', 'minute', 'hour', 'day of month', 'month', 'week day'];
const BOUNDS: Array<[number, number]> = [[0, 59], [0, 59], [0, 23], [1, 31], [1, 12], [0, 7]];
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const SHORT_MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const SHORT_WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const ASTERISK_RANGES = ['0-59', '0-59', '0-23', '1-31', '1-12', '0-6'];

class InvalidExpression extends Error {}

function replaceNames(text: string, names: readonly string[], base: number): string {
  let out = text;
  names.forEach((name, i) => {
    out = out.replace(new RegExp(name, 'gi'), String(i + base));
  });
  return out;
}

function convertRanges(field: string): string {
  const rangeRegEx = /(\d+)-(\d+)/;
  let out = field;
  let match = rangeRegEx.exec(out);
  while (match !== null) {
    let first = parseInt(match[1], 10);
    let last = parseInt(match[2], 10);
    if (first > last) [first, last] = [last, first];
    if (last - first > MAX_RANGE_EXPANSION) throw new InvalidExpression(`range ${match[0]} is too large`);
    const numbers: number[] = [];
    for (let i = first; i <= last; i++) numbers.push(i);
    out = out.replace(new RegExp(match[0], 'i'), numbers.join(','));
    match = rangeRegEx.exec(out);
  }
  return out;
}

function convertSteps(field: string): string {
  const match = /^(.+)\/(\w+)$/.exec(field);
  if (!match) return field;
  if (Number.isNaN(Number(match[2]))) throw new InvalidExpression(`${match[2]} is not a valid step value`);
  const divider = parseInt(match[2], 10);
  return match[1]
    .split(',')
    .map((v) => parseInt(v, 10))
    .filter((v) => v % divider === 0)
    .join(',');
}

/** Parses a node-cron 3 expression into the value sets node-cron 3 itself computes. */
export function parseNodeCron3(expression: string): ParseResult {
  let fields = expression.replace(/\s{2,}/g, ' ').trim().split(' ');
  if (fields.length === 5) fields = ['0', ...fields];
  if (fields.length > 6) {
    return refuse(`${LIBRARY} silently ignores fields after the sixth ("${expression}"); the schedule does not do what it says`);
  }
  if (fields.length !== 6) return refuse(`invalid ${LIBRARY} expression "${expression}": expected 5 or 6 fields`);
  const raw = [...fields];

  let values: number[][];
  try {
    fields[4] = replaceNames(replaceNames(fields[4], MONTHS, 1), SHORT_MONTHS, 1);
    fields[5] = replaceNames(replaceNames(fields[5].replace('7', '0'), WEEKDAYS, 0), SHORT_WEEKDAYS, 0);
    fields = fields.map((f, i) => (f.includes('*') ? f.replace('*', ASTERISK_RANGES[i]) : f));
    fields = fields.map(convertRanges).map(convertSteps);
    // normalizeIntegers: parseInt without a radix, as the library does.
    values = fields.map((f) => f.split(',').map((v) => parseInt(v)));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return refuse(`invalid ${LIBRARY} expression "${expression}": ${message}`);
  }

  for (let i = 0; i < 6; i++) {
    const [min, max] = BOUNDS[i];
    if (values[i].some((v) => !Number.isInteger(v) || v < min || v > max)) {
      return refuse(`invalid ${LIBRARY} expression "${expression}": ${raw[i]} is a invalid expression for ${FIELD_LABELS[i]}`);
    }
  }

  const notes: string[] = [];
  raw.forEach((field, i) => {
    if (field.includes('/')) {
      notes.push(`${LIBRARY} step semantics: ${FIELD_LABELS[i]} "${field}" keeps only multiples of the step → ${[...new Set(values[i])].sort((a, b) => a - b).join(',')}`);
    }
  });

  const dayOfMonth = { days: values[3] };
  // getDay() is 0-6, so a 7 that survives the single '7' → '0' replacement never matches.
  const dayOfWeek = { days: values[5].filter((d) => d <= 6) };
  return {
    ok: true,
    schedule: {
      library: LIBRARY,
      seconds: values[0],
      minutes: values[1],
      hours: values[2],
      months: values[4],
      years: null,
      dayOfMonth,
      dayOfWeek,
      dayRule: (ctx) => matchesDayOfMonth(dayOfMonth, ctx) && matchesDayOfWeek(dayOfWeek, ctx),
      dayLogic: 'and',
      notes,
    },
  };
}
