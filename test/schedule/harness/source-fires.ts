/**
 * Fire times of an ORIGINAL schedule, computed by the source library itself, the way its own
 * scheduler chains them:
 * - node-cron 4: TimeMatcher.getNextMatch, chained like Runner/planBeat (dist/_shared.cjs);
 * - node-cron 3: TimeMatcher.match (src/time-matcher.js) at every candidate second, with the
 *   Scheduler's "later than the last execution" rule (src/scheduler.js); 3.x has no next-date API;
 * - cron 4: CronTime.getNextDateFrom, chained like CronJob's sendAt();
 * - node-schedule 2: cron-parser's iterator (Job.js / scheduleNextRecurrence) for strings and
 *   RecurrenceRule.nextInvocationDate for rules.
 * The host timezone is whatever process.env.TZ is when called.
 */
import * as path from 'path';
import type * as CronModule from 'cron';
import type * as NodeCron4Module from 'node-cron';
import type * as NodeScheduleModule from 'node-schedule';
import type { RecurrenceRuleSpec, RuleRange, ScheduleInput } from '../../../src/schedule';
import { hostTimezone, instantsOfWall, offsetChanges, wallOf } from './wall-time';

/** Where to start and when to stop. */
export interface FireQuery {
  /** Fires strictly after this instant. */
  startMs: number;
  count: number;
  /** No fires after this instant. */
  untilMs: number;
}

interface NodeCron3Matcher {
  expressions: string[];
  match(date: Date): boolean;
  apply(date: Date): Date;
}

interface CronParserModule {
  parseExpression(
    e: string,
    o: { currentDate: Date; tz?: string },
  ): { next(): { getTime(): number }; fields: Record<'second' | 'minute' | 'hour', readonly unknown[]> };
}

interface Libraries {
  TimeMatcher3: new (pattern: string, timezone?: string) => NodeCron3Matcher;
  nodeCron3: { validate(expression: string): boolean };
  nodeCron4: typeof NodeCron4Module;
  cron: typeof CronModule;
  nodeSchedule: typeof NodeScheduleModule;
  cronParser: CronParserModule;
  /** node-schedule 1.x (aliased devDependency `node-schedule1`) and its cron-parser 2. */
  nodeSchedule1: typeof NodeScheduleModule;
  cronParser2: CronParserModule;
}

let loaded: { tz: string; libraries: Libraries } | null = null;

/**
 * The libraries, loaded afresh for each host timezone: node-cron 4 and luxon cache
 * Intl formatters that bake in the local zone at creation.
 */
function libraries(): Libraries {
  const tz = hostTimezone();
  if (loaded?.tz !== tz) {
    jest.isolateModules(() => {
      const cronParserPath = require.resolve('cron-parser', { paths: [path.dirname(require.resolve('node-schedule'))] });
      loaded = {
        tz,
        libraries: {
          TimeMatcher3: require('node-cron3/src/time-matcher'),
          nodeCron3: require('node-cron3'),
          nodeCron4: require('node-cron'),
          cron: require('cron'),
          nodeSchedule: require('node-schedule'),
          cronParser: require(cronParserPath),
          nodeSchedule1: require('node-schedule1'),
          cronParser2: require(require.resolve('cron-parser', { paths: [path.dirname(require.resolve('node-schedule1'))] })),
        },
      };
    });
  }
  return (loaded as unknown as { libraries: Libraries }).libraries;
}

const DAY = 24 * 60 * 60_000;

function numbers(field: string): number[] {
  return [...new Set(field.split(',').map(Number))].sort((a, b) => a - b);
}

function nodeCron3Fires(expression: string, tz: string | undefined, q: FireQuery): number[] {
  const matcher = new (libraries().TimeMatcher3)(expression, tz);
  const [seconds, minutes, hours] = matcher.expressions.slice(0, 3).map(numbers);
  const zone = tz ?? hostTimezone();
  const zones = [zone, hostTimezone()];
  let lastExecution = matcher.apply(new Date(q.startMs)).getTime();
  const fires: number[] = [];
  for (let dayWall = Math.floor(wallOf(q.startMs, zone) / DAY) * DAY; fires.length < q.count; dayWall += DAY) {
    const dayStart = instantsOfWall(dayWall, zone)[0] ?? dayWall - 14 * 3_600_000;
    if (dayStart > q.untilMs) break;
    const transitionDay = zones.some((z) => offsetChanges(z, dayWall - 16 * 3_600_000, dayWall + DAY + 16 * 3_600_000).length > 0);
    let candidates: number[];
    if (transitionDay) {
      // Around DST changes scan every minute of the local day, instant by instant.
      candidates = [];
      for (let t = dayWall - 16 * 3_600_000; t < dayWall + DAY + 16 * 3_600_000; t += 60_000) {
        if (Math.floor(wallOf(t, zone) / DAY) * DAY !== dayWall) continue;
        for (const s of seconds) candidates.push(t + s * 1000);
      }
    } else {
      const wallTime = (h: number, m: number, s: number) => instantsOfWall(dayWall + ((h * 60 + m) * 60 + s) * 1000, zone)[0];
      if (!matcher.match(new Date(wallTime(hours[0], minutes[0], seconds[0])))) continue; // the day fields fail
      candidates = hours.flatMap((h) => minutes.flatMap((m) => seconds.map((s) => wallTime(h, m, s))));
    }
    for (const t of candidates.sort((a, b) => a - b)) {
      if (t <= q.startMs || t > q.untilMs || fires.length >= q.count || !matcher.match(new Date(t))) continue;
      const applied = matcher.apply(new Date(t));
      if (!(lastExecution < applied.getTime())) continue;
      fires.push(t);
      applied.setMilliseconds(0);
      lastExecution = applied.getTime();
    }
  }
  return fires;
}

