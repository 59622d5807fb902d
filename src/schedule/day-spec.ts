/**
 * Matching, normalising and describing day-of-month / day-of-week conditions. The same
 * semantics serve three purposes: the source dialects' day fields, the EventBridge day fields
 * the converter emits (`L`, `nW`, `#`, `nL` mean the same there), and runtime guards.
 */
import { DayContext, nearestWeekday, occurrenceInMonth } from './calendar';
import type { DayOfMonthSpec, DayOfWeekSpec } from './types';

const WEEKDAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/** True when the day matches the day-of-month condition. */
export function matchesDayOfMonth(spec: DayOfMonthSpec, ctx: DayContext): boolean {
  if (spec.days.includes(ctx.day)) return true;
  if (spec.last && ctx.day === ctx.daysInMonth) return true;
  if (spec.lastOffsets?.some((n) => ctx.daysInMonth - n >= 1 && ctx.daysInMonth - n === ctx.day)) return true;
  if (spec.nearestWeekday?.some((target) => nearestWeekday(ctx, target) === ctx.day)) return true;
  if (spec.lastWeekday && nearestWeekday(ctx, ctx.daysInMonth) === ctx.day) return true;
  return false;
}

/** True when the day matches the day-of-week condition. */
export function matchesDayOfWeek(spec: DayOfWeekSpec, ctx: DayContext): boolean {
  if (spec.days.includes(ctx.weekday)) return true;
  if (spec.nth?.some((t) => t.weekday === ctx.weekday && occurrenceInMonth(ctx.day) === t.n)) return true;
  if (spec.last?.some((w) => w === ctx.weekday && ctx.day + 7 > ctx.daysInMonth)) return true;
  return false;
}

/** Sorted, de-duplicated integers. */
export function sortedUnique(values: Iterable<number>): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
}

/** A day-of-month spec with sorted members and empty special lists removed. */
export function normalizeDayOfMonth(spec: DayOfMonthSpec): DayOfMonthSpec {
  const out: DayOfMonthSpec = { days: sortedUnique(spec.days) };
  if (spec.last) out.last = true;
  if (spec.lastOffsets?.length) out.lastOffsets = sortedUnique(spec.lastOffsets);
  if (spec.nearestWeekday?.length) out.nearestWeekday = sortedUnique(spec.nearestWeekday);
  if (spec.lastWeekday) out.lastWeekday = true;
  return out;
}

/** A day-of-week spec with sorted members, empty lists removed and redundant specials dropped. */
export function normalizeDayOfWeek(spec: DayOfWeekSpec): DayOfWeekSpec {
  const days = sortedUnique(spec.days);
  const out: DayOfWeekSpec = { days };
  // "Every Monday" already contains "the 2nd Monday" and "the last Monday".
  const nth = (spec.nth ?? []).filter((t) => !days.includes(t.weekday));
  const uniqueNth = [...new Map(nth.map((t) => [`${t.weekday}#${t.n}`, t])).values()].sort(
    (a, b) => a.weekday - b.weekday || a.n - b.n,
  );
  if (uniqueNth.length) out.nth = uniqueNth;
  const last = sortedUnique((spec.last ?? []).filter((w) => !days.includes(w)));
  if (last.length) out.last = last;
  return out;
}

/** True when the day-of-month spec has only plain days. */
export function isPlainDayOfMonth(spec: DayOfMonthSpec): boolean {
  return !spec.last && !spec.lastOffsets?.length && !spec.nearestWeekday?.length && !spec.lastWeekday;
}

/** True when the day-of-week spec has only plain weekdays. */
export function isPlainDayOfWeek(spec: DayOfWeekSpec): boolean {
  return !spec.nth?.length && !spec.last?.length;
}

/** True when the spec is every day of the month (1-31, nothing else needed). */
export function isFullDayOfMonth(spec: DayOfMonthSpec): boolean {
  return spec.days.length === 31 && new Set(spec.days).size === 31;
}

/** True when the spec is every day of the week. */
export function isFullDayOfWeek(spec: DayOfWeekSpec): boolean {
  return new Set(spec.days.filter((d) => d >= 0 && d <= 6)).size === 7;
}

/** Compact text for a list of integers: `1-5,10,20-22`. */
export function describeNumbers(values: readonly number[]): string {
  const sorted = sortedUnique(values);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(j - i >= 2 ? `${sorted[i]}-${sorted[j]}` : sorted.slice(i, j + 1).join(','));
    i = j + 1;
  }
  return parts.join(',');
}

/** Human-readable day-of-month condition for notes and guard comments. */
export function describeDayOfMonth(spec: DayOfMonthSpec): string {
  const parts: string[] = [];
  if (spec.days.length) parts.push(describeNumbers(spec.days));
  if (spec.last) parts.push('the last day');
  for (const n of spec.lastOffsets ?? []) parts.push(`${n} day(s) before the last day`);
  for (const t of spec.nearestWeekday ?? []) parts.push(`the weekday nearest the ${t}th`);
  if (spec.lastWeekday) parts.push('the last weekday');
  return parts.join(' or ');
}

/** Human-readable day-of-week condition for notes and guard comments. */
export function describeDayOfWeek(spec: DayOfWeekSpec): string {
  const parts: string[] = [];
  if (spec.days.length) parts.push(sortedUnique(spec.days).map((d) => WEEKDAY_NAMES[d]).join(','));
  for (const t of spec.nth ?? []) parts.push(`${WEEKDAY_NAMES[t.weekday]}#${t.n}`);
  for (const w of spec.last ?? []) parts.push(`the last ${WEEKDAY_NAMES[w]}`);
  return parts.join(' or ');
}
