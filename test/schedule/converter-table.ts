/**
 * The converter table: source schedules with the EventBridge expressions they must convert to,
 * or the refusal they must get. Expected values are worked out by hand from each library's
 * source (see the dialect modules' headers); equivalence.*.test.ts then proves every converted
 * row against the library itself.
 */
import type { RecurrenceRuleSpec, ScheduleInput } from '../../src/schedule';

/** What a row expects: expressions (in order), or a refusal whose reason matches. */
export type Expectation = string[] | { refused: RegExp };

export interface TableRow {
  id: string;
  input: ScheduleInput;
  expected: Expectation;
  /** Per expression: does it carry a runtime guard ('require' / 'exclude'), or none (null)? */
  guards?: Array<'require' | 'exclude' | null>;
  /** The library itself rejects the input (checked against the library). */
  invalid?: boolean;
}

interface Extra {
  timezone?: string;
  assumeTimezone?: string;
  utcOffset?: number;
  guards?: Array<'require' | 'exclude' | null>;
  invalid?: boolean;
}

const rows: TableRow[] = [];

function add(input: ScheduleInput, label: string, expected: Expectation, extra: Extra = {}): void {
  const { guards, invalid, ...options } = extra;
  const suffix = Object.entries(options)
    .map(([k, v]) => ` ${k}=${String(v)}`)
    .join('');
  rows.push({ id: `${input.dialect}@${input.major ?? '?'} ${label}${suffix}`, input: { ...input, ...options }, expected, guards, invalid });
}

const refused = (pattern: RegExp): Expectation => ({ refused: pattern });
const INVALID = /invalid/;
const SUB_MINUTE = /times a minute/;
const DST = /across DST changes/;

const nc4 = (expression: string, expected: Expectation, extra?: Extra) => add({ dialect: 'node-cron', major: 4, expression }, JSON.stringify(expression), expected, extra);
const nc3 = (expression: string, expected: Expectation, extra?: Extra) => add({ dialect: 'node-cron', major: 3, expression }, JSON.stringify(expression), expected, extra);
const cr = (expression: string, expected: Expectation, extra?: Extra) => add({ dialect: 'cron', major: 4, expression }, JSON.stringify(expression), expected, extra);
const ns = (expression: string, expected: Expectation, extra?: Extra) => add({ dialect: 'node-schedule', major: 2, expression }, JSON.stringify(expression), expected, extra);
const rule = (spec: RecurrenceRuleSpec, expected: Expectation, extra?: Extra) => add({ dialect: 'node-schedule', major: 2, rule: spec }, `rule ${JSON.stringify(spec)}`, expected, extra);

