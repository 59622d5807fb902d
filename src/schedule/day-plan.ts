/**
 * Day planning: which EventBridge day fields (and runtime guards) reproduce the source
 * library's day rule. Candidates are generated from the source's day fields and each one is
 * *proved* against the library's rule on every day of every month shape (see calendar.ts):
 * on each day the job must fire through exactly one schedule when the library fires, and
 * through none otherwise. The first proven candidate wins; if none is proven, the job is refused.
 */
import { allDayContexts, DayContext } from './calendar';
import {
  describeDayOfMonth,
  describeDayOfWeek,
  isFullDayOfMonth,
  isFullDayOfWeek,
  isPlainDayOfMonth,
  isPlainDayOfWeek,
  matchesDayOfMonth,
  matchesDayOfWeek,
  normalizeDayOfMonth,
  normalizeDayOfWeek,
} from './day-spec';
import { renderLastWeekday, renderNthWeekday, renderNumbers, renderWeekdays } from './eventbridge';
import type { ParsedSchedule } from './model';
import type { DayGuard, DayOfMonthSpec, DayOfWeekSpec } from './types';

/** More schedules than this for one job are refused in favour of a guard (or a refusal). */
export const MAX_SCHEDULES = 5;

/** One EventBridge schedule's day fields, what they match, and its guard. */
export interface DayEntry {
  dayOfMonth: string;
  dayOfWeek: string;
  matches: (ctx: DayContext) => boolean;
  guard?: DayGuard;
}

/** Result of planning the day fields. */
export type DayPlan = { ok: true; entries: DayEntry[]; notes: string[] } | { ok: false; reason: string };

interface Candidate {
  entries: DayEntry[];
  note?: string;
}

/** Runtime evaluation of a guard on a day (the same semantics as guardMatches). */
export function guardAllows(guard: DayGuard | undefined, ctx: DayContext): boolean {
  if (!guard) return true;
  const hit = guard.dayOfMonth ? matchesDayOfMonth(guard.dayOfMonth, ctx) : matchesDayOfWeek(guard.dayOfWeek as DayOfWeekSpec, ctx);
  return guard.mode === 'require' ? hit : !hit;
}

/**
 * EventBridge schedules for a day-of-month condition alone, or a reason why there are none.
 * `nW` is emitted only for days every month has: for a day a month lacks, node-cron skips the
 * month while Quartz-style evaluators fall back to an earlier weekday.
 */
function dayOfMonthEntries(spec: DayOfMonthSpec): DayEntry[] | string {
  if (spec.lastOffsets?.length) return 'EventBridge has no "L-n" (n days before the last day)';
  if (spec.lastWeekday) return 'EventBridge does not document "LW" (last weekday of the month)';
  const late = spec.nearestWeekday?.find((t) => t > 28);
  if (late !== undefined) return `"${late}W" is not portable: months without day ${late} behave differently in EventBridge`;
  const entries: DayEntry[] = [];
  if (spec.days.length) {
    const days = { days: spec.days };
    entries.push({ dayOfMonth: isFullDayOfMonth(spec) ? '*' : renderNumbers(spec.days, 1, 31), dayOfWeek: '?', matches: (c) => matchesDayOfMonth(days, c) });
  }
  if (spec.last) entries.push({ dayOfMonth: 'L', dayOfWeek: '?', matches: (c) => c.day === c.daysInMonth });
  for (const t of spec.nearestWeekday ?? []) {
    const one = { days: [], nearestWeekday: [t] };
    entries.push({ dayOfMonth: `${t}W`, dayOfWeek: '?', matches: (c) => matchesDayOfMonth(one, c) });
  }
  return entries;
}

/** EventBridge schedules for a day-of-week condition alone. */
function dayOfWeekEntries(spec: DayOfWeekSpec): DayEntry[] {
  const entries: DayEntry[] = [];
  if (spec.days.length) {
    const days = { days: spec.days };
    const full = isFullDayOfWeek(spec);
    entries.push({ dayOfMonth: full ? '*' : '?', dayOfWeek: full ? '?' : renderWeekdays(spec.days), matches: (c) => matchesDayOfWeek(days, c) });
  }
  for (const t of spec.nth ?? []) {
    const one = { days: [], nth: [t] };
    entries.push({ dayOfMonth: '?', dayOfWeek: renderNthWeekday(t.weekday, t.n), matches: (c) => matchesDayOfWeek(one, c) });
  }
  for (const w of spec.last ?? []) {
    const one = { days: [], last: [w] };
    entries.push({ dayOfMonth: '?', dayOfWeek: renderLastWeekday(w), matches: (c) => matchesDayOfWeek(one, c) });
  }
  return entries;
}

/** Weeks of the month (1-5) whose days 7k+1..7k+7 (29-31 for the 5th) are all in `days`. */
function fullWeeksOfMonth(days: readonly number[]): number[] | null {
  const set = new Set(days);
  const weeks: number[] = [];
  for (let week = 1; week <= 5; week++) {
    const block: number[] = [];
    for (let d = 7 * (week - 1) + 1; d <= Math.min(7 * week, 31); d++) block.push(d);
    const hits = block.filter((d) => set.has(d)).length;
    if (hits === block.length) weeks.push(week);
    else if (hits > 0) return null;
  }
  return weeks;
}

