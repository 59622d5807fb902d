/**
 * node-schedule 2.x RecurrenceRule / object specs, reproduced from node-schedule/lib/Invocation.js
 * (RecurrenceRule, isValid, _nextInvocationDate, recurMatch, Range) and Job.js (object spec):
 * - every field is ANDed, day-of-month (`date`) and `dayOfWeek` included;
 * - `month` is 0-11 and `dayOfWeek` 0-6 (Sunday = 0), `year` is a calendar year;
 * - null means "any"; `second` defaults to 0 when never set;
 * - `Range(start, end, step)` is `start || 0`, `end || 60`, `step || 1`, inclusive for step 1
 *   but with an *exclusive* end for other steps (`Range(0, 30, 10)` is 0,10,20);
 * - isValid() compares whole fields with `<`/`>`, so only numbers and one-element arrays are
 *   range-checked; an invalid rule is never scheduled.
 */
import { matchesDayOfMonth, matchesDayOfWeek } from '../day-spec';
import { ParseResult, rangeOf, refuse } from '../model';
import type { RecurrenceRuleSpec, RuleRange, RuleValue } from '../types';

const LIBRARY = 'node-schedule 2 (RecurrenceRule)';

type FieldName = 'second' | 'minute' | 'hour' | 'date' | 'month' | 'year' | 'dayOfWeek';

/** Legal values per field; years are limited to what EventBridge accepts. */
const DOMAINS: Record<FieldName, number[]> = {
  second: rangeOf(0, 59),
  minute: rangeOf(0, 59),
  hour: rangeOf(0, 23),
  date: rangeOf(1, 31),
  month: rangeOf(0, 11),
  year: rangeOf(1970, 2199),
  dayOfWeek: rangeOf(0, 6),
};

function isRange(v: unknown): v is RuleRange {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Range.prototype.contains with the constructor's `||` defaults. */
function rangeContains(range: RuleRange, val: number): boolean {
  const start = range.start || 0;
  const end = range.end || 60;
  const step = range.step || 1;
  if (step === 1) return val >= start && val <= end;
  for (let i = start; i < end; i += step) if (i === val) return true;
  return false;
}

/** recurMatch for numbers, Ranges and arrays of those. */
function recurMatch(val: number, matcher: RuleValue): boolean {
  if (typeof matcher === 'number') return val === matcher;
  if (Array.isArray(matcher)) return matcher.some((m) => recurMatch(val, m));
  return rangeContains(matcher, val);
}

/** What `field < 0` / `field > 11` see: a number, a one-element array's number, otherwise NaN. */
function coerced(v: RuleValue): number {
  if (typeof v === 'number') return v;
  if (Array.isArray(v)) return v.length === 0 ? 0 : v.length === 1 && typeof v[0] === 'number' ? v[0] : NaN;
  return NaN;
}

/** Checks value shapes the library would loop on forever or that this converter cannot mirror. */
function shapeProblem(name: FieldName, v: unknown): string | null {
  const items = Array.isArray(v) ? v : [v];
  for (const item of items) {
    if (typeof item === 'number') {
      if (!Number.isFinite(item)) return `${name} value ${item} is not a number`;
      continue;
    }
    if (!isRange(item)) return `${name} value ${JSON.stringify(item)} is neither a number, a Range nor a list of those`;
    for (const key of ['start', 'end', 'step'] as const) {
      const part = item[key];
      if (part !== undefined && part !== null && !Number.isInteger(part)) return `${name} Range ${key} ${String(part)} is not an integer`;
    }
    if (item.step !== undefined && item.step !== null && item.step < 0) return `${name} Range step ${item.step} would never end`;
  }
  return null;
}

/** Parses a RecurrenceRule / object spec into the value sets node-schedule itself matches. */
export function parseRecurrenceRule(rule: RecurrenceRuleSpec): ParseResult {
  const get = (name: FieldName): RuleValue | null => {
    const v = rule[name];
    return v === undefined || v === null ? null : v;
  };
  for (const name of Object.keys(DOMAINS) as FieldName[]) {
    const problem = get(name) === null ? null : shapeProblem(name, get(name));
    if (problem) return refuse(`unsupported ${LIBRARY}: ${problem}`);
  }

  // RecurrenceRule.prototype.isValid, comparison for comparison.
  const bounds: Array<[FieldName, number, number]> = [['month', 0, 11], ['dayOfWeek', 0, 6], ['hour', 0, 23], ['minute', 0, 59], ['second', 0, 59]];
  for (const [name, min, max] of bounds) {
    const v = get(name);
    if (v !== null && (coerced(v) < min || coerced(v) > max)) {
      return refuse(`node-schedule rejects the rule (isValid): ${name} ${JSON.stringify(v)} is outside ${min}-${max}, so the job is never scheduled`);
    }
  }
  const date = get('date');
  const month = get('month');
  if (date !== null) {
    const maxDate = month === 1 ? 29 : month === 3 || month === 5 || month === 8 || month === 10 ? 30 : 31;
    if (coerced(date) < 1 || coerced(date) > maxDate) {
      return refuse(`node-schedule rejects the rule (isValid): date ${JSON.stringify(date)} with month ${JSON.stringify(month)}, so the job is never scheduled`);
    }
  }

  const values = (name: FieldName): number[] => {
    const v = get(name);
    return v === null ? DOMAINS[name] : DOMAINS[name].filter((x) => recurMatch(x, v));
  };
  // An explicit null (or undefined) second means every second; an untouched one means 0.
  const seconds = 'second' in rule ? values('second') : [0];
  const sets = { minute: values('minute'), hour: values('hour'), date: values('date'), month: values('month'), dayOfWeek: values('dayOfWeek') };
  const years = get('year') === null ? null : values('year');
  const empty = (Object.keys(DOMAINS) as FieldName[]).find((name) => get(name) !== null && values(name).length === 0);
  // The library would search forever (or until a numeric year has passed) for such a rule.
  if (empty) return refuse(`${LIBRARY} never fires: no legal ${empty} value matches ${JSON.stringify(rule[empty])}`);

  const dayOfMonth = { days: sets.date };
  const dayOfWeek = { days: sets.dayOfWeek };
  return {
    ok: true,
    schedule: {
      library: LIBRARY,
      seconds,
      minutes: sets.minute,
      hours: sets.hour,
      months: sets.month.map((m) => m + 1),
      years,
      dayOfMonth,
      dayOfWeek,
      dayRule: (ctx) => matchesDayOfMonth(dayOfMonth, ctx) && matchesDayOfWeek(dayOfWeek, ctx),
      dayLogic: 'and',
      timezone: rule.tz ?? null,
      notes: [],
    },
  };
}