// ---------------------------------------------------------------- node-cron 4
nc4('* * * * *', ['cron(* * * * ? *)']);
nc4('*/15 * * * *', ['cron(0/15 * * * ? *)']);
nc4('*/7 * * * *', ['cron(0/7 * * * ? *)']);
nc4('5-59/10 * * * *', ['cron(5/10 * * * ? *)']); // standard steps in v4
nc4('0,30 * * * *', ['cron(0,30 * * * ? *)']);
nc4('10-20 * * * *', ['cron(10-20 * * * ? *)']);
nc4('50-10 * * * *', ['cron(0-10,50-59 * * * ? *)']); // wraps
nc4('0 */2 * * *', ['cron(0 0/2 * * ? *)']);
nc4('0 9-17 * * *', ['cron(0 9-17 * * ? *)']);
nc4('0 22-2 * * *', ['cron(0 0-2,22,23 * * ? *)']);
nc4('30 9 * * 1-5', ['cron(30 9 ? * MON-FRI *)']);
nc4('0 9 * * MON-FRI', ['cron(0 9 ? * MON-FRI *)']);
nc4('0 9 * * mon,wed,fri', ['cron(0 9 ? * MON,WED,FRI *)']);
nc4('0 9 * * Monday', ['cron(0 9 ? * MON *)']);
nc4('0 9 * * FRI-MON', ['cron(0 9 ? * SUN,MON,FRI,SAT *)']);
nc4('0 9 * * SAT-SUN', ['cron(0 9 ? * SUN,SAT *)']);
nc4('0 0 * * 0', ['cron(0 0 ? * SUN *)']);
nc4('0 0 * * 7', ['cron(0 0 ? * SUN *)']);
nc4('0 0 * * 0,7', ['cron(0 0 ? * SUN *)']);
nc4('0 0 * * 5-7', ['cron(0 0 ? * SUN,FRI,SAT *)']);
nc4('0 0 * * 1-7', ['cron(0 0 * * ? *)']);
nc4('0 0 * * 0-6', ['cron(0 0 * * ? *)']);
nc4('0 0 1 * *', ['cron(0 0 1 * ? *)']);
nc4('0 0 1,15 * *', ['cron(0 0 1,15 * ? *)']);
nc4('0 0 */2 * *', ['cron(0 0 1/2 * ? *)']);
nc4('0 0 L * *', ['cron(0 0 L * ? *)']);
nc4('0 0 15W * *', ['cron(0 0 15W * ? *)']);
nc4('0 0 1W * *', ['cron(0 0 1W * ? *)']);
nc4('0 0 30W * *', ['cron(0 0 * * ? *)'], { guards: ['require'] }); // 30W only as a guard: EventBridge differs in short months
nc4('0 0 LW * *', ['cron(0 0 * * ? *)'], { guards: ['require'] }); // LW is undocumented in EventBridge
nc4('0 0 L-3 * *', ['cron(0 0 * * ? *)'], { guards: ['require'] }); // EventBridge has no L-n
nc4('0 0 * * 5L', ['cron(0 0 ? * 6L *)']);
nc4('15 10 ? * 6L', ['cron(15 10 ? * 7L *)']);
nc4('0 0 * * MON#2', ['cron(0 0 ? * 2#2 *)']);
nc4('0 0 * * 7#1', ['cron(0 0 ? * 1#1 *)']);
nc4('0 0 * * 1#1,1#3', ['cron(0 0 ? * 2#1 *)', 'cron(0 0 ? * 2#3 *)']);
nc4('0 0 * * 1,1#3', ['cron(0 0 ? * MON *)']); // #3 is already every Monday
nc4('0 9 1-7 * MON', ['cron(0 9 ? * 2#1 *)']);
nc4('0 9 8-14 * FRI', ['cron(0 9 ? * 6#2 *)']);
nc4('0 9 29-31 * SUN', ['cron(0 9 ? * 1#5 *)']);
nc4('0 9 1-14 * TUE', ['cron(0 9 ? * 3#1 *)', 'cron(0 9 ? * 3#2 *)']);
nc4('0 9 1-7 * MON,FRI', ['cron(0 9 ? * 2#1 *)', 'cron(0 9 ? * 6#1 *)']);
nc4('0 9 1-10 * MON', ['cron(0 9 ? * MON *)'], { guards: ['require'] });
nc4('0 9 13 * FRI', ['cron(0 9 13 * ? *)'], { guards: ['require'] });
nc4('0 0 L * FRI', ['cron(0 0 L * ? *)'], { guards: ['require'] });
nc4('0 0 1 * MON', ['cron(0 0 1 * ? *)'], { guards: ['require'] });
nc4('0 0 L-2 * MON', ['cron(0 0 ? * MON *)'], { guards: ['require'] }); // L-2 only as a guard
nc4('0 0 1-7 * MON#2', refused(/never fires/));
nc4('0 0 1-31 * MON', ['cron(0 0 ? * MON *)']);
nc4('0 0 ? * MON', ['cron(0 0 ? * MON *)']);
nc4('0 0 1 * ?', ['cron(0 0 1 * ? *)']);
nc4('@daily', ['cron(0 0 * * ? *)']);
nc4('@midnight', ['cron(0 0 * * ? *)']);
nc4('@hourly', ['cron(0 * * * ? *)']);
nc4('@weekly', ['cron(0 0 ? * SUN *)']);
nc4('@monthly', ['cron(0 0 1 * ? *)']);
nc4('@yearly', ['cron(0 0 1 1 ? *)']);
nc4('@annually', ['cron(0 0 1 1 ? *)']);
nc4('0 0 1 jan,jul *', ['cron(0 0 1 1,7 ? *)']);
nc4('0 0 1 JAN-MAR *', ['cron(0 0 1 1-3 ? *)']);
nc4('0 0 1 NOV-FEB *', ['cron(0 0 1 1,2,11,12 ? *)']);
nc4('0 0 * */3 *', ['cron(0 0 * 1/3 ? *)']);
nc4('0  12   * * *', ['cron(0 12 * * ? *)']);
nc4('30 * * * * *', ['cron(* * * * ? *)']);
nc4('0 30 9 * * *', ['cron(30 9 * * ? *)']);
nc4('45 0 12 * * 1-5', ['cron(0 12 ? * MON-FRI *)']);
nc4('*/10 * * * * *', refused(SUB_MINUTE));
nc4('* * * * * *', refused(SUB_MINUTE));
nc4('0,30 * * * * *', refused(SUB_MINUTE));
nc4('0 0 31 2 *', refused(/impossible day of month/), { invalid: true });
nc4('60 * * * *', refused(INVALID), { invalid: true });
nc4('* * * *', refused(INVALID), { invalid: true });
nc4('0 0 0 * * * *', refused(INVALID), { invalid: true });
nc4('0 0 * * 8', refused(INVALID), { invalid: true });
nc4('0 0 32 * *', refused(INVALID), { invalid: true });
nc4('0 9 * * MON#6', refused(INVALID), { invalid: true });
nc4('5/10 * * * *', refused(INVALID), { invalid: true });
nc4('*/0 * * * *', refused(INVALID), { invalid: true });
nc4('every minute', refused(INVALID), { invalid: true });
nc4('0 0 1-5W * *', refused(INVALID), { invalid: true });
nc4('0 9 * * 1-5', ['cron(0 9 ? * MON-FRI *)'], { timezone: 'Europe/Berlin' });
nc4('0 0 1-7 * MON', ['cron(0 0 ? * 2#1 *)'], { timezone: 'Europe/Berlin' });
nc4('0 9 1-10 * MON', ['cron(0 9 ? * MON *)'], { timezone: 'America/New_York', guards: ['require'] });
nc4('0 3 * * *', ['cron(0 3 * * ? *)'], { timezone: 'Europe/Berlin' });
nc4('59 1 * * *', ['cron(59 1 * * ? *)'], { timezone: 'Europe/Berlin' });
nc4('0 0 L * *', ['cron(0 0 L * ? *)'], { timezone: 'America/New_York' });
nc4('0 12 * * *', ['cron(0 12 * * ? *)'], { timezone: 'Asia/Tokyo' });
nc4('*/5 * * * *', ['cron(0/5 * * * ? *)'], { timezone: 'Asia/Kolkata' });
nc4('0 12 * * *', ['cron(0 12 * * ? *)'], { timezone: 'Etc/UTC' });
nc4('*/5 * * * *', refused(DST), { timezone: 'Europe/Berlin' });
nc4('0 2 * * *', refused(DST), { timezone: 'Europe/Berlin' });
nc4('30 2 * * *', refused(/does not exist/), { timezone: 'America/New_York' });
nc4('30 1 * * *', refused(/happens twice/), { timezone: 'America/New_York' });
nc4('30 1 * * 1-5', ['cron(30 1 ? * MON-FRI *)'], { timezone: 'America/New_York' }); // changes happen on Sundays
nc4('0 12 * * *', refused(/unknown timezone/), { timezone: 'Mars/Olympus_Mons' });
nc4('0 12 * * *', ['cron(0 12 * * ? *)'], { assumeTimezone: 'America/New_York' });
nc4('0 9 * * 1-5', ['cron(0 9 ? * MON-FRI *)'], { assumeTimezone: 'Europe/Berlin' });
nc4('*/5 * * * *', refused(DST), { assumeTimezone: 'Europe/Berlin' });

