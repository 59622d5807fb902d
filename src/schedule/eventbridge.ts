/**
 * Rendering of EventBridge `cron(minutes hours day-of-month month day-of-week year)` fields.
 * Only documented forms are emitted: `*`, `?`, lists, ascending ranges, `start/step`, `L` and
 * `nW` in day-of-month, `d#n` and `dL` in day-of-week (weekdays 1-7, Sunday = 1). Wrapping
 * ranges never appear: they are expanded to lists first.
 *
 * `rate(...)` is never emitted: a rate counts from the moment the rule is created, so
 * `rate(5 minutes)` is not aligned to :00, :05, ... the way `*\/5 * * * *` is, and is never
 * an exact equivalent of a cron schedule.
 */
import { sortedUnique } from './day-spec';
import { rangeOf } from './model';

/** EventBridge rejects schedule expressions longer than this. */
export const MAX_EXPRESSION_LENGTH = 256;

const WEEKDAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/** Runs of consecutive integers in a sorted list. */
function runs(sorted: readonly number[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    out.push([sorted[i], sorted[j]]);
    i = j + 1;
  }
  return out;
}

/**
 * A numeric field: `*` when complete, `start/step` when the values are every step-th value
 * from start to the end of the field, otherwise a list of values and ranges.
 */
export function renderNumbers(values: readonly number[], min: number, max: number): string {
  const v = sortedUnique(values);
  if (v.length === max - min + 1) return '*';
  if (v.length >= 3) {
    const step = v[1] - v[0];
    const progression = v.every((x, i) => i === 0 || x - v[i - 1] === step);
    if (progression && step >= 2 && v[v.length - 1] + step > max) return `${v[0]}/${step}`;
  }
  return runs(v)
    .flatMap(([a, b]) => (b - a >= 2 ? [`${a}-${b}`] : rangeOf(a, b).map(String)))
    .join(',');
}

/** A plain day-of-week list (0-6, Sunday = 0) as EventBridge names, e.g. `MON-FRI`. */
export function renderWeekdays(weekdays: readonly number[]): string {
  // Ranges are built in EventBridge order (SUN = 1 ... SAT = 7), so none wraps.
  return runs(sortedUnique(weekdays))
    .flatMap(([a, b]) => (b - a >= 2 ? [`${WEEKDAY_NAMES[a]}-${WEEKDAY_NAMES[b]}`] : rangeOf(a, b).map((d) => WEEKDAY_NAMES[d])))
    .join(',');
}

/** The `d#n` form: n-th weekday of the month, EventBridge weekday numbering. */
export function renderNthWeekday(weekday: number, n: number): string {
  return `${weekday + 1}#${n}`;
}

/** The `dL` form: last such weekday of the month, EventBridge weekday numbering. */
export function renderLastWeekday(weekday: number): string {
  return `${weekday + 1}L`;
}

/** Field texts of one EventBridge cron expression. */
export interface CronFields {
  minutes: string;
  hours: string;
  dayOfMonth: string;
  month: string;
  dayOfWeek: string;
  year: string;
}

/** `cron(...)` text of the given fields. */
export function renderCron(f: CronFields): string {
  return `cron(${f.minutes} ${f.hours} ${f.dayOfMonth} ${f.month} ${f.dayOfWeek} ${f.year})`;
}
