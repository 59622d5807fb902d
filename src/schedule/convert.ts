/**
 * Conversion of one job's schedule to EventBridge: exact, or refused with a reason.
 */
import { planDays } from './day-plan';
import { describeNumbers } from './day-spec';
import { parseCron4 } from './dialects/cron-4';
import { parseCronParser2 } from './dialects/cron-parser-2';
import { parseCronParser4 } from './dialects/cron-parser-4';
import { parseNodeCron3 } from './dialects/node-cron-3';
import { parseNodeCron4 } from './dialects/node-cron-4';
import { parseRecurrenceRule } from './dialects/recurrence-rule';
import { findDstConflict } from './dst';
import { MAX_EXPRESSION_LENGTH, renderCron, renderNumbers } from './eventbridge';
import type { ParsedSchedule, ParseResult } from './model';
import { canonicalTimezone, isValidTimezone, zoneForUtcOffset } from './timezone';
import type { ConvertedSchedule, EventBridgeSchedule, RefusedSchedule, ScheduleConversion, ScheduleInput } from './types';

/** Library majors whose semantics were reproduced from their installed sources. */
const SUPPORTED_MAJORS: Record<ScheduleInput['dialect'], number[]> = {
  'node-cron': [3, 4],
  cron: [4],
  'node-schedule': [1, 2],
};

function refused(reason: string): RefusedSchedule {
  return { ok: false, reason };
}

function parse(input: ScheduleInput, major: number): ParseResult {
  const { dialect, expression, rule } = input;
  if (dialect === 'node-schedule') {
    if (rule && expression !== undefined) return refused('give either a cron expression or a RecurrenceRule, not both');
    if (rule) return parseRecurrenceRule(rule);
  } else if (rule) {
    return refused(`${dialect} schedules are cron expressions; a RecurrenceRule is node-schedule only`);
  }
  if (typeof expression !== 'string') return refused('no cron expression or rule given');
  if (dialect === 'node-cron') return major === 3 ? parseNodeCron3(expression) : parseNodeCron4(expression);
  if (dialect === 'cron') return parseCron4(expression);
  return major === 1 ? parseCronParser2(expression) : parseCronParser4(expression);
}

interface Zone {
  timezone: string;
  assumed: boolean;
  notes: string[];
}

function resolveZone(input: ScheduleInput, parsed: ParsedSchedule): Zone | RefusedSchedule {
  let explicit = input.timezone ?? null;
  if (parsed.timezone) {
    if (explicit !== null && explicit !== parsed.timezone) return refused(`conflicting timezones "${explicit}" and rule tz "${parsed.timezone}"`);
    explicit = parsed.timezone;
  }
  if (input.utcOffset !== undefined && input.utcOffset !== null) {
    if (input.dialect !== 'cron') return refused('utcOffset is an option of the cron package only');
    if (explicit !== null) return refused('cron rejects a job with both timeZone and utcOffset');
    const zone = zoneForUtcOffset(input.utcOffset);
    if (!zone) return refused(`utcOffset ${input.utcOffset} has no IANA zone (only whole hours between -12 and +14 do)`);
    return { timezone: zone, assumed: false, notes: [`utcOffset ${input.utcOffset} minutes is the fixed zone ${zone}`] };
  }
  if (explicit === '') return refused('empty timezone option: the libraries disagree on whether it means local time or UTC');
  if (explicit !== null) {
    if (!isValidTimezone(explicit)) return refused(`unknown timezone "${explicit}"`);
    return { timezone: canonicalTimezone(explicit), assumed: false, notes: [] };
  }
  const host = input.assumeTimezone ?? 'UTC';
  if (!isValidTimezone(host)) return refused(`unknown host timezone "${host}"`);
  const timezone = canonicalTimezone(host);
  // No note: `timezoneAssumed` says it, and the planner reports it once per job.
  return { timezone, assumed: true, notes: [] };
}