// ---------------------------------------------------------------- node-cron 3
nc3('5-59/10 * * * *', ['cron(10/10 * * * ? *)']); // multiples of 10 only
nc3('*/15 * * * *', ['cron(0/15 * * * ? *)']);
nc3('*/7 * * * *', ['cron(0/7 * * * ? *)']);
nc3('0 0 */2 * *', ['cron(0 0 2/2 * ? *)']); // even days, not 1,3,5...
nc3('0 0 1 */2 *', ['cron(0 0 1 2/2 ? *)']); // even months
nc3('0/15 * * * *', ['cron(0 * * * ? *)']); // only 0 is a multiple of 15 in "0"
nc3('5/15 * * * *', refused(INVALID), { invalid: true });
nc3('1-10/3 * * * *', ['cron(3,6,9 * * * ? *)']);
nc3('1-10/2,20 * * * *', ['cron(1-10,20 * * * ? *)']); // the step is silently dropped
nc3('0x1e * * * *', ['cron(30 * * * ? *)']); // parseInt without a radix
nc3('0 9 * * FRI-MON', ['cron(0 9 ? * MON-FRI *)']); // descending range swapped
nc3('0 22-2 * * *', ['cron(0 2-22 * * ? *)']);
nc3('0 9 * * 1-7', ['cron(0 9 ? * SUN,MON *)']); // "1-0" after the 7 → 0 replacement
nc3('0 9 * * 0-7', ['cron(0 9 ? * SUN *)']);
nc3('0 9 * * 7', ['cron(0 9 ? * SUN *)']);
nc3('0 9 * * 5,7', ['cron(0 9 ? * SUN,FRI *)']);
nc3('0 9 * * 7,7', ['cron(0 9 ? * SUN *)']);
nc3('0 9 * * 1-5', ['cron(0 9 ? * MON-FRI *)']);
nc3('0 0 * * sunday', ['cron(0 0 ? * SUN *)']);
nc3('0 0 1 january *', ['cron(0 0 1 1 ? *)']);
nc3('0 0 1 jan-jun *', ['cron(0 0 1 1-6 ? *)']);
nc3('0 9 1-7 * 1', ['cron(0 9 ? * 2#1 *)']);
nc3('0 9 1-10 * 1', ['cron(0 9 ? * MON *)'], { guards: ['require'] });
nc3('0 0 1 * 1', ['cron(0 0 1 * ? *)'], { guards: ['require'] });
nc3('30 * * * * *', ['cron(* * * * ? *)']);
nc3('*/30 * * * * *', refused(SUB_MINUTE));
nc3('0 0 L * *', refused(INVALID), { invalid: true });
nc3('0 0 * * MON#1', ['cron(0 0 ? * MON *)']); // parseInt("1#1") is 1: every Monday
nc3('@daily', refused(INVALID), { invalid: true });
nc3('0 0 0 * * * 2030', refused(/ignores fields after the sixth/));
nc3('0 0 * * 1-5', ['cron(0 0 ? * MON-FRI *)'], { timezone: 'Europe/Berlin' });
nc3('0 12 * * *', ['cron(0 12 * * ? *)'], { timezone: 'America/New_York', assumeTimezone: 'Europe/Berlin' });
nc3('30 2 * * *', refused(DST), { timezone: 'Asia/Tokyo', assumeTimezone: 'Europe/Berlin' }); // host-zone parse quirk
nc3('0 12 * * *', ['cron(0 12 * * ? *)'], { assumeTimezone: 'America/New_York' });

