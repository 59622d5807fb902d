/**
 * A small brute-force EventBridge cron evaluator for the tests, written from the EventBridge
 * documentation and independent of src/schedule. aws-cron-parser is not used as the primary
 * evaluator because it returns impossible dates (`cron(0 0 30 * ? *)` "fires" on 2 March via
 * 30 February); croner and aws-cron-parser cross-check this one in eventbridge-evaluators.test.ts.
 *
 * Timezone semantics follow EventBridge Scheduler's ScheduleExpressionTimezone: the expression
 * is matched against the local wall clock and each matching wall time is run at its instant.
 * Wall times that do not exist or exist twice (DST) are reported as anomalies: the converter
 * promises never to schedule a run into them.
 */
import { instantsOfWall, wallOf } from './wall-time';

const DAY = 24 * 60 * 60_000;
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/** A parsed EventBridge cron expression. */
export interface EventBridgeCron {
  minutes: number[];
  hours: number[];
  months: Set<number>;
  years: Set<number> | null;
  /** Day rule on a calendar date (month 1-12). */
  day: (year: number, month: number, day: number) => boolean;
}

function fail(message: string): never {
  throw new Error(`invalid EventBridge expression: ${message}`);
}

/** `*`, lists, `a-b`, `a/n`, `*\/n`, `a-b/n`; names replaced by numbers first. */
function parseList(text: string, min: number, max: number, names: string[] = [], nameBase = 1): number[] {
  const values = new Set<number>();
  for (const raw of text.split(',')) {
    const part = raw.toUpperCase().replace(/[A-Z]{3}/g, (n) => {
      const i = names.indexOf(n);
      if (i < 0) fail(`unknown name ${n}`);
      return String(i + nameBase);
    });
    const m = /^(\*|\d+)(?:-(\d+))?(?:\/(\d+))?$/.exec(part);
    if (!m) fail(`cannot read "${raw}"`);
    const from = m[1] === '*' ? min : Number(m[1]);
    const to = m[2] !== undefined ? Number(m[2]) : m[1] === '*' || m[3] !== undefined ? max : from;
    const step = m[3] !== undefined ? Number(m[3]) : 1;
    if (from < min || to > max || from > to || step < 1) fail(`"${raw}" out of range ${min}-${max}`);
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return [...values].sort((a, b) => a - b);
}

const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const weekday = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).getUTCDay();

/** The weekday nearest to `target` in the same month (documented `W`). */
function nearestWeekday(y: number, m: number, target: number): number {
  const last = daysIn(y, m);
  if (target > last) return -1;
  const w = weekday(y, m, target);
  if (w === 6) return target === 1 ? 3 : target - 1;
  if (w === 0) return target === last ? target - 2 : target + 1;
  return target;
}

function dayOfMonthRule(text: string): (y: number, m: number, d: number) => boolean {
  if (text === '*') return () => true;
  if (text === 'L') return (y, m, d) => d === daysIn(y, m);
  const w = /^(\d+)W$/.exec(text);
  if (w) return (y, m, d) => d === nearestWeekday(y, m, Number(w[1]));
  const days = new Set(parseList(text, 1, 31));
  return (_y, _m, d) => days.has(d);
}

function dayOfWeekRule(text: string): (y: number, m: number, d: number) => boolean {
  if (text === '*') return () => true;
  const nth = /^([1-7])#([1-5])$/.exec(text);
  if (nth) return (y, m, d) => weekday(y, m, d) === Number(nth[1]) - 1 && Math.ceil(d / 7) === Number(nth[2]);
  const last = /^([1-7])L$/.exec(text);
  if (last) return (y, m, d) => weekday(y, m, d) === Number(last[1]) - 1 && d + 7 > daysIn(y, m);
  const days = new Set(parseList(text, 1, 7, WEEKDAYS).map((v) => v - 1));
  return (y, m, d) => days.has(weekday(y, m, d));
}

/** Parses `cron(minutes hours day-of-month month day-of-week year)`. */
export function parseEventBridgeCron(expression: string): EventBridgeCron {
  const body = /^cron\((.+)\)$/.exec(expression)?.[1] ?? fail(expression);
  const f = body.split(' ');
  if (f.length !== 6) fail(`${f.length} fields`);
  if ((f[2] === '?') === (f[4] === '?')) fail('exactly one of day-of-month and day-of-week must be "?"');
  const day = f[2] === '?' ? dayOfWeekRule(f[4]) : dayOfMonthRule(f[2]);
  return {
    minutes: parseList(f[0], 0, 59),
    hours: parseList(f[1], 0, 23),
    months: new Set(parseList(f[3], 1, 12, MONTHS)),
    years: f[5] === '*' ? null : new Set(parseList(f[5], 1970, 2199)),
    day,
  };
}

/** Fires after `startMs`, in `tz`, until `count` accepted fires or `untilMs`. */
export interface WallFires {
  fires: number[];
  anomalies: string[];
}

/**
 * Enumerates the expression's wall times day by day in `tz`. `accept` filters fires (a guard);
 * anomalies are only reported for wall times `accept` would let through.
 */
export function eventBridgeFires(
  expression: string,
  tz: string,
  startMs: number,
  count: number,
  untilMs: number,
  accept: (wallDate: Date, instant: number) => boolean = () => true,
): WallFires {
  const c = parseEventBridgeCron(expression);
  const fires: number[] = [];
  const anomalies: string[] = [];
  const startWall = wallOf(startMs, tz);
  const lastDay = wallOf(untilMs, tz) + DAY;
  for (let dayStart = Math.floor(startWall / DAY) * DAY; dayStart <= lastDay && fires.length < count; dayStart += DAY) {
    const date = new Date(dayStart);
    const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
    if ((c.years && !c.years.has(y)) || !c.months.has(m) || !c.day(y, m, d)) continue;
    for (const h of c.hours) {
      for (const mi of c.minutes) {
        const wall = dayStart + (h * 60 + mi) * 60_000;
        if (wall < startWall - 3 * 3_600_000) continue; // cannot be after start in any zone
        const instants = instantsOfWall(wall, tz);
        const t = instants[0];
        if (instants.length !== 1 && accept(new Date(wall), t ?? wall)) {
          anomalies.push(`${new Date(wall).toISOString().slice(0, 16)} ${tz} has ${instants.length} instants`);
        }
        if (t === undefined || t <= startMs) continue;
        if (t > untilMs || fires.length >= count) return { fires, anomalies };
        if (accept(new Date(wall), t)) fires.push(t);
      }
    }
  }
  return { fires, anomalies };
}
