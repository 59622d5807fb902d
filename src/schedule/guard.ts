/**
 * Runtime day guards: the check a generated handler makes when EventBridge cannot express the
 * source's day rule. `guardMatches` is the reference implementation (also for handlers that
 * import it); `renderGuard` emits an equivalent self-contained function for generated code.
 * Both read the date in the schedule's timezone from the *scheduled* time: a handler that
 * starts a second after midnight must still judge the day it was scheduled for.
 */
import { dayContext } from './calendar';
import { guardAllows } from './day-plan';
import { describeNumbers } from './day-spec';
import type { DayGuard, DayOfMonthSpec, DayOfWeekSpec } from './types';

const dateFormatters = new Map<string, Intl.DateTimeFormat>();

function localDate(date: Date, timezone: string): { year: number; month: number; day: number } {
  let f = dateFormatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: timezone, year: 'numeric', month: 'numeric', day: 'numeric' });
    dateFormatters.set(timezone, f);
  }
  const parts: Record<string, number> = {};
  for (const p of f.formatToParts(date)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { year: parts.year, month: parts.month, day: parts.day };
}

/**
 * True when a job guarded by `guard` should run for the scheduled time `date` in `timezone`.
 *
 * @example
 * import { guardMatches } from 'lambdashift';
 * const mondays = { mode: 'require' as const, dayOfWeek: { days: [1] }, why: 'Mondays only.' };
 * guardMatches(mondays, new Date('2024-06-30T23:30:00Z'), 'UTC');           // → false (still Sunday)
 * guardMatches(mondays, new Date('2024-06-30T23:30:00Z'), 'Europe/Berlin'); // → true (Monday, 01:30)
 */
export function guardMatches(guard: DayGuard, date: Date, timezone: string): boolean {
  const { year, month, day } = localDate(date, timezone);
  return guardAllows(guard, dayContext(year, month, day));
}

/** Options for {@link renderGuard}. */
export interface RenderGuardOptions {
  /** Timezone of the schedule (IANA or `UTC`). */
  timezone: string;
  /** Name of the emitted function; default `shouldRunOn`. */
  functionName?: string;
  /** `ts` (default) emits type annotations, `js` does not. */
  language?: 'ts' | 'js';
}

/** `day` within a list of days, ranges written as comparisons. */
function dayListCondition(variable: string, values: readonly number[]): string[] {
  if (values.length === 0) return [];
  return describeNumbers(values)
    .split(',')
    .map((part) => {
      const [a, b] = part.split('-');
      return b === undefined ? `${variable} === ${a}` : `(${variable} >= ${a} && ${variable} <= ${b})`;
    });
}

function dayOfMonthConditions(spec: DayOfMonthSpec): string[] {
  return [
    ...dayListCondition('day', spec.days),
    ...(spec.last ? ['day === daysInMonth'] : []),
    ...(spec.lastOffsets ?? []).map((n) => `day === daysInMonth - ${n}`),
    ...(spec.nearestWeekday ?? []).map((t) => `day === nearestWeekday(${t})`),
    ...(spec.lastWeekday ? ['day === nearestWeekday(daysInMonth)'] : []),
  ];
}

function dayOfWeekConditions(spec: DayOfWeekSpec): string[] {
  return [
    ...dayListCondition('weekday', spec.days),
    ...(spec.nth ?? []).map((t) => `(weekday === ${t.weekday} && Math.ceil(day / 7) === ${t.n})`),
    ...(spec.last ?? []).map((w) => `(weekday === ${w} && day + 7 > daysInMonth)`),
  ];
}

/** A single-quoted string literal. */
function quote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** Wraps text into comment lines of at most ~100 characters. */
function commentLines(text: string, indent: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.replace(/\*\//g, '* /').split(/\s+/)) {
    if (line && line.length + word.length + 1 > 96) {
      lines.push(`${indent} * ${line}`);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(`${indent} * ${line}`);
  return lines;
}

/**
 * Source of a self-contained function `(scheduledTime: Date) => boolean` implementing the
 * guard, with a doc comment saying why it exists. Pass it the invocation's scheduled time
 * (`event.time` of a rule, `<aws.scheduler.scheduled-time>` of a Scheduler target).
 *
 * @example
 * import { toEventBridgeSchedule, renderGuard } from 'lambdashift';
 * const c = toEventBridgeSchedule({ dialect: 'node-cron', major: 3, expression: '0 9 1 * 1', timezone: 'Europe/Berlin' });
 * const guard = c.ok ? c.schedules[0].guard : undefined; // fires on the 1st (`cron(0 9 1 * ? *)`), checks for Monday
 * if (guard) console.log(renderGuard(guard, { timezone: 'Europe/Berlin', functionName: 'isMonday' }));
 * // → a doc comment, then `function isMonday(scheduledTime: Date): boolean { … return weekday === 1; }`
 */
export function renderGuard(guard: DayGuard, options: RenderGuardOptions): string {
  const ts = (options.language ?? 'ts') === 'ts';
  const type = (t: string) => (ts ? `: ${t}` : '');
  const name = options.functionName ?? 'shouldRunOn';
  const conditions = guard.dayOfMonth ? dayOfMonthConditions(guard.dayOfMonth) : dayOfWeekConditions(guard.dayOfWeek as DayOfWeekSpec);
  const any = conditions.length === 0 ? 'false' : conditions.join(' ||\n    ');
  const body = guard.mode === 'require' ? any : `!(${any})`;
  const uses = (v: string) => new RegExp(`\\b${v}\\b`).test(body);
  const needsNearest = uses('nearestWeekday');
  const needsDaysInMonth = uses('daysInMonth') || needsNearest;

  const lines = [
    '/**',
    ...commentLines(guard.why, ''),
    ` * Judged on the scheduled time in ${options.timezone}.`,
    ' */',
    `function ${name}(scheduledTime${type('Date')})${type('boolean')} {`,
    `  const parts = new Intl.DateTimeFormat('en-US', { timeZone: ${quote(options.timezone)}, year: 'numeric', month: 'numeric', day: 'numeric' })`,
    '    .formatToParts(scheduledTime);',
    `  const field = (type${type('string')})${type('number')} => Number(parts.find((p) => p.type === type)?.value);`,
  ];
  // Only what the condition reads is declared, so strict `noUnusedLocals` builds accept it.
  if (uses('weekday') || needsDaysInMonth) lines.push("  const year = field('year');", "  const month = field('month');");
  lines.push("  const day = field('day');");
  if (uses('weekday')) lines.push('  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();');
  if (needsDaysInMonth) lines.push('  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();');
  if (needsNearest) {
    lines.push(
      `  const nearestWeekday = (target${type('number')})${type('number')} => {`,
      '    if (target < 1 || target > daysInMonth) return -1;',
      '    const targetWeekday = new Date(Date.UTC(year, month - 1, target)).getUTCDay();',
      '    if (targetWeekday === 6) return target === 1 ? 3 : target - 1;',
      '    if (targetWeekday === 0) return target === daysInMonth ? target - 2 : target + 1;',
      '    return target;',
      '  };',
    );
  }
  lines.push(`  return ${body};`, '}');
  return `${lines.join('\n')}\n`;
}