// ---------------------------------------------------------------- cron 4
cr('0 0 9 1,15 * MON', ['cron(0 9 1,15 * ? *)', 'cron(0 9 ? * MON *)'], { guards: [null, 'exclude'] });
cr('0 9 1,15 * MON', ['cron(0 9 1,15 * ? *)', 'cron(0 9 ? * MON *)'], { guards: [null, 'exclude'] });
cr('0 0 1,15 * 1-5', ['cron(0 0 1,15 * ? *)', 'cron(0 0 ? * MON-FRI *)'], { guards: [null, 'exclude'] });
cr('0 0 13 * 5', ['cron(0 0 13 * ? *)', 'cron(0 0 ? * FRI *)'], { guards: [null, 'exclude'] });
cr('0 9 1-15 * MON', ['cron(0 9 1-15 * ? *)', 'cron(0 9 ? * MON *)'], { guards: [null, 'exclude'] });
cr('0 9 * * MON', ['cron(0 9 ? * MON *)']);
cr('0 9 1 * *', ['cron(0 9 1 * ? *)']);
cr('0 9 1-31 * MON', ['cron(0 9 ? * MON *)']); // a complete day-of-month set counts as "*"
cr('0 9 1 * 0-6', ['cron(0 9 1 * ? *)']);
cr('0 9 1 * 1-7', ['cron(0 9 1 * ? *)']);
cr('0 9 * * 7', ['cron(0 9 ? * SUN *)']);
cr('0 9 * * 0-7', ['cron(0 9 * * ? *)']);
cr('0 9 * * 5-7', ['cron(0 9 ? * SUN,FRI,SAT *)']);
cr('*/5 * * * *', ['cron(0/5 * * * ? *)']);
cr('5/15 * * * *', ['cron(5/15 * * * ? *)']);
cr('0 0 */2 * *', ['cron(0 0 1/2 * ? *)']);
cr('0 0 * jan-mar *', ['cron(0 0 * 1-3 ? *)']);
cr('0 0 * * jan', ['cron(0 0 ? * MON *)']); // one alias table for every field
cr('0 0 1 mon *', ['cron(0 0 1 1 ? *)']);
cr('30 */5 * * * *', ['cron(0/5 * * * ? *)']);
cr('0 30 9 * * *', ['cron(30 9 * * ? *)']);
cr('@daily', ['cron(0 0 * * ? *)']);
cr('@weekdays', ['cron(0 0 ? * MON-FRI *)']);
cr('@weekends', ['cron(0 0 ? * SUN,SAT *)']);
cr('@minutely', ['cron(* * * * ? *)']);
cr('@secondly', refused(SUB_MINUTE));
cr('*/5 * * * * *', refused(SUB_MINUTE));
cr('0 9 * * FRI-MON', refused(INVALID), { invalid: true });
cr('0 22-2 * * *', refused(INVALID), { invalid: true });
cr('0 9 L * *', refused(INVALID), { invalid: true });
cr('0 9 ? * MON', refused(INVALID), { invalid: true });
cr('0 9 * * monday', refused(INVALID), { invalid: true });
cr('* * * * * * *', refused(INVALID), { invalid: true });
cr('0 0 60 * * *', refused(INVALID), { invalid: true });
cr('0 0 0 31 2 *', refused(/never fires/));
cr('0 0 9 * * 1-5', ['cron(0 9 ? * MON-FRI *)'], { timezone: 'America/New_York' });
cr('0 9 1,15 * MON', ['cron(0 9 1,15 * ? *)', 'cron(0 9 ? * MON *)'], { timezone: 'Europe/Berlin', guards: [null, 'exclude'] });
cr('0 30 2 * * *', refused(DST), { timezone: 'Europe/Berlin' });
cr('0 9 * * *', ['cron(0 9 * * ? *)'], { utcOffset: 120 });
cr('0 9 * * *', ['cron(0 9 * * ? *)'], { utcOffset: -300 });
cr('0 9 * * *', refused(/no IANA zone/), { utcOffset: 330 });
cr('0 9 * * *', refused(/both timeZone and utcOffset/), { utcOffset: 60, timezone: 'Europe/Berlin' });
cr('0 9 * * *', ['cron(0 9 * * ? *)'], { assumeTimezone: 'America/New_York' });
add({ dialect: 'cron', major: 3, expression: '0 9 * * *' }, '"0 9 * * *"', refused(/not verified/));
add({ dialect: 'cron', major: null, expression: '0 9 * * *' }, '"0 9 * * *"', refused(/version is unknown/));