function nodeCron4Fires(expression: string, tz: string | undefined, q: FireQuery): number[] {
  const task = libraries().nodeCron4.createTask(expression, () => undefined, tz ? { timezone: tz } : undefined);
  const matcher = (task as unknown as { timeMatcher: { getNextMatch(d: Date): Date } }).timeMatcher;
  const fires: number[] = [];
  try {
    for (let t = new Date(q.startMs); fires.length < q.count; ) {
      t = matcher.getNextMatch(t);
      if (t.getTime() > q.untilMs) break;
      fires.push(t.getTime());
    }
  } finally {
    void task.destroy();
  }
  return fires;
}

function utcOffsetZone(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `UTC${sign}${String(Math.trunc(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** Which of second / minute / hour the library's own parse reduced to a single value. */
interface SingleFields {
  second: boolean;
  minute: boolean;
  hour: boolean;
}

/**
 * How far past a fire the next query may start: less than the smallest real-time gap between
 * two fires that the library's own parsed fields allow (one second value → fires at least a
 * minute apart; one minute value too → 30 minutes even across a half-hour DST shift; one hour
 * value too → 22 hours). cron and cron-parser step through time second by second with luxon,
 * so this keeps hundreds of fires affordable without changing which fire comes next.
 */
function skipAfterFire(single: SingleFields): number {
  if (!single.second) return 0;
  if (!single.minute) return 59_000;
  if (!single.hour) return 29 * 60_000;
  return 22 * 3_600_000;
}

function cronFires(expression: string, tz: string | undefined, utcOffset: number | undefined, q: FireQuery): number[] {
  const { CronTime } = libraries().cron;
  const cronTime = utcOffset !== undefined ? new CronTime(expression, null, utcOffset) : new CronTime(expression, tz ?? null);
  // CronJob's sendAt(): now in the job's zone (or fixed offset), then getNextDateFrom(now).
  const zone = utcOffset !== undefined ? utcOffsetZone(utcOffset) : (cronTime.timeZone as string);
  const parsed = cronTime as unknown as Record<'second' | 'minute' | 'hour', object>;
  const skip = skipAfterFire({ second: Object.keys(parsed.second).length === 1, minute: Object.keys(parsed.minute).length === 1, hour: Object.keys(parsed.hour).length === 1 });
  const fires: number[] = [];
  // getNextDateFrom throws when nothing matches within 8 years of *now*: the end of the road.
  const nextAfter = (from: number) => {
    try {
      return cronTime.getNextDateFrom(new Date(from), zone).toMillis();
    } catch (error) {
      if (error instanceof Error && /No execution date was found/.test(error.message)) return null;
      throw error;
    }
  };
  for (let next = nextAfter(q.startMs); next !== null && fires.length < q.count && next <= q.untilMs; next = nextAfter(next + skip)) {
    fires.push(next);
  }
  return fires;
}

function cronParserFires(expression: string, tz: string | undefined, q: FireQuery, cronParser: CronParserModule): number[] {
  const nextAfter = (from: number) => cronParser.parseExpression(expression, { currentDate: new Date(from), tz }).next().getTime();
  const parsed = cronParser.parseExpression(expression, { currentDate: new Date(q.startMs), tz });
  // cron-parser 2 keeps its fields in `_fields`.
  const fields = parsed.fields ?? (parsed as unknown as { _fields: typeof parsed.fields })._fields;
  const skip = skipAfterFire({ second: fields.second.length === 1, minute: fields.minute.length === 1, hour: fields.hour.length === 1 });
  const fires: number[] = [];
  for (let next = nextAfter(q.startMs); fires.length < q.count && next <= q.untilMs; next = nextAfter(next + skip)) fires.push(next);
  return fires;
}

type LibValue = number | NodeScheduleModule.Range | Array<number | NodeScheduleModule.Range>;

function toLibrary(v: number | RuleRange | Array<number | RuleRange>, lib: typeof NodeScheduleModule = libraries().nodeSchedule): LibValue {
  if (Array.isArray(v)) return v.map((x) => toLibrary(x, lib) as number | NodeScheduleModule.Range);
  if (typeof v === 'number') return v;
  return new lib.Range(v.start, v.end, v.step);
}

function recurrenceRuleFires(spec: RecurrenceRuleSpec, tz: string | undefined, q: FireQuery, lib: typeof NodeScheduleModule): number[] {
  const rule = new lib.RecurrenceRule();
  const fields = rule as unknown as Record<string, unknown>;
  for (const key of ['year', 'month', 'date', 'dayOfWeek', 'hour', 'minute', 'second'] as const) {
    if (key in spec) {
      const value = spec[key];
      fields[key] = value === null || value === undefined ? null : toLibrary(value, lib);
    }
  }
  if (tz) rule.tz = tz;
  const yearBound = guardYears(fields, lib);
  const skip = skipAfterFire({ second: typeof fields.second === 'number', minute: typeof fields.minute === 'number', hour: typeof fields.hour === 'number' });
  const fires: number[] = [];
  for (let t: Date | null = new Date(q.startMs); fires.length < q.count; ) {
    if (yearBound.exhausted) break;
    try {
      t = rule.nextInvocationDate(fires.length ? new Date(t.getTime() + skip) : t);
    } catch (error) {
      if (error === yearBound.stop) break;
      throw error;
    }
    if (!t || t.getTime() > q.untilMs) break;
    fires.push(t.getTime());
  }
  return fires;
}

/**
 * With a list or Range of years, RecurrenceRule._nextInvocationDate spins forever once the
 * last matching year has passed (only a plain number year returns null). This swaps the year
 * matcher for a Range subclass with the same answers (from the library's own objects) that
 * throws instead of letting the search run past the last matching year.
 */
function guardYears(fields: Record<string, unknown>, lib: typeof NodeScheduleModule): { stop: Error; exhausted: boolean } {
  const bound = { stop: new Error('past the last matching year'), exhausted: false };
  const year = fields.year as LibValue | null;
  if (year === null || typeof year === 'number') return bound;
  const { Range } = lib;
  const matchers = Array.isArray(year) ? year : [year];
  const matches = (y: number) => matchers.some((m) => (typeof m === 'number' ? m === y : m.contains(y)));
  let last = -Infinity;
  for (let y = 2199; y >= 1970 && last === -Infinity; y--) if (matches(y)) last = y;
  class BoundedYears extends Range {
    override contains(y: number): boolean {
      if (y > last) {
        bound.exhausted = true;
        throw bound.stop;
      }
      return matches(y);
    }
  }
  fields.year = new BoundedYears();
  return bound;
}

/** Fire times of the original schedule according to its own library (host zone = process.env.TZ). */
export function sourceFires(input: ScheduleInput, q: FireQuery): number[] {
  const tz = input.timezone ?? input.rule?.tz ?? undefined;
  const expression = input.expression as string;
  switch (input.dialect) {
    case 'node-cron':
      return input.major === 3 ? nodeCron3Fires(expression, tz, q) : nodeCron4Fires(expression, tz, q);
    case 'cron':
      return cronFires(expression, tz, input.utcOffset ?? undefined, q);
    case 'node-schedule': {
      const v1 = input.major === 1;
      const lib = libraries();
      return input.rule
        ? recurrenceRuleFires(input.rule, tz, q, v1 ? lib.nodeSchedule1 : lib.nodeSchedule)
        : cronParserFires(expression, tz, q, v1 ? lib.cronParser2 : lib.cronParser);
    }
  }
}

/** True when the source library itself rejects the expression (or rule) as invalid. */
export function libraryRejects(input: ScheduleInput): boolean {
  const expression = input.expression as string;
  const throws = (fn: () => unknown) => {
    try {
      fn();
      return false;
    } catch {
      return true;
    }
  };
  const { TimeMatcher3, nodeCron3, nodeCron4, cron, nodeSchedule: ns2, cronParser: cp4, nodeSchedule1, cronParser2 } = libraries();
  const nodeSchedule = input.major === 1 ? nodeSchedule1 : ns2;
  const cronParser = input.major === 1 ? cronParser2 : cp4;
  switch (input.dialect) {
    case 'node-cron':
      return input.major === 3 ? !nodeCron3.validate(expression) || throws(() => new TimeMatcher3(expression)) : !nodeCron4.validate(expression);
    case 'cron':
      return throws(() => new cron.CronTime(expression));
    case 'node-schedule':
      if (input.rule) {
        const rule = new nodeSchedule.RecurrenceRule();
        const fields = rule as unknown as Record<string, unknown>;
        for (const [key, value] of Object.entries(input.rule)) if (key !== 'tz') fields[key] = value === null ? null : toLibrary(value as number, nodeSchedule);
        return rule.nextInvocationDate(new Date(Date.UTC(2025, 0, 1))) === null;
      }
      return throws(() => cronParser.parseExpression(expression, { currentDate: new Date() }).next());
  }
}