function convertParsed(input: ScheduleInput, parsed: ParsedSchedule): ScheduleConversion {
  const zone = resolveZone(input, parsed);
  if ('ok' in zone) return zone;
  const notes = [...parsed.notes, ...zone.notes];

  if (parsed.seconds.length > 1) {
    return refused(`${parsed.library} fires ${parsed.seconds.length} times a minute (seconds ${describeNumbers(parsed.seconds)}); EventBridge schedules at most once a minute`);
  }
  const second = parsed.seconds[0];
  if (second !== 0) notes.push(`seconds field dropped: ${parsed.library} fires at second ${second}, EventBridge at second 0 of the same minute`);
  if (!parsed.minutes.length || !parsed.hours.length || !parsed.months.length) return refused(`the schedule never fires in ${parsed.library}`);

  const plan = planDays(parsed);
  if (!plan.ok) return refused(plan.reason);
  notes.push(...plan.notes);

  const zonesToCheck = [zone.timezone];
  // node-cron 3 reads a timezone by parsing a formatted local-time string in the *host* zone
  // (time-matcher.js apply()), so the host's DST changes matter too.
  if (parsed.library === 'node-cron 3' && !zone.assumed) zonesToCheck.push(canonicalTimezone(input.assumeTimezone ?? 'UTC'));
  for (const tz of new Set(zonesToCheck)) {
    if (tz === 'UTC') continue;
    const conflict = findDstConflict(parsed, tz);
    if (conflict) return refused(`no exact conversion across DST changes: ${conflict}; ${parsed.library} and EventBridge Scheduler handle such times differently`);
  }

  const fields = {
    minutes: renderNumbers(parsed.minutes, 0, 59),
    hours: renderNumbers(parsed.hours, 0, 23),
    month: renderNumbers(parsed.months, 1, 12),
    year: parsed.years === null ? '*' : renderNumbers(parsed.years, 1970, 2199),
  };
  const schedules: EventBridgeSchedule[] = plan.entries.map((e) => {
    const expression = renderCron({ ...fields, dayOfMonth: e.dayOfMonth, dayOfWeek: e.dayOfWeek });
    return e.guard ? { expression, guard: e.guard } : { expression };
  });
  const tooLong = schedules.find((s) => s.expression.length > MAX_EXPRESSION_LENGTH);
  if (tooLong) return refused(`the EventBridge expression would be ${tooLong.expression.length} characters long (limit ${MAX_EXPRESSION_LENGTH})`);
  if (schedules.some((s) => s.guard)) notes.push('a runtime guard in the handler skips invocations on days the original would not run');

  const result: ConvertedSchedule = {
    ok: true,
    expressions: schedules.map((s) => s.expression),
    schedules,
    timezone: zone.timezone,
    timezoneAssumed: zone.assumed,
    notes,
  };
  return result;
}

function convertMajor(input: ScheduleInput, major: number): ScheduleConversion {
  const parsed = parse(input, major);
  return parsed.ok ? convertParsed(input, parsed.schedule) : parsed;
}

/** What two conversions schedule, ignoring wording. */
function fingerprint(c: ConvertedSchedule): string {
  return JSON.stringify([c.timezone, c.schedules.map((s) => [s.expression, s.guard && { ...s.guard, why: '' }])]);
}

/**
 * Converts a node-cron, `cron` or node-schedule schedule to EventBridge `cron(...)`
 * expressions. The result is exact (same fire minutes, from the same timezone, possibly
 * split into several schedules and/or guarded at runtime) or refused with a reason.
 *
 * @example
 * import { toEventBridgeSchedule } from 'lambdashift';
 * toEventBridgeSchedule({ dialect: 'node-cron', major: 3, expression: '30 8 * * 1-5', timezone: 'Europe/Berlin' });
 * // → { ok: true, expressions: ['cron(30 8 ? * MON-FRI *)'], timezone: 'Europe/Berlin', timezoneAssumed: false, … }
 * toEventBridgeSchedule({ dialect: 'cron', major: 4, expression: '15,45 * * * * *' });
 * // → { ok: false, reason: 'cron 4 fires 2 times a minute (seconds 15,45); EventBridge schedules at most once a minute' }
 */
export function toEventBridgeSchedule(input: ScheduleInput): ScheduleConversion {
  const supported = SUPPORTED_MAJORS[input.dialect];
  if (!supported) return refused(`unknown scheduling library "${String(input.dialect)}"`);
  const major = input.major ?? null;
  if (major !== null) {
    if (!supported.includes(major)) return refused(`${input.dialect} ${major}.x semantics are not verified (supported: ${supported.join(', ')})`);
    return convertMajor(input, major);
  }
  if (supported.length === 1) return refused(`the installed ${input.dialect} version is unknown; only ${input.dialect} ${supported[0]}.x semantics are verified`);
  // node-cron 3 and 4 read many expressions differently; accept an unknown version only when
  // both read this one the same way.
  const results = supported.map((m) => convertMajor(input, m));
  const [first, ...rest] = results;
  if (results.every((r) => r.ok) && rest.every((r) => fingerprint(r as ConvertedSchedule) === fingerprint(first as ConvertedSchedule))) {
    const last = results[results.length - 1] as ConvertedSchedule;
    return { ...last, notes: [...last.notes, `${input.dialect} version unknown: versions ${supported.join(' and ')} schedule this identically`] };
  }
  const outcomes = results.map((r, i) => `${supported[i]}.x: ${r.ok ? r.expressions.join(' + ') : `refused (${r.reason})`}`).join('; ');
  return refused(`the installed ${input.dialect} version is unknown and versions differ on this schedule (${outcomes})`);
}