// ---------------------------------------------------------------- node-schedule 2 (cron strings)
ns('0 9 1,15 * MON', ['cron(0 9 1,15 * ? *)', 'cron(0 9 ? * MON *)'], { guards: [null, 'exclude'] });
ns('*/5 * * * *', ['cron(0/5 * * * ? *)']);
ns('0 9 * * MON-FRI', ['cron(0 9 ? * MON-FRI *)']);
ns('0 9 * * 7', ['cron(0 9 ? * SUN *)']);
ns('0 9 * * 5L', ['cron(0 9 ? * 6L *)']);
ns('0 9 L * *', ['cron(0 9 L * ? *)']);
ns('0 0 1,L * *', ['cron(0 0 1 * ? *)', 'cron(0 0 L * ? *)']);
ns('0 0 L * 5', ['cron(0 0 L * ? *)', 'cron(0 0 ? * FRI *)'], { guards: [null, 'exclude'] });
ns('0 9 * * 1#2', ['cron(0 9 ? * 2#2 *)']);
ns('0 9 1 * 1#2', ['cron(0 9 ? * 2#2 *)']); // "#" applies after the OR: day 1 can never be a 2nd Monday
ns('0 9 ? * MON', ['cron(0 9 ? * MON *)']);
ns('0 9 * * 0-6', ['cron(0 9 * * ? *)']);
ns('0 9 1 * 0-6', ['cron(0 9 * * ? *)']); // 0-6 has 7 entries, not the 8 of "*": restricted, ORed
ns('0 9 1 * *', ['cron(0 9 1 * ? *)']);
ns('0 9 1 * 0-7', ['cron(0 9 1 * ? *)']);
ns('0 9 1-31 * MON', ['cron(0 9 ? * MON *)']);
ns('0 9 1-29 * MON', refused(/no exact EventBridge form/)); // OR in most months, Mondays only in February
ns('0 9 * * 2-7/2', ['cron(0 9 ? * SUN,TUE,THU,SAT *)']); // a range ending in 7 always adds Sunday
ns('0 9 * * 1-7/2', ['cron(0 9 ? * SUN,MON,WED,FRI *)']);
ns('0 0 29 2 *', ['cron(0 0 29 2 ? *)']);
ns('0 0 1-31 2 *', ['cron(0 0 * 2 ? *)']);
ns('30 * * * * *', ['cron(* * * * ? *)']);
ns('0 0 12 * * *', ['cron(0 12 * * ? *)']);
ns('@daily', ['cron(0 0 * * ? *)']);
ns('@weekly', ['cron(0 0 ? * SUN *)']);
ns('*/30 * * * * *', refused(SUB_MINUTE));
ns('@annually', refused(/fewer than 5 fields/));
ns('0 9 * *', refused(/fewer than 5 fields/));
ns('0 9 * * FRI-MON', refused(INVALID), { invalid: true });
ns('0 0 31 2 *', refused(INVALID), { invalid: true });
ns('0 0 30 2 *', refused(INVALID), { invalid: true });
ns('0 0 * * mon#1,wed', refused(INVALID), { invalid: true });
ns('0 9 15W * *', refused(INVALID), { invalid: true });
ns('0 0 0 1 1 * 2030', refused(INVALID), { invalid: true });
ns('0 9 * * 1-5', ['cron(0 9 ? * MON-FRI *)'], { timezone: 'Europe/Berlin' });
ns('0 0 L * *', ['cron(0 0 L * ? *)'], { timezone: 'America/New_York' });
ns('*/10 * * * *', refused(DST), { timezone: 'America/New_York' });