function withGuard(entries: DayEntry[], guard: DayGuard): DayEntry[] {
  return entries.map((e) => ({ ...e, guard }));
}

/** True when the entries fire exactly once on the library's days and never on other days. */
function proves(entries: DayEntry[], days: DayContext[], truth: boolean[]): boolean {
  return days.every((ctx, i) => {
    const fired = entries.filter((e) => e.matches(ctx) && guardAllows(e.guard, ctx)).length;
    return fired === (truth[i] ? 1 : 0);
  });
}

/** How many days an entry list triggers an invocation on (before guards): the cost of a guard. */
function invocationCount(entries: DayEntry[], days: DayContext[]): number {
  return days.filter((ctx) => entries.some((e) => e.matches(ctx))).length;
}

/** Finds EventBridge day fields (and guards) that reproduce `schedule.dayRule` exactly. */
export function planDays(schedule: ParsedSchedule): DayPlan {
  const days = allDayContexts(schedule.months);
  const truth = days.map((ctx) => schedule.dayRule(ctx));
  if (!truth.some(Boolean)) return { ok: false, reason: `the schedule never fires: no day matches its day and month fields in ${schedule.library}` };

  const dom = normalizeDayOfMonth(schedule.dayOfMonth);
  const dow = normalizeDayOfWeek(schedule.dayOfWeek);
  const domText = isFullDayOfMonth(dom) ? '*' : describeDayOfMonth(dom);
  const dowText = isFullDayOfWeek(dow) ? '*' : describeDayOfWeek(dow);
  const domEntries = dayOfMonthEntries(dom);
  const dowEntries = dayOfWeekEntries(dow);
  const problems: string[] = typeof domEntries === 'string' ? [domEntries] : [];
  const candidates: Candidate[] = [{ entries: [{ dayOfMonth: '*', dayOfWeek: '?', matches: () => true }] }];
  if (typeof domEntries !== 'string') candidates.push({ entries: domEntries });
  candidates.push({ entries: dowEntries });

  // AND of whole weeks of the month with plain weekdays: "days 1-7 and Monday" is `2#1`.
  const weeks = isPlainDayOfMonth(dom) && isPlainDayOfWeek(dow) ? fullWeeksOfMonth(dom.days) : null;
  if (weeks?.length) {
    const nth = dow.days.flatMap((weekday) => weeks.map((n) => ({ weekday, n })));
    candidates.push({ entries: dayOfWeekEntries({ days: [], nth }), note: `day-of-month ${domText} AND day-of-week ${dowText} expressed as nth weekdays (#)` });
  }

  const orWhy = (covered: string, other: string) =>
    `${schedule.library} runs the job when day-of-month (${domText}) OR day-of-week (${dowText}) matches. ` +
    `EventBridge takes one day field per schedule, so the job has a second schedule for the ${covered}; ` +
    `this check skips days the ${other} schedule already fires on, so the job never runs twice.`;
  const andWhy = (enforced: 'day-of-month' | 'day-of-week') =>
    `${schedule.library} runs the job only when day-of-month (${domText}) AND day-of-week (${dowText}) both match. ` +
    `EventBridge cannot combine the two fields, so the schedule fires on the ${enforced === 'day-of-month' ? 'day-of-week' : 'day-of-month'} ` +
    `condition and this check enforces the ${enforced} condition.`;
  // Guards are plain runtime code, so they may use forms EventBridge lacks (L-n, LW, ...).
  const guarded = [withGuard(dowEntries, { mode: 'require', dayOfMonth: dom, why: andWhy('day-of-month') })];
  if (typeof domEntries !== 'string') {
    const split = 'day-of-month OR day-of-week split into separate schedules';
    candidates.push({ entries: [...domEntries, ...withGuard(dowEntries, { mode: 'exclude', dayOfMonth: dom, why: orWhy('day of week', 'day-of-month') })], note: split });
    candidates.push({ entries: [...withGuard(domEntries, { mode: 'exclude', dayOfWeek: dow, why: orWhy('day of month', 'day-of-week') }), ...dowEntries], note: split });
    guarded.push(withGuard(domEntries, { mode: 'require', dayOfWeek: dow, why: andWhy('day-of-week') }));
  }
  // Schedule on whichever field fires less often, and guard the other.
  guarded.sort((a, b) => invocationCount(a, days) - invocationCount(b, days));
  for (const entries of guarded) candidates.push({ entries, note: 'day-of-month AND day-of-week enforced by a runtime guard' });

  for (const candidate of candidates) {
    if (candidate.entries.length === 0 || candidate.entries.length > MAX_SCHEDULES) continue;
    if (proves(candidate.entries, days, truth)) return { ok: true, entries: candidate.entries, notes: candidate.note ? [candidate.note] : [] };
  }
  const detail = problems.length ? `; ${problems.join('; ')}` : '';
  return {
    ok: false,
    reason: `${schedule.library} day rule (day-of-month ${domText || 'none'}, day-of-week ${dowText || 'none'}, ${schedule.dayLogic.toUpperCase()}) has no exact EventBridge form${detail}`,
  };
}