// ---------------------------------------------------------------- node-schedule 2 (RecurrenceRule / object specs)
rule({ hour: 9, minute: 30 }, ['cron(30 9 * * ? *)']);
rule({ hour: 9, minute: 0, dayOfWeek: [1, 2, 3, 4, 5] }, ['cron(0 9 ? * MON-FRI *)']);
rule({ minute: 0, dayOfWeek: { start: 1, end: 5 } }, ['cron(0 * ? * MON-FRI *)']);
rule({ minute: { start: 0, end: 30, step: 10 } }, ['cron(0,10,20 * * * ? *)']); // stepped Range end is exclusive
rule({ minute: { start: 0, end: 59, step: 15 } }, ['cron(0/15 * * * ? *)']);
rule({ minute: { start: 5 } }, ['cron(5-59 * * * ? *)']);
rule({ minute: [0, { start: 30, end: 35 }] }, ['cron(0,30-35 * * * ? *)']);
rule({ hour: { start: 0, end: 23, step: 6 }, minute: 0 }, ['cron(0 0/6 * * ? *)']);
rule({ date: 1, hour: 0, minute: 0 }, ['cron(0 0 1 * ? *)']);
rule({ date: 31, hour: 0, minute: 0 }, ['cron(0 0 31 * ? *)']);
rule({ month: 0, date: 1, hour: 0, minute: 0 }, ['cron(0 0 1 1 ? *)']);
rule({ month: 11, date: 25, hour: 8, minute: 0 }, ['cron(0 8 25 12 ? *)']);
rule({ month: { start: 0, end: 11, step: 3 }, date: 1, hour: 0, minute: 0 }, ['cron(0 0 1 1/3 ? *)']);
rule({ dayOfWeek: [0, 6], hour: 10, minute: 0 }, ['cron(0 10 ? * SUN,SAT *)']);
rule({ dayOfWeek: { start: 5, end: 7 }, hour: 12, minute: 0 }, ['cron(0 12 ? * FRI,SAT *)']);
rule({ date: [1, 15], dayOfWeek: 1, hour: 9, minute: 0 }, ['cron(0 9 1,15 * ? *)'], { guards: ['require'] });
rule({ date: { start: 1, end: 7 }, dayOfWeek: 2, hour: 9, minute: 0 }, ['cron(0 9 ? * 3#1 *)']);
rule({ date: { start: 22, end: 28 }, dayOfWeek: 5, hour: 17, minute: 0 }, ['cron(0 17 ? * 6#4 *)']);
rule({ second: 30, minute: 0 }, ['cron(0 * * * ? *)']);
rule({}, ['cron(* * * * ? *)']);
rule({ year: 2033, month: 5, date: 1, hour: 0, minute: 0 }, ['cron(0 0 1 6 ? 2033)']); // a number year is compared with *now*: keep it future
rule({ year: [2026, 2028], month: 1, date: 29, hour: 0, minute: 0 }, ['cron(0 0 29 2 ? 2026,2028)']);
rule({ hour: 9, minute: 0, tz: 'Europe/Berlin' }, ['cron(0 9 * * ? *)']);
rule({ hour: 9, minute: 0 }, ['cron(0 9 * * ? *)'], { timezone: 'America/New_York' });
rule({ hour: 9, minute: 0 }, ['cron(0 9 * * ? *)'], { assumeTimezone: 'Europe/Berlin' });
rule({ second: null, minute: 0 }, refused(SUB_MINUTE));
rule({ hour: 2, minute: 30, tz: 'Europe/Berlin' }, refused(DST));
rule({ hour: 9, minute: 0, tz: 'Europe/Berlin' }, refused(/conflicting timezones/), { timezone: 'Europe/Paris' });
rule({ month: 12 }, refused(/isValid/), { invalid: true });
rule({ dayOfWeek: 7 }, refused(/isValid/), { invalid: true });
rule({ month: 1, date: 30 }, refused(/isValid/), { invalid: true });
rule({ month: 3, date: 31 }, refused(/isValid/), { invalid: true });
rule({ hour: [24] }, refused(/isValid/), { invalid: true });
rule({ month: [3], date: 31 }, refused(/never fires/)); // valid for the library, which then loops forever
rule({ hour: { start: 22, end: 2 } }, refused(/never fires/));
rule({ year: { start: 2025 } }, refused(/never fires/)); // Range end defaults to 60
rule({ minute: { start: 0, end: 10, step: -1 } }, refused(/never end/));
rule({ minute: 'five' as unknown as number }, refused(/neither a number/));

// ---------------------------------------------------------------- node-schedule 1 (cron-parser 2), checked against node-schedule 1.3 itself
const ns1 = (expression: string, expected: Expectation, extra?: Extra) => add({ dialect: 'node-schedule', major: 1, expression }, `v1 ${JSON.stringify(expression)}`, expected, extra);
const rule1 = (spec: RecurrenceRuleSpec, expected: Expectation, extra?: Extra) => add({ dialect: 'node-schedule', major: 1, rule: spec }, `v1 rule ${JSON.stringify(spec)}`, expected, extra);
ns1('* * * * *', ['cron(* * * * ? *)']);
ns1('*/5 * * * *', ['cron(0/5 * * * ? *)']);
ns1('0 9 1,15 * MON', ['cron(0 9 1,15 * ? *)', 'cron(0 9 ? * MON *)'], { guards: [null, 'exclude'] });
ns1('0 9 * * MON-FRI', ['cron(0 9 ? * MON-FRI *)']);
ns1('0 9 * * 7', ['cron(0 9 ? * SUN *)']);
ns1('0 9 L * *', ['cron(0 9 L * ? *)']);
ns1('0 9 * * 1#2', ['cron(0 9 ? * 2#2 *)']);
ns1('0 9 1-31 * MON', ['cron(0 9 ? * MON *)']);
ns1('30 0 * * *', ['cron(30 0 * * ? *)']);
ns1('0 0 12 * * *', ['cron(0 12 * * ? *)']);
ns1('@daily', ['cron(0 0 * * ? *)']);
ns1('0 9 * * 1-5', ['cron(0 9 ? * MON-FRI *)'], { timezone: 'Europe/Berlin' });
ns1('0 9 * * 5L', refused(/rejects `L` in the day-of-week field/));
ns1('0 9 * * 1-7', refused(/range ending in 7 \("1-7"\) does not include Sunday in 1\.x/));
ns1('0 9 * * 2-7/2', refused(/range ending in 7/));
ns1('0 9 1-29 * MON', refused(/29 days of the month listed, 1\.x treats the day-of-month as restricted/));
ns1('5-5 9 * * *', refused(/rejects the range "5-5"/));
ns1('*/30 * * * * *', refused(SUB_MINUTE));
rule1({ hour: 9, minute: 30 }, ['cron(30 9 * * ? *)']);
rule1({ hour: 9, minute: 0, dayOfWeek: [1, 2, 3, 4, 5] }, ['cron(0 9 ? * MON-FRI *)']);
rule1({ minute: { start: 0, end: 30, step: 10 } }, ['cron(0,10,20 * * * ? *)']);
rule1({ date: [1, 15], dayOfWeek: 1, hour: 9, minute: 0 }, ['cron(0 9 1,15 * ? *)'], { guards: ['require'] });
rule1({ hour: 9, minute: 0, tz: 'Europe/Berlin' }, ['cron(0 9 * * ? *)']);

// ---------------------------------------------------------------- versions and inputs
add({ dialect: 'node-cron', major: null, expression: '0 9 * * 1-5' }, '"0 9 * * 1-5"', ['cron(0 9 ? * MON-FRI *)']);
add({ dialect: 'node-cron', major: null, expression: '*/15 * * * *' }, '"*/15 * * * *"', ['cron(0/15 * * * ? *)']);
add({ dialect: 'node-cron', major: null, expression: '5-59/10 * * * *' }, '"5-59/10 * * * *"', refused(/versions differ/));
add({ dialect: 'node-cron', major: null, expression: '0 9 * * FRI-MON' }, '"0 9 * * FRI-MON"', refused(/versions differ/));
add({ dialect: 'node-cron', major: 2, expression: '* * * * *' }, '"* * * * *"', refused(/not verified/));
add({ dialect: 'node-schedule', major: 3, expression: '* * * * *' }, '"* * * * *"', refused(/not verified/));
add({ dialect: 'node-schedule', major: null, expression: '* * * * *' }, '"* * * * *"', ['cron(* * * * ? *)']);
add({ dialect: 'node-schedule', major: null, expression: '0 9 * * 5L' }, '"0 9 * * 5L"', refused(/version is unknown and versions differ/));
add({ dialect: 'node-cron', major: 4, rule: { minute: 0 } }, 'rule', refused(/node-schedule only/));
add({ dialect: 'node-schedule', major: 2, expression: '* * * * *', rule: { minute: 0 } }, 'both', refused(/not both/));
add({ dialect: 'node-cron', major: 4 }, 'nothing', refused(/no cron expression/));

/** Every row of the table. */
export const TABLE: readonly TableRow[] = rows;
